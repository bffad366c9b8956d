import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { fluxPermissions } from '@goldenpath/backstage-plugin-flux-common';
import { PlatformRepositories } from '@goldenpath/backstage-plugin-gitops-node';
import { readFluxConfig } from './config/readFluxConfig';
import { FluxActionStore } from './database/FluxActionStore';
import { ClusterCredentials } from './kubernetes/credentials';
import { createClusterClients } from './kubernetes/KubernetesClient';
import { createRouter } from './router';
import { createFluxActions } from './services/FluxActions/createFluxActions';
import { createFluxCache } from './services/FluxCache/createFluxCache';
import { createDeclaredImages } from './services/FluxStatus/createDeclaredImages';
import { createFluxStatus } from './services/FluxStatus/createFluxStatus';

/**
 * The Flux backend: status of every service's Flux objects per environment
 * from one shared cache per cluster, and reconcile / suspend / resume.
 *
 * @public
 */
export const fluxPlugin = createBackendPlugin({
  pluginId: 'flux',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, cache, scheduler } = deps;
        const settings = readFluxConfig(config);
        settings.warnings.forEach(warning => logger.warn(warning));

        const clients = createClusterClients(settings.clusters, {
          credentials: new ClusterCredentials({ config, logger }),
          requestTimeoutMs: settings.requestTimeoutMs,
        });
        const fluxCache = createFluxCache({
          settings,
          cache,
          scheduler,
          logger,
          clients,
        });
        await fluxCache.start();

        const store = await FluxActionStore.create(deps.database);
        const repositories = config.has('goldenpath.repositories')
          ? PlatformRepositories.fromConfig(config, {
              reader: deps.urlReader,
              logger,
            })
          : undefined;
        if (!repositories) {
          logger.warn(
            'goldenpath.repositories is not configured: the Flux status shows what runs, not what gitops-config declares',
          );
        }

        deps.permissionsRegistry.addPermissions(fluxPermissions);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            catalog: deps.catalog,
            status: createFluxStatus({
              cache: fluxCache,
              store,
              declaredImages: createDeclaredImages({
                repositories,
                cache,
                logger,
              }),
            }),
            actions: createFluxActions({
              settings,
              catalog: deps.catalog,
              clients,
              cache: fluxCache,
              store,
              permissions: deps.permissions,
              auth: deps.auth,
              logger,
            }),
          }),
        );
        logger.info(
          `Reading Flux objects of ${
            settings.clusters.length
          } cluster(s) every ${
            settings.refreshIntervalMs / 1000
          } s: ${settings.clusters
            .map(c => `${c.name}${c.environment ? ` (${c.environment})` : ''}`)
            .join(', ')}`,
        );
      },
    });
  },
});
