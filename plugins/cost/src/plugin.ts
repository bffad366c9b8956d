import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { costApiRef, CostClient } from './api';
import { entityCostRouteRef, systemCostRouteRef } from './routes';

/**
 * The cost plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const costPlugin = createPlugin({
  id: 'cost',
  apis: [
    createApiFactory({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: entityCostRouteRef,
    systemContent: systemCostRouteRef,
  },
});

/**
 * The Cost tab of a component (use inside an entity page's EntityLayout).
 *
 * @public
 */
export const EntityCostContent = costPlugin.provide(
  createRoutableExtension({
    name: 'EntityCostContent',
    component: () =>
      import('./components/EntityCostContent').then(m => m.EntityCostContent),
    mountPoint: entityCostRouteRef,
  }),
);

/**
 * The Cost tab of a System: its services with their totals.
 *
 * @public
 */
export const EntitySystemCostContent = costPlugin.provide(
  createRoutableExtension({
    name: 'EntitySystemCostContent',
    component: () =>
      import('./components/EntitySystemCostContent').then(
        m => m.EntitySystemCostContent,
      ),
    mountPoint: systemCostRouteRef,
  }),
);

/**
 * The cost card for a service's overview: its monthly cost per environment,
 * linking to the Cost tab.
 *
 * @public
 */
export const EntityCostCard = costPlugin.provide(
  createComponentExtension({
    name: 'EntityCostCard',
    component: {
      lazy: () =>
        import('./components/EntityCostCard').then(m => m.EntityCostCard),
    },
  }),
);
