import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createChecklistAssertAction,
  createChecklistCreateAction,
  createCostEstimateAction,
  createGitCloneAction,
  createGitopsAppCreateAction,
  createGitopsImageSetAction,
  createGitopsPromoteAction,
  createInfraModuleAddAction,
  createPublishGitAction,
  createPublishGitChangeAction,
} from './actions';
import { LocalGitRepositories } from './localGit/LocalGitRepositories';
import { withLocalRepositories } from './localGit/localActions';
import { createLocalGitRouter } from './localGit/router';

/**
 * Registers the golden path's scaffolder actions, and, with
 * `goldenpath.localGit` configured, the portal's own git repositories that
 * stand in for GitHub.
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init({
        scaffolder,
        config,
        logger,
        httpRouter,
        discovery,
        auth,
        catalog,
        urlReader,
      }) {
        const local = LocalGitRepositories.fromConfig(config);
        // Without the local repositories (production), templates may not
        // point the git actions at folders of the backend's machine.
        const gitOptions = {
          localRemoteRoots: local ? [local.root] : [],
        };
        let gitActions = [
          createPublishGitAction(gitOptions),
          createGitCloneAction(gitOptions),
          createPublishGitChangeAction(gitOptions),
        ];
        if (local) {
          await local.ensureSeeded(logger);
          httpRouter.use(createLocalGitRouter(local));
          httpRouter.addAuthPolicy({
            path: '/local-git',
            allow: 'unauthenticated',
          });
          const viewBaseUrl = await discovery.getExternalBaseUrl('scaffolder');
          gitActions = gitActions.map(action =>
            withLocalRepositories(action, local, viewBaseUrl),
          );
          logger.info(`Local git repositories in ${local.root}`);
        }
        scaffolder.addActions(
          ...gitActions,
          createGitopsAppCreateAction({ catalog }),
          createGitopsImageSetAction(),
          createGitopsPromoteAction(),
          createInfraModuleAddAction(),
          createCostEstimateAction({ config, reader: urlReader }),
          createChecklistCreateAction({ discovery, auth }),
          createChecklistAssertAction({ discovery, auth }),
        );
      },
    });
  },
});
