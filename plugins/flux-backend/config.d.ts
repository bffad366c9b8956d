export interface Config {
  /**
   * The Flux backend. Clusters come from `kubernetes.clusterLocatorMethods`
   * (type `config`, as for the Kubernetes plugin); this block maps them to
   * environments and sets how often they are read.
   */
  flux?: {
    /**
     * Seconds between two reads of a cluster's Flux objects into the shared
     * cache (one list per cluster and kind, whatever the number of viewers).
     * Default 10.
     */
    refreshIntervalSeconds?: number;
    /**
     * Seconds a request to a cluster's API server may take before the cluster
     * is reported with a `timeout` error. Default 10.
     */
    requestTimeoutSeconds?: number;
    /**
     * Seconds to wait for Flux to handle a reconcile request (its
     * `status.lastHandledReconcileAt`) before the action is recorded as
     * `timeout`. Default 60.
     */
    reconcileTimeoutSeconds?: number;
    /**
     * Seconds one refresh keeps a watch open on each kind after listing, so
     * that changes reach the cache within a second; 0 lists on every refresh
     * instead. Clusters that refuse watches are listed. Default 300.
     */
    watchSeconds?: number;
    /**
     * Per cluster (by its name in `kubernetes.clusterLocatorMethods`).
     * A cluster without an entry runs the environment whose cluster name it
     * has (`ecommerce-<env>-cluster`), else no environment (it still appears
     * on the runtime page).
     */
    clusters?: {
      [clusterName: string]: {
        /** The environment the cluster runs: dev, staging or prod. */
        environment?: string;
      };
    };
  };
}
