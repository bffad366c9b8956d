import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createGitopsAppCreateAction,
  createGitopsImageSetAction,
  createGitopsPromoteAction,
  createInfraModuleAddAction,
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
          createGitopsAppCreateAction(),
          createGitopsImageSetAction(),
          createGitopsPromoteAction(),
          createInfraModuleAddAction(),
        );
      },
    });
  },
});
