import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGitopsImageSetAction,
  createGitopsPromoteAction,
} from './actions';

/**
 * Registers the golden path's scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleGitops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gitops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createGitopsImageSetAction(),
          createGitopsPromoteAction(),
        );
      },
    });
  },
});
