import { PolicyLocation, invalid, unsupported } from './errors';
import {
  LabelSelector,
  ResourceFacts,
  ResourceMatcher,
  matcherKinds,
  matchesLabelSelector,
  matchesResource,
  parseLabelSelector,
  parseMatcher,
} from './match';
import { PathSegment, formatPath, isPlainObject } from './paths';
import { assertSupportedPattern, matchPattern } from './pattern';
import {
  PodSecuritySettings,
  checkPodSecurity,
  parsePodSecurity,
} from './podSecurity';
import { wildcardMatch } from './wildcard';

/** @public */
export type PolicyResultStatus = 'pass' | 'fail' | 'skip';

/**
 * What Kyverno does with a failure: `Enforce` rejects the resource, `Audit`
 * admits it and records the failure in a policy report.
 *
 * @public
 */
export type FailureAction = 'Audit' | 'Enforce';

/** One place where a resource breaks a rule. @public */
export interface PolicyViolation {
  /** Path in the resource, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** The rule's message, the path and what is wrong there. */
  message: string;
}

/** The outcome of one rule of a policy for one resource. @public */
export interface PolicyResult {
  policy: string;
  rule: string;
  /**
   * The name Kyverno gives the rule it generates for Pod controllers
   * (`autogen-<rule>`, `autogen-cronjob-<rule>`), when the rule was applied to
   * a controller's pod template.
   */
  autogenRule?: string;
  status: PolicyResultStatus;
  failureAction: FailureAction;
  /** For a failure what is wrong and where; for a skip why the rule did not apply. */
  message: string;
  /** Every failing place; empty unless the status is `fail`. */
  violations: PolicyViolation[];
}

/** @public */
export interface PolicyEvaluationContext {
  /**
   * Labels of the resource's namespace, for `namespaceSelector`. The label
   * Kubernetes puts on every namespace, `kubernetes.io/metadata.name`, is
   * added. When undefined the namespace is taken to have only that label.
   */
  namespaceLabels?: Record<string, string>;
}

type Validation =
  | { type: 'pattern'; pattern: unknown }
  | { type: 'anyPattern'; patterns: unknown[] }
  | { type: 'podSecurity'; settings: PodSecuritySettings };

interface FailureActionOverride {
  action: FailureAction;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
}

interface ParsedRule {
  name: string;
  match: ResourceMatcher;
  exclude?: ResourceMatcher;
  validation: Validation;
  message?: string;
  failureAction: FailureAction;
  overrides: FailureActionOverride[];
  /** Whether Kyverno generates Pod controller rules from this rule. */
  autogen: boolean;
}

interface ParsedPolicy {
  name: string;
  /** Set for a namespaced `Policy`, which only sees its own namespace. */
  namespace?: string;
  applyRules: 'All' | 'One';
  rules: ParsedRule[];
  /** Pod controllers that get generated rules. */
  controllers: Set<string>;
}

const AUTOGEN_ANNOTATION = 'pod-policies.kyverno.io/autogen-controllers';

const POD_CONTROLLERS = [
  'DaemonSet',
  'Deployment',
  'Job',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'CronJob',
];

/** API group of each Pod controller, so that a CRD of the same kind is not taken for it. */
const CONTROLLER_GROUPS: Record<string, string> = {
  DaemonSet: 'apps',
  Deployment: 'apps',
  StatefulSet: 'apps',
  ReplicaSet: 'apps',
  ReplicationController: '',
  Job: 'batch',
  CronJob: 'batch',
};

/** Kinds whose manifests default to the `default` namespace when they name none. */
const POD_KINDS = new Set(['Pod', ...POD_CONTROLLERS]);

const RULE_KEYS = new Set([
  'name',
  'match',
  'exclude',
  'validate',
  // Neither changes what a rule checks.
  'skipBackgroundRequests',
  'reportProperties',
]);

const VALIDATE_KEYS = new Set([
  'message',
  'pattern',
  'anyPattern',
  'podSecurity',
  'failureAction',
  'failureActionOverrides',
  // Only matters when an existing resource is updated.
  'allowExistingViolations',
]);

function parseFailureAction(
  value: unknown,
  at: PolicyLocation,
  what: string,
): FailureAction {
  if (typeof value === 'string') {
    // Older policies write `enforce` and `audit`.
    if (value.toLowerCase() === 'enforce') return 'Enforce';
    if (value.toLowerCase() === 'audit') return 'Audit';
  }
  return invalid(
    at,
    `${what} must be Audit or Enforce, not ${JSON.stringify(value)}`,
  );
}

function parseOverrides(
  value: unknown,
  at: PolicyLocation,
  what: string,
): FailureActionOverride[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    invalid(at, `${what} must be a list`);
  }
  return value.map((entry, index) => {
    const where = `${what}[${index}]`;
    if (!isPlainObject(entry)) {
      invalid(at, `${where} must be an object`);
    }
    const override: FailureActionOverride = {
      action: parseFailureAction(entry.action, at, `${where}.action`),
    };
    if (entry.namespaces !== undefined) {
      if (
        !Array.isArray(entry.namespaces) ||
        !entry.namespaces.every(n => typeof n === 'string')
      ) {
        invalid(at, `${where}.namespaces must be a list of strings`);
      }
      override.namespaces = entry.namespaces;
    }
    if (entry.namespaceSelector !== undefined) {
      override.namespaceSelector = parseLabelSelector(
        entry.namespaceSelector,
        at,
        `${where}.namespaceSelector`,
      );
    }
    return override;
  });
}

function parseValidation(
  validate: Record<string, unknown>,
  at: PolicyLocation,
): Validation {
  const kinds = ['pattern', 'anyPattern', 'podSecurity'].filter(
    key => validate[key] !== undefined,
  );
  if (kinds.length !== 1) {
    invalid(
      at,
      `validate must hold exactly one of pattern, anyPattern or podSecurity${
        kinds.length ? `, not ${kinds.join(' and ')}` : ''
      }`,
    );
  }
  if (validate.pattern !== undefined) {
    assertSupportedPattern(validate.pattern, at);
    return { type: 'pattern', pattern: validate.pattern };
  }
  if (validate.anyPattern !== undefined) {
    const patterns = validate.anyPattern;
    if (!Array.isArray(patterns) || patterns.length === 0) {
      invalid(at, 'validate.anyPattern must be a non-empty list');
    }
    patterns.forEach((pattern, index) =>
      assertSupportedPattern(pattern, at, [`anyPattern[${index}]`]),
    );
    return { type: 'anyPattern', patterns };
  }
  return {
    type: 'podSecurity',
    settings: parsePodSecurity(validate.podSecurity, at),
  };
}

/**
 * Kyverno's CanAutoGen: a policy gets Pod controller rules only if no rule
 * filters on what a controller does not share with its pods (names,
 * selector, annotations) or mixes Pod with other kinds.
 */
function canAutogen(matchers: Array<ResourceMatcher | undefined>): boolean {
  let needed = false;
  for (const matcher of matchers) {
    for (const description of matcher?.descriptions ?? []) {
      const kinds = (description.kinds ?? []).map(k => k.kind);
      if (
        description.names ||
        description.selector ||
        description.annotations ||
        (kinds.length > 1 && kinds.includes('Pod'))
      ) {
        return false;
      }
      if (
        kinds.some(kind => kind === 'Pod' || POD_CONTROLLERS.includes(kind))
      ) {
        needed = true;
      }
    }
  }
  return needed;
}

function autogenControllers(
  annotations: Record<string, unknown>,
  rules: ParsedRule[],
): Set<string> {
  const supported = canAutogen(
    rules.flatMap(rule => [rule.match, rule.exclude]),
  )
    ? new Set(POD_CONTROLLERS)
    : new Set<string>();
  const requested = annotations[AUTOGEN_ANNOTATION];
  if (typeof requested !== 'string' || requested === '') {
    return supported;
  }
  if (requested === 'none') {
    return new Set();
  }
  return new Set(
    requested
      .split(',')
      .map(kind => kind.trim())
      .filter(kind => supported.has(kind)),
  );
}

function parseRule(
  value: unknown,
  index: number,
  policyName: string,
  spec: Record<string, unknown>,
): ParsedRule {
  if (!isPlainObject(value) || typeof value.name !== 'string') {
    invalid({ policy: policyName }, `spec.rules[${index}] must have a name`);
  }
  const at: PolicyLocation = { policy: policyName, rule: value.name };
  for (const key of Object.keys(value)) {
    if (!RULE_KEYS.has(key)) {
      unsupported(at, key);
    }
  }
  if (!isPlainObject(value.validate)) {
    invalid(at, 'the rule has no validate');
  }
  const validate = value.validate;
  for (const key of Object.keys(validate)) {
    if (!VALIDATE_KEYS.has(key)) {
      unsupported(at, `validate.${key}`);
    }
  }
  if (value.match === undefined) {
    invalid(at, 'the rule has no match');
  }
  const match = parseMatcher(value.match, at, 'match');
  const exclude =
    value.exclude === undefined
      ? undefined
      : parseMatcher(value.exclude, at, 'exclude');
  if (validate.message !== undefined && typeof validate.message !== 'string') {
    invalid(at, 'validate.message must be a string');
  }
  let failureAction: FailureAction = 'Audit';
  if (validate.failureAction !== undefined) {
    failureAction = parseFailureAction(
      validate.failureAction,
      at,
      'validate.failureAction',
    );
  } else if (spec.validationFailureAction !== undefined) {
    failureAction = parseFailureAction(
      spec.validationFailureAction,
      at,
      'spec.validationFailureAction',
    );
  }
  const overrides =
    validate.failureActionOverrides !== undefined
      ? parseOverrides(
          validate.failureActionOverrides,
          at,
          'validate.failureActionOverrides',
        )
      : parseOverrides(
          spec.validationFailureActionOverrides,
          at,
          'spec.validationFailureActionOverrides',
        );
  // Kyverno's generateRuleForControllers: only rules on Pods, and only when
  // an exclude with kinds also names Pod.
  const excludeKinds = matcherKinds(exclude);
  const autogen =
    matcherKinds(match).includes('Pod') &&
    (excludeKinds.length === 0 || excludeKinds.includes('Pod'));
  return {
    name: value.name,
    match,
    exclude,
    validation: parseValidation(validate, at),
    message: validate.message?.trim() || undefined,
    failureAction,
    overrides,
    autogen,
  };
}

const parsedPolicies = new WeakMap<object, ParsedPolicy>();

function parsePolicy(policy: unknown): ParsedPolicy {
  if (!isPlainObject(policy)) {
    throw new TypeError('A Kyverno policy must be an object');
  }
  const cached = parsedPolicies.get(policy);
  if (cached) {
    return cached;
  }
  const metadata = isPlainObject(policy.metadata) ? policy.metadata : {};
  const name =
    typeof metadata.name === 'string' ? metadata.name : '(unnamed policy)';
  const at: PolicyLocation = { policy: name };
  if (typeof metadata.name !== 'string') {
    invalid(at, 'metadata.name is missing');
  }
  if (
    typeof policy.apiVersion !== 'string' ||
    !policy.apiVersion.startsWith('kyverno.io/')
  ) {
    invalid(
      at,
      `apiVersion must be kyverno.io/v1 (or another kyverno.io version), not ${JSON.stringify(
        policy.apiVersion,
      )}`,
    );
  }
  if (policy.kind !== 'ClusterPolicy' && policy.kind !== 'Policy') {
    unsupported(at, `kind ${JSON.stringify(policy.kind)}`);
  }
  const spec = policy.spec;
  if (!isPlainObject(spec) || !Array.isArray(spec.rules)) {
    invalid(at, 'spec.rules must be a list');
  }
  const applyRules = spec.applyRules ?? 'All';
  if (applyRules !== 'All' && applyRules !== 'One') {
    invalid(
      at,
      `spec.applyRules must be All or One, not ${JSON.stringify(applyRules)}`,
    );
  }
  let namespace: string | undefined;
  if (policy.kind === 'Policy') {
    if (typeof metadata.namespace !== 'string') {
      invalid(at, 'a namespaced Policy needs metadata.namespace');
    }
    namespace = metadata.namespace;
  }
  const rules = spec.rules.map((rule, index) =>
    parseRule(rule, index, name, spec),
  );
  const parsed: ParsedPolicy = {
    name,
    namespace,
    applyRules,
    rules,
    controllers: autogenControllers(
      isPlainObject(metadata.annotations) ? metadata.annotations : {},
      rules,
    ),
  };
  parsedPolicies.set(policy, parsed);
  return parsed;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, String(entry)]),
  );
}

function factsOf(
  resource: Record<string, unknown>,
  context: PolicyEvaluationContext,
): ResourceFacts {
  const kind = typeof resource.kind === 'string' ? resource.kind : '';
  const apiVersion =
    typeof resource.apiVersion === 'string' ? resource.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  const metadata = isPlainObject(resource.metadata) ? resource.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const labels = stringRecord(metadata.labels);
  let namespace: string | undefined;
  let namespaceLabels: Record<string, string>;
  if (kind === 'Namespace') {
    // Kyverno matches a Namespace's `namespaces` and selector on itself.
    namespace = name;
    namespaceLabels = { ...labels, 'kubernetes.io/metadata.name': name };
  } else {
    if (typeof metadata.namespace === 'string') {
      namespace = metadata.namespace;
    } else if (POD_KINDS.has(kind)) {
      namespace = 'default';
    }
    namespaceLabels = {
      ...(context.namespaceLabels ?? {}),
      ...(namespace === undefined
        ? {}
        : { 'kubernetes.io/metadata.name': namespace }),
    };
  }
  return {
    kind,
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
    name,
    namespace,
    labels,
    annotations: stringRecord(metadata.annotations),
    namespaceLabels,
  };
}

interface Target {
  /** What the rule's pattern or podSecurity is evaluated on. */
  object: unknown;
  /** Where that object sits in the resource. */
  prefix: PathSegment[];
  autogenRule?: string;
}

function selects(rule: ParsedRule, facts: ResourceFacts): boolean {
  return (
    matchesResource(rule.match, facts) &&
    !(rule.exclude && matchesResource(rule.exclude, facts))
  );
}

function getIn(value: unknown, path: PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment as string];
  }
  return current;
}

function autogenName(prefix: string, rule: string): string {
  return `${prefix}-${rule}`.slice(0, 63);
}

function targetOf(
  policy: ParsedPolicy,
  rule: ParsedRule,
  resource: Record<string, unknown>,
  facts: ResourceFacts,
): Target | undefined {
  if (selects(rule, facts)) {
    return { object: resource, prefix: [] };
  }
  if (
    !rule.autogen ||
    !policy.controllers.has(facts.kind) ||
    CONTROLLER_GROUPS[facts.kind] !== facts.group
  ) {
    return undefined;
  }
  // The controller is matched as if it were one of its pods.
  if (!selects(rule, { ...facts, kind: 'Pod', group: '', version: 'v1' })) {
    return undefined;
  }
  const cronJob = facts.kind === 'CronJob';
  const prefix = cronJob
    ? ['spec', 'jobTemplate', 'spec', 'template']
    : ['spec', 'template'];
  const autogenRule = autogenName(
    cronJob ? 'autogen-cronjob' : 'autogen',
    rule.name,
  );
  const template = getIn(resource, prefix);
  if (!isPlainObject(template)) {
    // Kyverno's generated pattern fails on the missing template.
    return { object: undefined, prefix, autogenRule };
  }
  const pod: Record<string, unknown> = {};
  if (template.metadata !== undefined) pod.metadata = template.metadata;
  if (template.spec !== undefined) pod.spec = template.spec;
  return { object: pod, prefix, autogenRule };
}

function failureActionFor(
  rule: ParsedRule,
  facts: ResourceFacts,
): FailureAction {
  for (const override of rule.overrides) {
    const namespaceMatches =
      override.namespaces === undefined ||
      (facts.namespace !== undefined &&
        override.namespaces.some(n => wildcardMatch(n, facts.namespace!)));
    const selectorMatches =
      override.namespaceSelector === undefined ||
      (facts.namespace !== undefined &&
        matchesLabelSelector(
          override.namespaceSelector,
          facts.namespaceLabels,
        ));
    if (namespaceMatches && selectorMatches) {
      return override.action;
    }
  }
  return rule.failureAction;
}

function withRuleMessage(rule: ParsedRule, text: string): string {
  return rule.message ? `${rule.message} ${text}` : text;
}

type Evaluation =
  | { status: 'pass' }
  | { status: 'skip'; message: string }
  | { status: 'fail'; violations: PolicyViolation[] };

function evaluateTarget(rule: ParsedRule, target: Target): Evaluation {
  const { validation } = rule;
  const fullPath = (path: PathSegment[]) =>
    formatPath([...target.prefix, ...path]);
  if (validation.type === 'podSecurity') {
    const violations = checkPodSecurity(
      isPlainObject(target.object) ? target.object : {},
      validation.settings,
    );
    if (violations.length === 0) {
      return { status: 'pass' };
    }
    return {
      status: 'fail',
      violations: violations.map(v => {
        const path = fullPath(v.path);
        return {
          path,
          message: withRuleMessage(
            rule,
            `${path}: ${v.message} (PodSecurity "${validation.settings.label}", check ${v.check})`,
          ),
        };
      }),
    };
  }
  const patterns =
    validation.type === 'pattern' ? [validation.pattern] : validation.patterns;
  const outcomes = patterns.map(pattern =>
    matchPattern(target.object, pattern),
  );
  if (outcomes.some(outcome => outcome.status === 'pass')) {
    return { status: 'pass' };
  }
  const describe = (outcome: (typeof outcomes)[number]) =>
    outcome.status === 'pass'
      ? ''
      : `${fullPath(outcome.path) || '(root)'}: ${outcome.detail}`;
  if (outcomes.every(outcome => outcome.status === 'skip')) {
    return {
      status: 'skip',
      message: outcomes.map(describe).join('; '),
    };
  }
  const failures = outcomes.filter(outcome => outcome.status === 'fail');
  const first = failures[0];
  const path = first.status === 'pass' ? '' : fullPath(first.path);
  const detail =
    validation.type === 'pattern'
      ? describe(first)
      : `no anyPattern alternative matches: ${outcomes
          .map((outcome, index) => `[${index}] ${describe(outcome)}`)
          .join('; ')}`;
  return {
    status: 'fail',
    violations: [{ path, message: withRuleMessage(rule, detail) }],
  };
}

/**
 * Evaluates a Kyverno ClusterPolicy (or namespaced Policy) against one
 * resource the way Kyverno's admission controller would: every rule gives a
 * result, `skip` when it does not select the resource (match, exclude,
 * namespaceSelector) or a conditional anchor does not hold. Rules on Pods
 * also apply to the pod templates of Pod controllers, as Kyverno's auto-gen
 * rules do, with paths in the controller's terms.
 *
 * Throws {@link UnsupportedPolicyConstructError} for anything the evaluator
 * does not implement, instead of passing it.
 *
 * @public
 */
export function evaluateClusterPolicy(
  policy: unknown,
  resource: object,
  context: PolicyEvaluationContext = {},
): PolicyResult[] {
  const parsed = parsePolicy(policy);
  if (!isPlainObject(resource)) {
    throw new TypeError('A Kubernetes resource must be an object');
  }
  const facts = factsOf(resource, context);
  const results: PolicyResult[] = [];
  let appliedRule: string | undefined;
  for (const rule of parsed.rules) {
    const base = {
      policy: parsed.name,
      rule: rule.name,
      failureAction: failureActionFor(rule, facts),
      violations: [],
    };
    if (appliedRule !== undefined) {
      results.push({
        ...base,
        status: 'skip',
        message: `applyRules is One and rule '${appliedRule}' applied first`,
      });
      continue;
    }
    const target =
      parsed.namespace !== undefined && facts.namespace !== parsed.namespace
        ? undefined
        : targetOf(parsed, rule, resource, facts);
    if (!target) {
      results.push({
        ...base,
        status: 'skip',
        message: 'the rule does not select this resource (match/exclude)',
      });
      continue;
    }
    if (parsed.applyRules === 'One') {
      appliedRule = rule.name;
    }
    const evaluation = evaluateTarget(rule, target);
    const autogen = target.autogenRule
      ? { autogenRule: target.autogenRule }
      : {};
    if (evaluation.status === 'fail') {
      results.push({
        ...base,
        ...autogen,
        status: 'fail',
        message: evaluation.violations.map(v => v.message).join('; '),
        violations: evaluation.violations,
      });
    } else {
      results.push({
        ...base,
        ...autogen,
        status: evaluation.status,
        message: evaluation.status === 'skip' ? evaluation.message : '',
      });
    }
  }
  return results;
}
