/**
 * The cost plugin: what each service costs per environment, from the GitOps
 * and Terraform repositories and from usage, on the catalog's entity pages.
 *
 * @packageDocumentation
 */

export {
  costPlugin,
  EntityCostCard,
  EntityCostContent,
  EntitySystemCostContent,
} from './plugin';
export { isCostAvailable } from './conditions';
export { costApiRef, CostClient } from './api';
export type { CostApi } from './api';
