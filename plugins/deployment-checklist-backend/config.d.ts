import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The deployment checklist backend: release checklists with automatic
   * evidence and a promotion gate.
   */
  deploymentChecklist?: {
    /**
     * How often the automatic items of releases that are not complete are
     * checked again. Default: every 5 minutes, timeout 4 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * Releases created more than this many days ago are no longer checked on
     * schedule (POST /releases/:id/evaluate still checks them). Default: 30.
     */
    evaluateReleasesNewerThanDays?: number;

    /**
     * How long one automatic check may take before its item is marked
     * unknown, in seconds. Default: 10.
     */
    providerTimeoutSeconds?: number;

    /**
     * Creating a release when a new tag appears in a service's dev overlay of
     * the GitOps repository (goldenpath.repositories.gitopsConfig).
     */
    discovery?: {
      /**
       * Default: true when goldenpath.repositories.gitopsConfig is set.
       */
      enabled?: boolean;
      /** How often the dev overlays are read. Default: every 2 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * The Prometheus server(s) `prometheus` items query. Without one those
     * items are unknown, and definitions' PromQL is only syntax-checked.
     */
    prometheus?: {
      /**
       * Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090.
       * Default: none.
       */
      baseUrl?: string;
      /**
       * Prometheus per environment, for items that name an environment
       * (e.g. one Prometheus per cluster). Default: baseUrl for all.
       */
      environments?: {
        /** Default: baseUrl. */
        dev?: string;
        /** Default: baseUrl. */
        staging?: string;
        /** Default: baseUrl. */
        prod?: string;
      };
      /**
       * Base URL of the links shown as evidence, when people reach
       * Prometheus at another address than the backend. Default: baseUrl.
       */
      externalUrl?: string;
    };
  };
}
