import { GitopsFileError } from '../errors';

/** Parses a kustomize `envs` file: KEY=VALUE lines, `#` comments, blank lines. */
export function parseEnvFile(
  file: string,
  text: string,
): Record<string, string> {
  const values: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new GitopsFileError({
        file,
        line: index + 1,
        message: `expected KEY=VALUE, found '${line}'`,
      });
    }
    values[line.slice(0, equals)] = line.slice(equals + 1);
  });
  return values;
}

/** Splits a configMapGenerator literal `KEY=VALUE`. */
export function splitLiteral(literal: string): [string, string] {
  const equals = literal.indexOf('=');
  return equals < 0
    ? [literal, '']
    : [literal.slice(0, equals), literal.slice(equals + 1)];
}
