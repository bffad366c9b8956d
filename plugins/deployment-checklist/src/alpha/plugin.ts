import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import {
  deploymentChecklistApi,
  entityDeploymentChecklistCard,
  entityDeploymentChecklistContent,
} from './extensions';

/**
 * The deployment checklist plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'deployment-checklist',
  title: 'Release checklist',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    deploymentChecklistApi,
    entityDeploymentChecklistContent,
    entityDeploymentChecklistCard,
  ],
  routes: {
    entityContent: rootRouteRef,
  },
});
