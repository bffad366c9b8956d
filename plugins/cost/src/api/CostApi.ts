import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  Price,
  RightSizingRule,
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';

/**
 * What the cost backend answers about services, systems and prices.
 *
 * @public
 */
export interface CostApi {
  /**
   * What one catalog entity (a service) costs per environment, with the
   * right-sizing recommendations of `rule` when usage is available.
   */
  getEntityCost(
    entityRef: CompoundEntityRef,
    options?: { rule?: RightSizingRule },
  ): Promise<ServiceCost>;

  /**
   * Every service of a System with its per-environment totals; `system` is
   * its reference (system:<namespace>/<name>) or a name in the default
   * namespace.
   */
  getSystemCost(system: string): Promise<SystemCost>;

  /** The whole price table, each price with its source and date. */
  getPrices(): Promise<Price[]>;
}

/** @public */
export const costApiRef = createApiRef<CostApi>({
  id: 'plugin.cost.api',
});
