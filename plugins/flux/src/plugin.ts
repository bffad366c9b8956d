import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FluxClient, fluxApiRef } from './api';
import { entityContentRouteRef, runtimeRouteRef } from './routes';

/**
 * The Flux plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const fluxPlugin = createPlugin({
  id: 'flux',
  apis: [
    createApiFactory({
      api: fluxApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FluxClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: entityContentRouteRef,
    runtime: runtimeRouteRef,
  },
});

/**
 * The Flux tab of a catalog entity page.
 *
 * @public
 */
export const EntityFluxContent = fluxPlugin.provide(
  createRoutableExtension({
    name: 'EntityFluxContent',
    component: () =>
      import('./components/EntityFluxContent').then(m => m.EntityFluxContent),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The Flux runtime page: controllers, versions and APIs per cluster.
 *
 * @public
 */
export const FluxRuntimePage = fluxPlugin.provide(
  createRoutableExtension({
    name: 'FluxRuntimePage',
    component: () =>
      import('./components/FluxRuntimePage').then(m => m.FluxRuntimePage),
    mountPoint: runtimeRouteRef,
  }),
);

/**
 * The Deployments card for an entity's overview: per environment the
 * declared and running tags and readiness, linking to the Flux tab.
 *
 * @public
 */
export const EntityFluxCard = fluxPlugin.provide(
  createComponentExtension({
    name: 'EntityFluxCard',
    component: {
      lazy: () =>
        import('./components/EntityFluxCard').then(m => m.EntityFluxCard),
    },
  }),
);
