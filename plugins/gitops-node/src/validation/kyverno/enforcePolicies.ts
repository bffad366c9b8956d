import { ValidationFinding } from '@goldenpath/backstage-plugin-gitops-common';
import { FailureAction, evaluateClusterPolicy } from './evaluatePolicy';
import { isPlainObject } from './paths';

/** Which resource a finding is about. @public */
export interface KyvernoResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * A Kyverno rule failure. `file` is what `options.fileOf` says, or empty:
 * the caller knows which file a rendered resource came from.
 *
 * @public
 */
export interface KyvernoFinding extends ValidationFinding {
  policy: string;
  /** The rule's name as written in the policy. */
  ruleName: string;
  failureAction: FailureAction;
  resource: KyvernoResourceRef;
  /** Path of the failing field in the resource. */
  path: string;
}

/** @public */
export interface EnforcePoliciesOptions {
  /** Names the file a resource came from, for the findings' `file`. */
  fileOf?: (resource: object, index: number) => string;
  /**
   * Labels of namespaces that are not among the resources (by namespace
   * name); Namespace objects among the resources take precedence.
   */
  namespaceLabels?: Record<string, Record<string, string>>;
}

function refOf(resource: Record<string, unknown>): KyvernoResourceRef {
  const metadata = isPlainObject(resource.metadata) ? resource.metadata : {};
  return {
    apiVersion: String(resource.apiVersion ?? ''),
    kind: String(resource.kind ?? ''),
    namespace:
      typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    name: String(metadata.name ?? ''),
  };
}

function describeResource(ref: KyvernoResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function labelsOf(resource: Record<string, unknown>): Record<string, string> {
  const metadata = isPlainObject(resource.metadata) ? resource.metadata : {};
  const labels = isPlainObject(metadata.labels) ? metadata.labels : {};
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [key, String(value)]),
  );
}

/**
 * Enforces Kyverno policies on a set of rendered resources (for instance
 * everything `kubectl kustomize` renders for an overlay), the way the
 * cluster's Kyverno would when they are applied. Namespace labels, for
 * `namespaceSelector`, come from the Namespace objects in the same set.
 *
 * Returns one finding per failing place (a Pod Security rule can fail in
 * several), with the rule `kyverno/<policy>/<rule>`. Audit failures are
 * included and say so; `failureAction` tells them apart.
 *
 * @public
 */
export function enforcePolicies(
  policies: object[],
  resources: object[],
  options: EnforcePoliciesOptions = {},
): KyvernoFinding[] {
  const namespaceLabels = new Map<string, Record<string, string>>(
    Object.entries(options.namespaceLabels ?? {}),
  );
  for (const resource of resources) {
    if (
      isPlainObject(resource) &&
      resource.kind === 'Namespace' &&
      resource.apiVersion === 'v1'
    ) {
      const ref = refOf(resource);
      namespaceLabels.set(ref.name, labelsOf(resource));
    }
  }
  const findings: KyvernoFinding[] = [];
  resources.forEach((resource, index) => {
    if (!isPlainObject(resource)) {
      throw new TypeError(`Resource #${index} is not an object`);
    }
    const ref = refOf(resource);
    const labels =
      ref.namespace !== undefined
        ? namespaceLabels.get(ref.namespace)
        : undefined;
    for (const policy of policies) {
      for (const result of evaluateClusterPolicy(policy, resource, {
        namespaceLabels: labels,
      })) {
        if (result.status !== 'fail') {
          continue;
        }
        for (const violation of result.violations) {
          findings.push({
            file: options.fileOf?.(resource, index) ?? '',
            rule: `kyverno/${result.policy}/${result.rule}`,
            message: `${describeResource(ref)}: ${violation.message}${
              result.failureAction === 'Audit' ? ' (Audit only)' : ''
            }`,
            policy: result.policy,
            ruleName: result.rule,
            failureAction: result.failureAction,
            resource: ref,
            path: violation.path,
          });
        }
      }
    }
  });
  return findings;
}
