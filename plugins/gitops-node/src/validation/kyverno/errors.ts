import { InputError, NotImplementedError } from '@backstage/errors';

function where(policy: string, rule?: string): string {
  return rule === undefined
    ? `Kyverno policy '${policy}'`
    : `Kyverno policy '${policy}' rule '${rule}'`;
}

/**
 * A policy uses a Kyverno construct that the offline evaluator does not
 * implement. Thrown instead of passing the rule, so that a policy the suite
 * cannot check is never reported as satisfied.
 *
 * @public
 */
export class UnsupportedPolicyConstructError extends NotImplementedError {
  readonly policy: string;
  readonly rule?: string;
  readonly construct: string;

  constructor(options: { policy: string; rule?: string; construct: string }) {
    super(
      `${where(options.policy, options.rule)}: ${
        options.construct
      } is not supported by the offline Kyverno evaluator`,
    );
    this.policy = options.policy;
    this.rule = options.rule;
    this.construct = options.construct;
  }
}

/**
 * A policy that is not a well-formed Kyverno ClusterPolicy or Policy; the
 * message names the policy, the rule and what was expected.
 *
 * @public
 */
export class InvalidPolicyError extends InputError {
  readonly policy: string;
  readonly rule?: string;

  constructor(options: { policy: string; rule?: string; message: string }) {
    super(`${where(options.policy, options.rule)}: ${options.message}`);
    this.policy = options.policy;
    this.rule = options.rule;
  }
}

/** Where in a policy the evaluator is, for the errors it throws. */
export interface PolicyLocation {
  policy: string;
  rule?: string;
}

export function unsupported(at: PolicyLocation, construct: string): never {
  throw new UnsupportedPolicyConstructError({ ...at, construct });
}

export function invalid(at: PolicyLocation, message: string): never {
  throw new InvalidPolicyError({ ...at, message });
}
