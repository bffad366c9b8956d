import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { DeploymentChecklistClient, deploymentChecklistApiRef } from '../api';
import { isDeploymentChecklistAvailable } from '../conditions';
import { rootRouteRef } from '../routes';

/**
 * The deployment checklist client, for apps on the new frontend system.
 *
 * @alpha
 */
export const deploymentChecklistApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentChecklistApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentChecklistClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "Release checklist" tab on Component pages.
 *
 * @alpha
 */
export const entityDeploymentChecklistContent = EntityContentBlueprint.make({
  params: {
    path: 'release-checklist',
    title: 'Release checklist',
    group: 'deployment',
    routeRef: rootRouteRef,
    filter: isDeploymentChecklistAvailable,
    loader: () =>
      import('../components/DeploymentChecklistContent').then(m => (
        <m.DeploymentChecklistContent />
      )),
  },
});

/**
 * The "Latest release" card on the overview of Component pages.
 *
 * @alpha
 */
export const entityDeploymentChecklistCard = EntityCardBlueprint.make({
  params: {
    filter: isDeploymentChecklistAvailable,
    loader: () =>
      import('../components/DeploymentChecklistCard').then(m => (
        <m.DeploymentChecklistCard />
      )),
  },
});
