/**
 * Label and field selectors as the API server reads them: equality (`=`,
 * `==`, `!=`), set (`in`, `notin`) and existence (`key`, `!key`) for labels;
 * equality on dotted paths for fields.
 */

type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export class SelectorError extends Error {}

/** Splits on commas that are not inside `( )`. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function parseRequirement(text: string): Requirement {
  const set = /^([^\s!=]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (set) {
    return {
      key: set[1],
      op: set[2] as 'in' | 'notin',
      values: set[3]
        .split(',')
        .map(v => v.trim())
        .filter(v => v.length > 0),
    };
  }
  const equality = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/.exec(text);
  if (equality) {
    return {
      key: equality[1],
      op: equality[2] === '!=' ? 'neq' : 'eq',
      value: equality[3],
    };
  }
  const notExists = /^!\s*([^\s!=]+)$/.exec(text);
  if (notExists) {
    return { key: notExists[1], op: 'notexists' };
  }
  if (/^[^\s!=(),]+$/.test(text)) {
    return { key: text, op: 'exists' };
  }
  throw new SelectorError(`unable to parse requirement: ${text}`);
}

export type Matcher = (values: (key: string) => string | undefined) => boolean;

export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector) {
    return () => true;
  }
  const requirements = splitTopLevel(selector).map(parseRequirement);
  return get =>
    requirements.every(r => {
      const value = get(r.key);
      switch (r.op) {
        case 'exists':
          return value !== undefined;
        case 'notexists':
          return value === undefined;
        case 'eq':
          return value === r.value;
        case 'neq':
          return value !== r.value;
        case 'in':
          return value !== undefined && r.values.includes(value);
        case 'notin':
          return value === undefined || !r.values.includes(value);
        default:
          return false;
      }
    });
}

export function parseFieldSelector(selector: string | null): Matcher {
  if (!selector) {
    return () => true;
  }
  const requirements = splitTopLevel(selector).map(text => {
    const requirement = parseRequirement(text);
    if (requirement.op !== 'eq' && requirement.op !== 'neq') {
      throw new SelectorError(
        `field selectors support only =, == and !=: ${text}`,
      );
    }
    return requirement;
  });
  return get =>
    requirements.every(r =>
      r.op === 'eq'
        ? (get(r.key) ?? '') === r.value
        : (get(r.key) ?? '') !== r.value,
    );
}

/** Reads a dotted path (`involvedObject.name`) of an object as a string. */
export function fieldOf(object: unknown, path: string): string | undefined {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || current === null) {
    return undefined;
  }
  return String(current);
}
