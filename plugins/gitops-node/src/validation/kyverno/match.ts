import { PolicyLocation, invalid, unsupported } from './errors';
import { isPlainObject } from './paths';
import { containsWildcard, wildcardMatch } from './wildcard';

/** What matching needs to know about a resource. */
export interface ResourceFacts {
  /** The kind to match with; `Pod` when a Pod rule is applied to a controller. */
  kind: string;
  group: string;
  version: string;
  name: string;
  /** The namespace, or for a Namespace its own name; undefined if cluster-scoped. */
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Labels of the resource's namespace. */
  namespaceLabels: Record<string, string>;
}

interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelRequirement[];
}

interface KindSelector {
  group?: string;
  version?: string;
  kind: string;
}

/** One `resources:` block of a match or exclude. */
export interface ResourceDescription {
  kinds?: KindSelector[];
  names?: string[];
  namespaces?: string[];
  annotations?: Record<string, string>;
  selector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  operations?: string[];
}

/** A rule's `match` or `exclude`, reduced to any-of or all-of descriptions. */
export interface ResourceMatcher {
  mode: 'any' | 'all';
  descriptions: ResourceDescription[];
}

function stringList(
  value: unknown,
  at: PolicyLocation,
  what: string,
): string[] {
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    invalid(at, `${what} must be a list of strings`);
  }
  return value;
}

function stringMap(
  value: unknown,
  at: PolicyLocation,
  what: string,
): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isPlainObject(value)) {
    invalid(at, `${what} must be a map of strings`);
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    // YAML turns `enabled: true` into a boolean; Kubernetes labels are text.
    result[key] = String(entry);
  }
  return result;
}

export function parseLabelSelector(
  value: unknown,
  at: PolicyLocation,
  what: string,
): LabelSelector {
  if (!isPlainObject(value)) {
    invalid(at, `${what} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'matchLabels' && key !== 'matchExpressions') {
      unsupported(at, `${what}.${key}`);
    }
  }
  const matchExpressions = (value.matchExpressions ?? []) as unknown;
  if (!Array.isArray(matchExpressions)) {
    invalid(at, `${what}.matchExpressions must be a list`);
  }
  return {
    matchLabels: stringMap(value.matchLabels, at, `${what}.matchLabels`),
    matchExpressions: matchExpressions.map((expression, index) => {
      const where = `${what}.matchExpressions[${index}]`;
      if (!isPlainObject(expression) || typeof expression.key !== 'string') {
        invalid(at, `${where} must have a key`);
      }
      const operator = expression.operator;
      if (
        operator !== 'In' &&
        operator !== 'NotIn' &&
        operator !== 'Exists' &&
        operator !== 'DoesNotExist'
      ) {
        invalid(
          at,
          `${where}.operator must be In, NotIn, Exists or DoesNotExist, not ${JSON.stringify(
            operator,
          )}`,
        );
      }
      return {
        key: expression.key,
        operator,
        values:
          expression.values === undefined
            ? []
            : stringList(expression.values, at, `${where}.values`),
      };
    }),
  };
}

function parseKind(text: string, at: PolicyLocation): KindSelector {
  const parts = text.split('/');
  if (parts.length === 1) {
    return { kind: parts[0] };
  }
  if (parts.length === 2 && /^(v\d|\*)/.test(parts[0])) {
    return { version: parts[0], kind: parts[1] };
  }
  if (parts.length === 3) {
    return { group: parts[0], version: parts[1], kind: parts[2] };
  }
  return unsupported(at, `the kind selector '${text}' (subresources)`);
}

const DESCRIPTION_KEYS = new Set([
  'kinds',
  'name',
  'names',
  'namespaces',
  'annotations',
  'selector',
  'namespaceSelector',
  'operations',
]);

function parseDescription(
  value: unknown,
  at: PolicyLocation,
  what: string,
): ResourceDescription {
  if (!isPlainObject(value)) {
    invalid(at, `${what} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!DESCRIPTION_KEYS.has(key)) {
      unsupported(at, `${what}.${key}`);
    }
  }
  const description: ResourceDescription = {};
  if (value.kinds !== undefined) {
    description.kinds = stringList(value.kinds, at, `${what}.kinds`).map(kind =>
      parseKind(kind, at),
    );
  }
  const names = [
    ...(typeof value.name === 'string' ? [value.name] : []),
    ...(value.names === undefined
      ? []
      : stringList(value.names, at, `${what}.names`)),
  ];
  if (names.length > 0) {
    description.names = names;
  }
  if (value.namespaces !== undefined) {
    description.namespaces = stringList(
      value.namespaces,
      at,
      `${what}.namespaces`,
    );
  }
  if (value.annotations !== undefined) {
    description.annotations = stringMap(
      value.annotations,
      at,
      `${what}.annotations`,
    );
  }
  if (value.selector !== undefined) {
    description.selector = parseLabelSelector(
      value.selector,
      at,
      `${what}.selector`,
    );
  }
  if (value.namespaceSelector !== undefined) {
    description.namespaceSelector = parseLabelSelector(
      value.namespaceSelector,
      at,
      `${what}.namespaceSelector`,
    );
  }
  if (value.operations !== undefined) {
    description.operations = stringList(
      value.operations,
      at,
      `${what}.operations`,
    );
  }
  return description;
}

function parseFilter(
  value: unknown,
  at: PolicyLocation,
  what: string,
): ResourceDescription {
  if (!isPlainObject(value)) {
    invalid(at, `${what} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'resources') {
      // subjects, roles and clusterRoles depend on who sends the request.
      unsupported(at, `${what}.${key}`);
    }
  }
  return parseDescription(value.resources ?? {}, at, `${what}.resources`);
}

/** Parses a rule's `match` or `exclude`. */
export function parseMatcher(
  value: unknown,
  at: PolicyLocation,
  what: 'match' | 'exclude',
): ResourceMatcher {
  if (!isPlainObject(value)) {
    invalid(at, `${what} must be an object`);
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (key !== 'any' && key !== 'all' && key !== 'resources') {
      unsupported(at, `${what}.${key}`);
    }
  }
  if (
    keys.filter(key => key !== 'resources').length > 1 ||
    (keys.length > 1 && keys.includes('resources'))
  ) {
    invalid(at, `${what} must use one of any, all or resources, not several`);
  }
  if (value.any !== undefined || value.all !== undefined) {
    const mode = value.any !== undefined ? 'any' : 'all';
    const filters = value[mode];
    if (!Array.isArray(filters)) {
      invalid(at, `${what}.${mode} must be a list`);
    }
    return {
      mode,
      descriptions: filters.map((filter, index) =>
        parseFilter(filter, at, `${what}.${mode}[${index}]`),
      ),
    };
  }
  if (value.resources !== undefined) {
    return {
      mode: 'all',
      descriptions: [
        parseDescription(value.resources, at, `${what}.resources`),
      ],
    };
  }
  return { mode: 'all', descriptions: [] };
}

function matchesWildcard(patterns: string[], value: string): boolean {
  return patterns.some(pattern => wildcardMatch(pattern, value));
}

/** Kyverno's label selector: matchLabels may hold wildcards in keys and values. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    const found = containsWildcard(key)
      ? Object.entries(labels).some(
          ([labelKey, labelValue]) =>
            wildcardMatch(key, labelKey) && wildcardMatch(value, labelValue),
        )
      : key in labels && wildcardMatch(value, labels[key]);
    if (!found) {
      return false;
    }
  }
  return selector.matchExpressions.every(({ key, operator, values }) => {
    const present = key in labels;
    switch (operator) {
      case 'In':
        return present && values.includes(labels[key]);
      case 'NotIn':
        return !present || !values.includes(labels[key]);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
}

function matchesKind(selector: KindSelector, resource: ResourceFacts): boolean {
  return (
    wildcardMatch(selector.kind, resource.kind) &&
    (selector.version === undefined ||
      wildcardMatch(selector.version, resource.version)) &&
    (selector.group === undefined ||
      wildcardMatch(selector.group, resource.group))
  );
}

/** Whether every field a description sets holds for the resource. */
export function matchesDescription(
  description: ResourceDescription,
  resource: ResourceFacts,
): boolean {
  if (
    description.kinds &&
    !description.kinds.some(kind => matchesKind(kind, resource))
  ) {
    return false;
  }
  if (description.names && !matchesWildcard(description.names, resource.name)) {
    return false;
  }
  if (
    description.namespaces &&
    (resource.namespace === undefined ||
      !matchesWildcard(description.namespaces, resource.namespace))
  ) {
    return false;
  }
  if (
    description.annotations &&
    !Object.entries(description.annotations).every(
      ([key, value]) =>
        key in resource.annotations &&
        wildcardMatch(value, resource.annotations[key]),
    )
  ) {
    return false;
  }
  if (
    description.selector &&
    !matchesLabelSelector(description.selector, resource.labels)
  ) {
    return false;
  }
  if (
    description.namespaceSelector &&
    (resource.namespace === undefined ||
      !matchesLabelSelector(
        description.namespaceSelector,
        resource.namespaceLabels,
      ))
  ) {
    return false;
  }
  // A rendered manifest is about to be created or updated.
  if (
    description.operations &&
    !description.operations.some(
      operation => operation === 'CREATE' || operation === 'UPDATE',
    )
  ) {
    return false;
  }
  return true;
}

/** Whether a match (or exclude) block selects the resource. */
export function matchesResource(
  matcher: ResourceMatcher,
  resource: ResourceFacts,
): boolean {
  if (matcher.descriptions.length === 0) {
    return false;
  }
  return matcher.mode === 'any'
    ? matcher.descriptions.some(d => matchesDescription(d, resource))
    : matcher.descriptions.every(d => matchesDescription(d, resource));
}

/** The kinds a matcher names, without group and version. */
export function matcherKinds(matcher: ResourceMatcher | undefined): string[] {
  return (matcher?.descriptions ?? []).flatMap(d =>
    (d.kinds ?? []).map(k => k.kind),
  );
}
