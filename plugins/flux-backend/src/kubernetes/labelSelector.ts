import { InputError } from '@backstage/errors';

/** One requirement of a Kubernetes label selector. */
export type LabelRequirement =
  | { key: string; operator: 'Exists' | 'DoesNotExist' }
  | { key: string; operator: 'Equals' | 'NotEquals'; value: string }
  | { key: string; operator: 'In' | 'NotIn'; values: string[] };

/** A parsed label selector: matches label sets, prints back canonically. */
export interface LabelSelector {
  readonly text: string;
  readonly requirements: LabelRequirement[];
  matches(labels: Record<string, string> | undefined): boolean;
}

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;

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

function parseRequirement(text: string, source: string): LabelRequirement {
  const set = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(
    text,
  );
  if (set) {
    const values = set[4]
      .split(',')
      .map(v => v.trim())
      .filter(v => v.length > 0);
    if (
      values.length === 0 ||
      values.some(v => !new RegExp(`^${VALUE}$`).test(v))
    ) {
      throw new InputError(
        `Invalid label selector '${source}': bad values in '${text}'`,
      );
    }
    return { key: set[1], operator: set[3] === 'in' ? 'In' : 'NotIn', values };
  }
  const equality = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(
    text,
  );
  if (equality) {
    return {
      key: equality[1],
      operator: equality[3] === '!=' ? 'NotEquals' : 'Equals',
      value: equality[4],
    };
  }
  const absent = new RegExp(`^!\\s*(${KEY})$`).exec(text);
  if (absent) return { key: absent[1], operator: 'DoesNotExist' };
  if (new RegExp(`^${KEY}$`).test(text))
    return { key: text, operator: 'Exists' };
  throw new InputError(
    `Invalid label selector '${source}': cannot read '${text}'; use key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  );
}

function format(requirement: LabelRequirement): string {
  switch (requirement.operator) {
    case 'Exists':
      return requirement.key;
    case 'DoesNotExist':
      return `!${requirement.key}`;
    case 'Equals':
      return `${requirement.key}=${requirement.value}`;
    case 'NotEquals':
      return `${requirement.key}!=${requirement.value}`;
    case 'In':
      return `${requirement.key} in (${requirement.values.join(',')})`;
    default:
      return `${requirement.key} notin (${requirement.values.join(',')})`;
  }
}

/** Parses a label selector as `kubectl -l` reads it. */
export function parseLabelSelector(selector: string): LabelSelector {
  const requirements = splitTopLevel(selector).map(r =>
    parseRequirement(r, selector),
  );
  if (requirements.length === 0) {
    throw new InputError(
      `Invalid label selector '${selector}': it selects everything`,
    );
  }
  return {
    text: requirements.map(format).join(','),
    requirements,
    matches(labels) {
      return requirements.every(r => {
        const value = labels?.[r.key];
        switch (r.operator) {
          case 'Exists':
            return value !== undefined;
          case 'DoesNotExist':
            return value === undefined;
          case 'Equals':
            return value === r.value;
          case 'NotEquals':
            return value !== r.value;
          case 'In':
            return value !== undefined && r.values.includes(value);
          default:
            return value === undefined || !r.values.includes(value);
        }
      });
    },
  };
}
