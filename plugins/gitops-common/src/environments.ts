/**
 * The environments every service is deployed to, in promotion order.
 *
 * @public
 */
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** @public */
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** @public */
export function isEnvironmentName(value: unknown): value is EnvironmentName {
  return (
    typeof value === 'string' &&
    (ENVIRONMENTS as readonly string[]).includes(value)
  );
}

/**
 * The environment a release is promoted to from `environment`, or undefined
 * for the last one.
 *
 * @public
 */
export function nextEnvironment(
  environment: EnvironmentName,
): EnvironmentName | undefined {
  return ENVIRONMENTS[ENVIRONMENTS.indexOf(environment) + 1];
}

/**
 * The name of the EKS cluster (and of its folder under gitops-config/clusters)
 * that runs an environment.
 *
 * @public
 */
export function clusterName(environment: EnvironmentName): string {
  return `ecommerce-${environment}-cluster`;
}
