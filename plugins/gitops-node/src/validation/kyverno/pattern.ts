import { PolicyLocation, invalid, unsupported } from './errors';
import { PathSegment, describeValue, formatPath, isPlainObject } from './paths';
import { parseDuration, parseQuantity } from './quantity';
import { containsWildcard, wildcardMatch } from './wildcard';

/**
 * The anchors of Kyverno's validate patterns, by their prefix:
 * `(key)` conditional, `<(key)` global conditional, `=(key)` equality
 * (check only if present), `^(key)` existence (some list element matches),
 * `X(key)` negation (key must be absent). `+(key)` only exists for mutation.
 */
export type AnchorType =
  | 'conditional'
  | 'global'
  | 'equality'
  | 'existence'
  | 'negation'
  | 'addIfNotPresent';

const ANCHOR_TYPES: Record<string, AnchorType> = {
  '': 'conditional',
  '<': 'global',
  '=': 'equality',
  '^': 'existence',
  X: 'negation',
  '+': 'addIfNotPresent',
};

export interface Anchor {
  type: AnchorType;
  key: string;
}

/** Parses `=(initContainers)` and friends; plain keys give undefined. */
export function parseAnchor(patternKey: string): Anchor | undefined {
  // Same grammar as Kyverno's pkg/engine/anchor: ^([+<=X^])?\((.+)\)$
  const match = /^([+<=X^])?\((.+)\)$/.exec(patternKey.trim());
  if (!match) {
    return undefined;
  }
  return { type: ANCHOR_TYPES[match[1] ?? ''], key: match[2] };
}

/** What a pattern says about a resource. */
export type PatternOutcome =
  | { status: 'pass' }
  | {
      /** A conditional or global anchor did not hold: the rule does not apply. */
      status: 'skip' | 'fail';
      path: PathSegment[];
      /** Why, in words, without the path. */
      detail: string;
    };

/**
 * Kyverno tells failures apart by the anchor that produced them: conditional
 * and global anchor mismatches make an element (or the whole rule) skip,
 * everything else fails.
 */
type Mismatch = {
  kind: 'fail' | 'negation' | 'conditional' | 'global';
  path: PathSegment[];
  detail: string;
};

type Result = Mismatch | undefined;

function isSkip(result: Mismatch): boolean {
  return result.kind === 'conditional' || result.kind === 'global';
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

/**
 * Checks once, before any resource is looked at, that a pattern only uses
 * what {@link matchPattern} implements, so an unsupported construct throws
 * whatever the resource is.
 */
export function assertSupportedPattern(
  pattern: unknown,
  at: PolicyLocation,
  where: PathSegment[] = [],
): void {
  const here = () => formatPath(where) || 'the pattern root';
  if (isScalar(pattern)) {
    if (typeof pattern === 'string') {
      if (pattern.includes('{{')) {
        unsupported(at, `the variable in '${pattern}' at ${here()}`);
      }
      if (pattern.includes('$(')) {
        unsupported(at, `the reference in '${pattern}' at ${here()}`);
      }
    }
    return;
  }
  if (Array.isArray(pattern)) {
    if (pattern.length === 0) {
      invalid(at, `the list pattern at ${here()} is empty`);
    }
    if (pattern.length > 1) {
      // Kyverno silently uses only the first element of such a list.
      unsupported(
        at,
        `a list pattern with ${pattern.length} elements at ${here()}`,
      );
    }
    if (Array.isArray(pattern[0])) {
      unsupported(at, `a list of lists at ${here()}`);
    }
    assertSupportedPattern(pattern[0], at, [...where, 0]);
    return;
  }
  if (!isPlainObject(pattern)) {
    invalid(at, `unexpected ${typeof pattern} at ${here()}`);
  }
  for (const [key, value] of Object.entries(pattern)) {
    const anchor = parseAnchor(key);
    const name = anchor?.key ?? key;
    if (key.includes('{{')) {
      unsupported(at, `the variable in key '${key}' at ${here()}`);
    }
    if (containsWildcard(name)) {
      unsupported(at, `the wildcard key '${key}' at ${here()}`);
    }
    if (anchor?.type === 'addIfNotPresent') {
      unsupported(
        at,
        `the add-if-not-present anchor '${key}' (mutate only) at ${here()}`,
      );
    }
    if (
      anchor?.type === 'existence' &&
      !(Array.isArray(value) && value.every(isPlainObject))
    ) {
      invalid(
        at,
        `the existence anchor '${key}' at ${here()} must hold a list of objects`,
      );
    }
    if (anchor?.type === 'existence' && Array.isArray(value)) {
      // Every element is a pattern of its own here.
      value.forEach((element, index) =>
        assertSupportedPattern(element, at, [...where, name, index]),
      );
      continue;
    }
    assertSupportedPattern(value, at, [...where, name]);
  }
}

function containsAnchors(pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some(containsAnchors);
  }
  if (isPlainObject(pattern)) {
    return Object.entries(pattern).some(
      ([key, value]) =>
        parseAnchor(key) !== undefined || containsAnchors(value),
    );
  }
  return false;
}

function has(map: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

function missingOrWrongType(
  value: unknown,
  expected: string,
): { detail: string } {
  return value === undefined || value === null
    ? { detail: 'required field is missing' }
    : { detail: `expected ${expected}, found ${describeValue(value)}` };
}

function validateElement(
  value: unknown,
  pattern: unknown,
  path: PathSegment[],
): Result {
  if (isPlainObject(pattern)) {
    if (!isPlainObject(value)) {
      return { kind: 'fail', path, ...missingOrWrongType(value, 'an object') };
    }
    return validateMap(value, pattern, path);
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) {
      return { kind: 'fail', path, ...missingOrWrongType(value, 'a list') };
    }
    return validateArray(value, pattern, path);
  }
  if (isScalar(pattern)) {
    // A scalar pattern against a list applies to every element.
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (!matchScalar(value[index], pattern)) {
          return scalarMismatch(value[index], pattern, [...path, index]);
        }
      }
      return undefined;
    }
    return matchScalar(value, pattern)
      ? undefined
      : scalarMismatch(value, pattern, path);
  }
  // assertSupportedPattern rejects everything else before evaluation.
  throw new Error(`Unexpected pattern value at ${formatPath(path)}`);
}

function scalarMismatch(
  value: unknown,
  pattern: string | number | boolean | null,
  path: PathSegment[],
): Mismatch {
  const expected = describeValue(pattern);
  return {
    kind: 'fail',
    path,
    detail:
      value === undefined
        ? `field is missing; expected ${expected}`
        : `${expected} does not match ${describeValue(value)}`,
  };
}

const ANCHOR_ORDER: AnchorType[] = [
  // Conditions first: when one does not hold, the element is skipped, not
  // failed, whatever the other keys say.
  'conditional',
  'global',
  'equality',
  'existence',
  'negation',
];

function validateMap(
  value: Record<string, unknown>,
  pattern: Record<string, unknown>,
  path: PathSegment[],
): Result {
  const anchored: Array<{ anchor: Anchor; pattern: unknown }> = [];
  const plain: Array<[string, unknown]> = [];
  for (const [key, element] of Object.entries(pattern)) {
    const anchor = parseAnchor(key);
    if (anchor) {
      anchored.push({ anchor, pattern: element });
    } else {
      plain.push([key, element]);
    }
  }
  anchored.sort(
    (a, b) =>
      ANCHOR_ORDER.indexOf(a.anchor.type) - ANCHOR_ORDER.indexOf(b.anchor.type),
  );
  for (const { anchor, pattern: element } of anchored) {
    const result = validateAnchor(value, anchor, element, path);
    if (result) {
      return result;
    }
  }
  // Like Kyverno, keys whose patterns hold anchors go first, so that a skip
  // further down wins over a plain failure next to it.
  plain.sort(
    (a, b) => Number(containsAnchors(b[1])) - Number(containsAnchors(a[1])),
  );
  for (const [key, element] of plain) {
    const childPath = [...path, key];
    if (element === '*') {
      // `key: '*'` only asks for the key to be there with some value.
      if (value[key] === undefined || value[key] === null) {
        return {
          kind: 'fail',
          path: childPath,
          detail: 'required field is missing',
        };
      }
      continue;
    }
    const result = validateElement(value[key], element, childPath);
    if (result) {
      return result;
    }
  }
  return undefined;
}

function validateAnchor(
  value: Record<string, unknown>,
  anchor: Anchor,
  pattern: unknown,
  path: PathSegment[],
): Result {
  const childPath = [...path, anchor.key];
  const present = has(value, anchor.key);
  switch (anchor.type) {
    case 'conditional': {
      if (!present) {
        return {
          kind: 'conditional',
          path: childPath,
          detail: 'conditional anchor key is not present',
        };
      }
      const result = validateElement(value[anchor.key], pattern, childPath);
      return result
        ? {
            kind: 'conditional',
            path: result.path,
            detail: `conditional anchor does not hold: ${result.detail}`,
          }
        : undefined;
    }
    case 'global': {
      if (!present) {
        return undefined;
      }
      const result = validateElement(value[anchor.key], pattern, childPath);
      return result
        ? {
            kind: 'global',
            path: result.path,
            detail: `global anchor does not hold: ${result.detail}`,
          }
        : undefined;
    }
    case 'equality':
      return present
        ? validateElement(value[anchor.key], pattern, childPath)
        : undefined;
    case 'negation':
      return present
        ? { kind: 'negation', path: childPath, detail: 'field is not allowed' }
        : undefined;
    case 'existence': {
      if (!present) {
        return undefined;
      }
      const list = value[anchor.key];
      if (!Array.isArray(list)) {
        return {
          kind: 'fail',
          path: childPath,
          detail: `expected a list, found ${describeValue(list)}`,
        };
      }
      for (const elementPattern of pattern as unknown[]) {
        const found = list.some(
          (element, index) =>
            validateElement(element, elementPattern, [...childPath, index]) ===
            undefined,
        );
        if (!found) {
          return {
            kind: 'fail',
            path: childPath,
            detail: 'no element matches the existence anchor pattern',
          };
        }
      }
      return undefined;
    }
    default:
      throw new Error(`Unexpected anchor ${anchor.type}`);
  }
}

function validateArray(
  value: unknown[],
  pattern: unknown[],
  path: PathSegment[],
): Result {
  const elementPattern = pattern[0];
  if (!isPlainObject(elementPattern)) {
    // A scalar element pattern applies to every element of the list.
    return validateElement(value, elementPattern, path);
  }
  let applied = 0;
  const skipped: Mismatch[] = [];
  for (let index = 0; index < value.length; index++) {
    const result = validateElement(value[index], elementPattern, [
      ...path,
      index,
    ]);
    if (result && isSkip(result)) {
      skipped.push(result);
    } else if (result) {
      return result;
    } else {
      applied++;
    }
  }
  if (applied === 0 && skipped.length > 0) {
    // No element met the conditions: the list, and with it its parent, skip.
    return {
      kind: skipped[0].kind,
      path,
      detail: skipped
        .map(skip => `${formatPath(skip.path)}: ${skip.detail}`)
        .join('; '),
    };
  }
  return undefined;
}

/**
 * Kyverno's validate pattern semantics: a map pattern names keys the resource
 * must have (with anchors changing that), a one-element list pattern applies
 * to every element, scalars are compared with wildcards, `!`, `|`, `&`,
 * `>`, `<`, `>=`, `<=`, ranges (`1-10`, `1!-10`), quantities and durations.
 *
 * Call {@link assertSupportedPattern} on the pattern first.
 */
export function matchPattern(
  resource: unknown,
  pattern: unknown,
): PatternOutcome {
  const result = validateElement(resource, pattern, []);
  if (!result) {
    return { status: 'pass' };
  }
  return {
    status: isSkip(result) ? 'skip' : 'fail',
    path: result.path,
    detail: result.detail,
  };
}

// ---- scalars ---------------------------------------------------------------

type Operator = '' | '>=' | '<=' | '>' | '<' | '!' | 'range' | '!range';

function operatorOf(pattern: string): Operator {
  if (pattern.length < 2) {
    return '';
  }
  for (const operator of ['>=', '<=', '>', '<', '!'] as const) {
    if (pattern.startsWith(operator)) {
      return operator;
    }
  }
  if (/^(\d+(\.\d+)?)([^-]*)!-(\d+(\.\d+)?)([^-]*)$/.test(pattern)) {
    return '!range';
  }
  if (/^(\d+(\.\d+)?)([^-]*)-(\d+(\.\d+)?)([^-]*)$/.test(pattern)) {
    return 'range';
  }
  return '';
}

/** Kyverno's convertNumberToString: a missing value counts as 0. */
function numericText(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return '0';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return undefined;
}

function compareNumbers(
  actual: number,
  expected: number,
  operator: Operator,
): boolean {
  switch (operator) {
    case '':
      return actual === expected;
    case '!':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return false;
  }
}

function compareParsed(
  value: unknown,
  pattern: string,
  operator: Operator,
  parse: (text: string) => number | undefined,
): boolean {
  const expected = parse(pattern);
  const text = numericText(value);
  if (expected === undefined || text === undefined) {
    return false;
  }
  const actual = parse(text);
  return actual !== undefined && compareNumbers(actual, expected, operator);
}

function compareString(
  value: unknown,
  pattern: string,
  operator: Operator,
): boolean {
  if (operator !== '' && operator !== '!') {
    return false;
  }
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    text = String(value);
  } else {
    // A missing value matches neither `x` nor `!x`.
    return false;
  }
  const matched = wildcardMatch(pattern, text);
  return operator === '!' ? !matched : matched;
}

function matchStringCondition(value: unknown, condition: string): boolean {
  const operator = operatorOf(condition);
  if (operator === 'range') {
    const [low, high] = condition.split('-');
    return (
      matchStringCondition(value, `>=${low}`) &&
      matchStringCondition(value, `<=${high}`)
    );
  }
  if (operator === '!range') {
    const [low, high] = condition.split('!-');
    return (
      matchStringCondition(value, `<${low}`) ||
      matchStringCondition(value, `>${high}`)
    );
  }
  const operand = condition.slice(operator.length).trim();
  return (
    compareParsed(value, operand, operator, parseDuration) ||
    compareParsed(value, operand, operator, parseQuantity) ||
    compareString(value, operand, operator)
  );
}

function matchStringPattern(value: unknown, pattern: string): boolean {
  if (value === pattern) {
    return true;
  }
  // `a | b` is any of, `a & b` all of; `&` binds tighter.
  return pattern.split('|').some(alternative =>
    alternative
      .trim()
      .split('&')
      .every(condition => matchStringCondition(value, condition.trim())),
  );
}

function matchNumberPattern(value: unknown, pattern: number): boolean {
  if (typeof value === 'number') {
    return value === pattern;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const numeric = Number.isInteger(pattern)
      ? /^[+-]?\d+$/.test(text)
      : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
    return numeric && Number(text) === pattern;
  }
  return false;
}

/** Whether one resource value satisfies one scalar pattern. */
export function matchScalar(
  value: unknown,
  pattern: string | number | boolean | null,
): boolean {
  if (typeof pattern === 'boolean') {
    return value === pattern;
  }
  if (typeof pattern === 'number') {
    return matchNumberPattern(value, pattern);
  }
  if (pattern === null) {
    // A null pattern accepts only "empty" values.
    return (
      value === undefined ||
      value === null ||
      value === 0 ||
      value === '' ||
      value === false
    );
  }
  return matchStringPattern(value, pattern);
}
