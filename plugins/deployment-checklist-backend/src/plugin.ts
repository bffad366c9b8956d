import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { deploymentChecklistPermissions } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { PlatformRepositories } from '@goldenpath/backstage-plugin-gitops-node';
import { readChecklistConfig } from './config';
import { ChecklistStore } from './database/ChecklistStore';
import { createRouter } from './router';
import {
  createChecklistProviders,
  createCiProvider,
  createFluxProvider,
  createGitProvider,
  createHttpProvider,
  createPrometheusProvider,
} from './services/ChecklistProviders';
import { createChecklistService } from './services/ChecklistService/createChecklistService';
import { createDefinitionLoader } from './services/DefinitionLoader/createDefinitionLoader';
import {
  createPrometheusPromqlValidator,
  createSyntaxPromqlValidator,
} from './services/DefinitionLoader/promql';
import { createReleaseDiscovery } from './services/ReleaseDiscovery/createReleaseDiscovery';

/**
 * The deployment checklist backend plugin: releases and their checklists,
 * automatic evidence, the promotion gate.
 *
 * @public
 */
export const deploymentChecklistPlugin = createBackendPlugin({
  pluginId: 'deployment-checklist',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, auth, discovery, reader } = deps;
        const settings = readChecklistConfig(config);
        const integrations = ScmIntegrations.fromConfig(config);

        deps.permissionsRegistry.addPermissions(deploymentChecklistPermissions);

        const store = await ChecklistStore.create({ database: deps.database });
        const promql = settings.prometheus.baseUrl
          ? createPrometheusPromqlValidator({
              baseUrl: settings.prometheus.baseUrl,
              onUnreachable: error =>
                logger.warn(
                  `Prometheus could not parse a definition's PromQL (${error.message}); used the syntax check instead`,
                ),
            })
          : createSyntaxPromqlValidator();
        const definitions = await createDefinitionLoader({
          reader,
          integrations,
          promql,
          logger,
        });
        const providers = createChecklistProviders({
          timeoutMs: settings.providerTimeoutMs,
          providers: {
            flux: createFluxProvider({ discovery, auth }),
            ci: createCiProvider({
              integrations,
              credentials:
                DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            }),
            prometheus: createPrometheusProvider(settings.prometheus),
            git: createGitProvider({ reader, integrations }),
            http: createHttpProvider(),
          },
        });
        const checklist = createChecklistService({
          store,
          definitions,
          providers,
          catalog: deps.catalog,
          auth,
          permissions: deps.permissions,
          notifications: deps.notifications,
          logger,
          evaluateReleasesNewerThanDays: settings.evaluateReleasesNewerThanDays,
        });

        await scheduler.scheduleTask({
          id: 'deployment-checklist:evaluate',
          ...settings.schedule,
          fn: async signal => {
            const count = await checklist.evaluateOpenReleases({ signal });
            logger.debug(`Evaluated ${count} open releases`);
          },
        });

        if (settings.discovery.enabled) {
          const discoveryTask = createReleaseDiscovery({
            repositories: PlatformRepositories.fromConfig(config, {
              reader,
              logger,
            }),
            checklist,
            logger,
          });
          await scheduler.scheduleTask({
            id: 'deployment-checklist:discover-releases',
            ...settings.discovery.schedule,
            fn: async () => {
              await discoveryTask.discover();
            },
          });
        } else {
          logger.info(
            'Releases are not created from dev overlays: goldenpath.repositories.gitopsConfig is not set (or deploymentChecklist.discovery.enabled is false)',
          );
        }

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, checklist }),
        );
      },
    });
  },
});
