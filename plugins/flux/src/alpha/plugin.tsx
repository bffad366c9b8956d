import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SyncIcon from '@material-ui/icons/Sync';
import { FluxClient, fluxApiRef } from '../api';
import { isFluxAvailable } from '../conditions';
import { entityContentRouteRef, runtimeRouteRef } from '../routes';

/** @alpha */
export const fluxApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fluxApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FluxClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Flux tab, on components that say how to find their Flux objects.
 *
 * @alpha
 */
export const fluxEntityContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: 'flux',
    title: 'Flux',
    group: 'deployment',
    routeRef: convertLegacyRouteRef(entityContentRouteRef),
    filter: isFluxAvailable,
    loader: () =>
      import('../components/EntityFluxContent').then(m => (
        <m.EntityFluxContent />
      )),
  },
});

/**
 * The Deployments card on the overview of components with a Flux tab.
 *
 * @alpha
 */
export const fluxEntityCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: isFluxAvailable,
    loader: () =>
      import('../components/EntityFluxCard').then(m => <m.EntityFluxCard />),
  },
});

/**
 * The Flux runtime page at /flux, in the sidebar.
 *
 * @alpha
 */
export const fluxRuntimePage = PageBlueprint.make({
  params: {
    path: '/flux',
    title: 'Flux',
    icon: <SyncIcon />,
    routeRef: convertLegacyRouteRef(runtimeRouteRef),
    loader: () =>
      import('../components/FluxRuntimePage').then(m => (
        <Content>
          <m.FluxRuntimeContent />
        </Content>
      )),
  },
});

/**
 * The Flux plugin for the new frontend system.
 *
 * @alpha
 */
export const fluxFrontendPlugin = createFrontendPlugin({
  pluginId: 'flux',
  title: 'Flux',
  routes: {
    entityContent: convertLegacyRouteRef(entityContentRouteRef),
    runtime: convertLegacyRouteRef(runtimeRouteRef),
  },
  extensions: [fluxApi, fluxEntityContent, fluxEntityCard, fluxRuntimePage],
});
