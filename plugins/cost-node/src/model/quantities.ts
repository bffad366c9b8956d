import { parseQuantity } from '@goldenpath/backstage-plugin-gitops-node';

/** Bytes in a GiB. */
export const GIB = 2 ** 30;

/**
 * A Kubernetes quantity as a number (`500m` → 0.5 cores, `1Gi` → bytes), or
 * undefined when absent, invalid or negative.
 */
export function quantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseQuantity(text);
  return value !== undefined && value >= 0 ? value : undefined;
}
