export {
  evaluateClusterPolicy,
  type FailureAction,
  type PolicyEvaluationContext,
  type PolicyResult,
  type PolicyResultStatus,
  type PolicyViolation,
} from './evaluatePolicy';
export {
  enforcePolicies,
  type EnforcePoliciesOptions,
  type KyvernoFinding,
  type KyvernoResourceRef,
} from './enforcePolicies';
export { InvalidPolicyError, UnsupportedPolicyConstructError } from './errors';
