import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DeploymentChecklistClient, deploymentChecklistApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The deployment checklist plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const deploymentChecklistPlugin = createPlugin({
  id: 'deployment-checklist',
  apis: [
    createApiFactory({
      api: deploymentChecklistApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentChecklistClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: rootRouteRef,
  },
});

/**
 * The "Release checklist" entity tab: releases, their items by phase with
 * evidence and actions, and the audit trail.
 *
 * @public
 */
export const EntityDeploymentChecklistContent =
  deploymentChecklistPlugin.provide(
    createRoutableExtension({
      name: 'EntityDeploymentChecklistContent',
      component: () =>
        import('./components/DeploymentChecklistContent').then(
          m => m.DeploymentChecklistContent,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The release card for an entity's overview: the latest release, its
 * progress per phase and its gate, linking to the tab.
 *
 * @public
 */
export const EntityDeploymentChecklistCard = deploymentChecklistPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentChecklistCard',
    component: {
      lazy: () =>
        import('./components/DeploymentChecklistCard').then(
          m => m.DeploymentChecklistCard,
        ),
    },
  }),
);
