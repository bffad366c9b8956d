import { InputError } from '@backstage/errors';
import yaml from 'yaml';

/**
 * An optional `spec` input: an object, JSON/YAML text of one, or empty text
 * (what a template hands over for `${{ parameters.x }}` when x was not set).
 */
export function parseSpecInput<T extends object>(
  spec: unknown,
  what: string,
): Partial<T> {
  let value: unknown = spec;
  if (typeof spec === 'string') {
    try {
      // No aliases: a spec is a few settings, never a billion laughs.
      value = yaml.parse(spec, { maxAliasCount: 0 });
    } catch (error) {
      throw new InputError(
        `spec is not a YAML or JSON object of ${what}: ${
          (error as Error).message.split('\n')[0]
        }`,
      );
    }
  }
  if (value === undefined || value === null || value === '') {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      `spec must be an object of ${what}, got ${JSON.stringify(value)}`,
    );
  }
  return value as Partial<T>;
}
