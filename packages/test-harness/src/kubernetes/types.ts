/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    generation?: number;
    uid?: string;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  // Objects of many kinds: their spec and status are free-form JSON.
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** What goes wrong on a request, to simulate a failing API server. */
export type KubernetesFault =
  /** Answer with this HTTP status and a Kubernetes `Status` body. */
  | { type: 'status'; status: number; message?: string }
  /** Answer normally, after a delay. */
  | { type: 'delay'; ms: number }
  /** Never answer (the client times out). */
  | { type: 'hang' }
  /** Destroy the connection without an answer. */
  | { type: 'reset' };

export interface FaultRule {
  /** A path prefix (after the cluster prefix, e.g. `/apis/helm.toolkit.fluxcd.io`) or a pattern; every path when omitted. */
  path?: string | RegExp;
  /** Only requests with this method (GET, PATCH, ...). */
  method?: string;
  /** Only watch requests (true) or only non-watch requests (false). */
  watch?: boolean;
  fault: KubernetesFault;
  /** Apply to this many requests, then stop; forever when omitted. */
  times?: number;
}

/** The Flux controllers' part: what happens after a reconcile request. */
export interface ControllerOptions {
  /**
   * Milliseconds after a `reconcile.fluxcd.io/requestedAt` annotation is set
   * until `status.lastHandledReconcileAt` reports it; `'never'` simulates a
   * stopped controller. Default 50.
   */
  reconcileDelayMs?: number | 'never';
}

export interface ClusterOptions {
  /** Objects present at start. */
  objects?: KubeObject[];
  /** The bearer token every request must carry; no check when omitted. */
  token?: string;
  /**
   * Versions served per kind, preferred first (e.g. `{ HelmRelease: ['v2beta2'] }`);
   * kinds not listed serve their current version, kinds mapped to `[]` are not installed.
   */
  servedVersions?: Record<string, string[]>;
  controller?: ControllerOptions;
  /** False: watch requests are refused with 405, as by a proxy that does not stream. */
  watch?: boolean;
  /** Faults from the start (more with `cluster(name).addFault`). */
  faults?: FaultRule[];
  /** How many changes a watch can resume from (older resourceVersions get 410 Expired). Default 5000. */
  watchHistory?: number;
}

export interface RecordedRequest {
  cluster: string;
  method: string;
  /** The API path after the cluster prefix, without the query. */
  path: string;
  query: Record<string, string>;
  watch: boolean;
}

export interface RequestFilter {
  cluster?: string;
  method?: string;
  /** A path prefix or a pattern. */
  path?: string | RegExp;
  watch?: boolean;
}
