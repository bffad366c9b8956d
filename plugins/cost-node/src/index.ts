/**
 * The cost model: prices what each service's overlays request and what
 * Terraform provisions for it, per environment; diffs two revisions; and
 * turns observed usage into right-sizing recommendations.
 *
 * @packageDocumentation
 */

export {
  DEFAULT_INSTANCE_TYPES,
  DEFAULT_PRICES,
  DEFAULT_PRICE_DATE,
} from './settings/defaults';
export type { InstanceShape } from './settings/defaults';
export { defaultCostSettings, readCostSettings } from './settings/costSettings';
export type {
  CostSettings,
  S3Usage,
  UsageAssumptions,
} from './settings/costSettings';
export {
  computePlatformCost,
  serviceCostOf,
} from './model/computePlatformCost';
export type {
  CostRepositories,
  EnvironmentBreakdown,
  PlatformCost,
  UnattributedItem,
  Workload,
} from './model/computePlatformCost';
export type { ComputeRates } from './model/computeRates';
export { diffPlatformCosts } from './diff/diffPlatformCosts';
export {
  recommendResources,
  rightSizingRecommendation,
} from './rightSizing/rightSizing';
export type { ContainerUsage } from './rightSizing/rightSizing';
