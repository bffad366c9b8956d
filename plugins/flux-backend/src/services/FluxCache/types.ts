import type {
  FluxClusterError,
  FluxControllerStatus,
  FluxEvent,
  FluxKind,
} from '@goldenpath/backstage-plugin-flux-common';
import type { FluxCluster } from '../../config/readFluxConfig';
import type {
  CachedEvent,
  CachedFluxObject,
  CachedWorkload,
} from '../../flux/fluxObjects';

/** What the shared cache holds for one cluster. */
export interface ClusterSnapshot {
  cluster: FluxCluster;
  /** When the data was last known current (a list, or a live watch). */
  refreshedAt?: string;
  /** Set when the cluster could not be read; the lists are then empty. */
  error?: FluxClusterError;
  /** The API version read for each Flux kind the cluster serves. */
  apiVersions: Partial<Record<FluxKind, string>>;
  /** Every Flux object of the cluster. */
  objects: CachedFluxObject[];
  /** Deployments carrying the `backstage.io/kubernetes-id` label. */
  workloads: CachedWorkload[];
  /** The Flux controllers' Deployments in flux-system. */
  controllers: FluxControllerStatus[];
  /** Recent Events about Flux objects. */
  events: CachedEvent[];
  /** Lookups for joins, built once per stored version of the lists. */
  index: {
    /** Artifact revision of each source, by `<Kind>/<namespace>/<name>`. */
    artifacts: Map<string, string | undefined>;
    /** Events of each object, newest first, by `<Kind>/<namespace>/<name>`. */
    events: Map<string, FluxEvent[]>;
  };
}

/** Where a Flux kind is served on a cluster. */
export interface ServedKind {
  kind: FluxKind;
  /** `<group>/<version>`. */
  apiVersion: string;
  plural: string;
  known: boolean;
}

/**
 * The shared, per-cluster cache of Flux objects: filled by a scheduled task
 * (one replica at a time) with one list per cluster and kind, kept current
 * by watches where the cluster allows, stored in the cache service. Readers
 * never reach a cluster, except for one fill per process when the cache is
 * cold.
 */
export interface FluxCache {
  readonly clusters: FluxCluster[];
  /** The snapshot of every configured cluster. */
  snapshots(): Promise<ClusterSnapshot[]>;
  /** Schedules the refresh tasks (one per cluster). */
  start(): Promise<void>;
  /** Asks for a refresh of a cluster soon (after an action). */
  requestRefresh(cluster: string): void;
  /** Where a kind is served on a cluster (discovered when not known yet). */
  servedKind(cluster: string, kind: FluxKind): Promise<ServedKind | undefined>;
}
