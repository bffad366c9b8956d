import { parseQuantity } from '@goldenpath/backstage-plugin-gitops-node';

/** Bytes in a GiB. */
export const GIB = 2 ** 30;

/** A CPU quantity (`500m`, `2`) in cores, or undefined when absent or invalid. */
export function cpuCores(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const value = parseQuantity(quantity);
  return value !== undefined && value >= 0 ? value : undefined;
}

/** A memory quantity (`1Gi`, `512M`) in bytes, or undefined when absent or invalid. */
export function memoryBytes(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const value = parseQuantity(quantity);
  return value !== undefined && value >= 0 ? value : undefined;
}
