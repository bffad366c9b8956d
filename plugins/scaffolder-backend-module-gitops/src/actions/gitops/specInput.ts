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
  const value = typeof spec === 'string' ? yaml.parse(spec) : spec;
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
