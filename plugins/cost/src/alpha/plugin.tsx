import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { costApiRef, CostClient } from '../api';
import { isComponentCostAvailable, isSystemCostAvailable } from '../conditions';
import { entityCostRouteRef, systemCostRouteRef } from '../routes';

// Legacy route refs already serve both systems; the conversion only changes
// their type, so both apps link to the same tabs.
const entityContentRouteRef = convertLegacyRouteRef(entityCostRouteRef);
const systemContentRouteRef = convertLegacyRouteRef(systemCostRouteRef);

/** The cost client, talking to the `cost` backend plugin. @alpha */
export const costApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostClient({ discoveryApi, fetchApi }),
    }),
});

/** The Cost tab of a component. @alpha */
export const entityCostContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: 'cost',
    title: 'Cost',
    routeRef: entityContentRouteRef,
    filter: isComponentCostAvailable,
    loader: () =>
      import('../components/EntityCostContent').then(m => (
        <m.EntityCostContent />
      )),
  },
});

/** The cost card on the overview of a component with a Cost tab. @alpha */
export const entityCostCard = EntityCardBlueprint.make({
  name: 'entity',
  params: {
    filter: isComponentCostAvailable,
    loader: () =>
      import('../components/EntityCostCard').then(m => <m.EntityCostCard />),
  },
});

/** The Cost tab of a System: its services with their totals. @alpha */
export const systemCostContent = EntityContentBlueprint.make({
  name: 'system',
  params: {
    path: 'cost',
    title: 'Cost',
    routeRef: systemContentRouteRef,
    filter: isSystemCostAvailable,
    loader: () =>
      import('../components/EntitySystemCostContent').then(m => (
        <m.EntitySystemCostContent />
      )),
  },
});

/**
 * The cost plugin for apps on the new frontend system: the cost API and the
 * Cost tabs of components and Systems.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'cost',
  title: 'Cost',
  extensions: [costApi, entityCostContent, entityCostCard, systemCostContent],
  routes: {
    entityContent: entityContentRouteRef,
    systemContent: systemContentRouteRef,
  },
});
