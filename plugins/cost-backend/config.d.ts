export interface Config {
  /**
   * The cost backend's own settings; the prices and assumptions it shares
   * with the `cost:estimate` scaffolder action are declared by
   * `@goldenpath/backstage-plugin-cost-node`.
   */
  cost?: {
    /** Right-sizing recommendations. */
    rightSizing?: {
      /** The rule used when a request names none: `design`, `vpa` or `krr`. Default `design`. */
      defaultRule?: 'design' | 'vpa' | 'krr';
    };
    /**
     * Where actual CPU and memory usage is read (cAdvisor's
     * container_cpu_usage_seconds_total and
     * container_memory_working_set_bytes). Without it there are no
     * right-sizing recommendations.
     */
    prometheus?: {
      /** The Prometheus HTTP API base URL, e.g. `http://prometheus.monitoring:9090`. Default: none. */
      baseUrl?: string;
      /**
       * The URL people open Prometheus at, for graph links.
       * Default: `baseUrl`.
       */
      externalUrl?: string;
      /** How far back usage is read (a Prometheus duration). Default `7d`. */
      window?: string;
      /** Resolution of the usage subqueries. Default `5m`. */
      step?: string;
      /** The rate() interval of CPU usage. Default `5m`. */
      rateInterval?: string;
      /** The label naming the cluster a series comes from. Default `cluster`. */
      clusterLabel?: string;
      /**
       * The cluster label's value per environment.
       * Default: `ecommerce-<env>-cluster`.
       */
      clusters?: {
        dev?: string;
        staging?: string;
        prod?: string;
      };
      /** How long usage is reused, in seconds. Default 600. */
      cacheTtlSeconds?: number;
      /** How long a query may take, in seconds. Default 15. */
      timeoutSeconds?: number;
    };
  };
}
