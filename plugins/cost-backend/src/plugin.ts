import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  isRightSizingRule,
  RIGHT_SIZING_RULES,
} from '@goldenpath/backstage-plugin-cost-common';
import { readCostSettings } from '@goldenpath/backstage-plugin-cost-node';
import { PlatformRepositories } from '@goldenpath/backstage-plugin-gitops-node';
import { createRouter } from './router';
import { createCostService } from './services/CostService/createCostService';
import {
  createPrometheusUsageService,
  readPrometheusSettings,
} from './services/UsageService/createPrometheusUsageService';

/**
 * The cost backend plugin: what each service costs per environment, from
 * the GitOps and Terraform repositories, and right-sizing from Prometheus.
 *
 * @public
 */
export const costPlugin = createBackendPlugin({
  pluginId: 'cost',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        reader,
        cache,
        httpAuth,
        httpRouter,
        catalog,
      }) {
        const defaultRule =
          config.getOptionalString('cost.rightSizing.defaultRule') ?? 'design';
        if (!isRightSizingRule(defaultRule)) {
          throw new InputError(
            `Invalid config at 'cost.rightSizing.defaultRule': '${defaultRule}'; expected ${RIGHT_SIZING_RULES.join(
              ', ',
            )}`,
          );
        }
        const prometheus = readPrometheusSettings(config);
        const costService = createCostService({
          repositories: PlatformRepositories.fromConfig(config, {
            reader,
            logger,
          }),
          settings: readCostSettings(config),
          catalog,
          reader,
          logger,
          usage: prometheus
            ? createPrometheusUsageService({
                settings: prometheus,
                cache,
                logger,
              })
            : undefined,
          defaultRule,
        });
        logger.info(
          prometheus
            ? `Right-sizing from Prometheus at ${prometheus.baseUrl} over ${prometheus.window}`
            : 'No cost.prometheus.baseUrl: costs without right-sizing',
        );
        httpRouter.use(await createRouter({ httpAuth, costService }));
      },
    });
  },
});
