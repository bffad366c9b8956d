import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/**
 * The Flux kinds the portal reads. The backend discovers which version of
 * each a cluster serves.
 *
 * @public
 */
export const FLUX_KIND_NAMES = [
  'Kustomization',
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'HelmChart',
  'HelmRelease',
  'ImageRepository',
  'ImagePolicy',
] as const;

/** One of {@link FLUX_KIND_NAMES}. @public */
export type FluxKind = (typeof FLUX_KIND_NAMES)[number];

/** Whether a kind is one the portal reads. @public */
export function isFluxKind(kind: string): kind is FluxKind {
  return (FLUX_KIND_NAMES as readonly string[]).includes(kind);
}

/**
 * How healthy one Flux object is, derived from its conditions:
 * Ready=True → `ready`; Reconciling=True → `reconciling`; Stalled=True →
 * `stalled`; Ready=False → `failed`; anything else (no status, unknown
 * conditions, an API version the plugin does not know) → `unknown`.
 *
 * @public
 */
export type FluxReadiness =
  | 'ready'
  | 'reconciling'
  | 'stalled'
  | 'failed'
  | 'unknown';

/** @public */
export interface FluxCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/**
 * One entry of a Kustomization's `status.history` or a HelmRelease's
 * `status.history` (Flux 2.3+ shapes).
 *
 * @public
 */
export interface FluxHistoryEntry {
  /** Git/OCI revision (Kustomization) or chart version (HelmRelease). */
  revision?: string;
  /** Digest of the applied inventory or release manifest. */
  digest?: string;
  /** HelmRelease only: the chart name, version and appVersion. */
  chartName?: string;
  chartVersion?: string;
  appVersion?: string;
  /** HelmRelease only: the Helm release version number. */
  version?: number;
  status?: string;
  firstReconciled?: string;
  lastReconciled?: string;
  totalReconciliations?: number;
}

/** One object Flux applied, parsed from `status.inventory.entries`. @public */
export interface FluxInventoryEntry {
  /** The raw id, `<namespace>_<name>_<group>_<kind>`. */
  id: string;
  /** The applied API version. */
  version: string;
  namespace?: string;
  name: string;
  group: string;
  kind: string;
}

/** A Kubernetes Event whose involvedObject is the Flux object. @public */
export interface FluxEvent {
  type: string;
  reason?: string;
  message?: string;
  count?: number;
  /** ISO time of the last occurrence. */
  lastSeen?: string;
}

/** One Flux object as the portal shows it. @public */
export interface FluxObjectStatus {
  cluster: string;
  environment?: EnvironmentName;
  kind: FluxKind | string;
  /** The API version the object was read with, e.g. `kustomize.toolkit.fluxcd.io/v1`. */
  apiVersion: string;
  /** False when the cluster served a version this plugin does not know; the object then shows as `unknown`. */
  knownApiVersion: boolean;
  namespace: string;
  name: string;
  readiness: FluxReadiness;
  /** Reason and message of the condition that decided `readiness`. */
  reason?: string;
  message?: string;
  suspended: boolean;
  /** The raw conditions, always passed through. */
  conditions: FluxCondition[];
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  /** The source this object reconciles from (`spec.sourceRef` or the HelmRelease chart source). */
  sourceRef?: { kind: string; name: string; namespace?: string };
  /** The artifact revision its source currently serves. */
  sourceRevision?: string;
  lastHandledReconcileAt?: string;
  history: FluxHistoryEntry[];
  inventory: FluxInventoryEntry[];
  events: FluxEvent[];
}

/** Why a cluster's data is missing. @public */
export interface FluxClusterError {
  cluster: string;
  environment?: EnvironmentName;
  reason: 'unreachable' | 'unauthorized' | 'forbidden' | 'timeout' | 'error';
  message: string;
  /** HTTP status from the API server, when there was one. */
  statusCode?: number;
}

/** An image as `<repository>:<tag>`, split. @public */
export interface FluxImageRef {
  image: string;
  tag: string;
}

/** What runs in one environment for one service. @public */
export interface FluxEnvironmentStatus {
  environment: EnvironmentName;
  /** Undefined when no cluster is configured for the environment. */
  cluster?: string;
  /** Set when the cluster could not be read; `objects` is then empty. */
  error?: FluxClusterError;
  /** Worst readiness of the objects (unknown when there are none). */
  readiness: FluxReadiness;
  suspended: boolean;
  /** The service's Kustomization's last applied revision. */
  lastAppliedRevision?: string;
  /** What gitops-config declares for this environment (from gitops-node). */
  declared?: FluxImageRef;
  /** What the cluster runs (the service's Deployment's container image). */
  deployed?: FluxImageRef;
  /** True when declared and deployed tags differ. */
  drift: boolean;
  objects: FluxObjectStatus[];
}

/** Who did what to which Flux object, and how it ended. @public */
export interface FluxActionRecord {
  id: string;
  entityRef: string;
  cluster: string;
  environment?: EnvironmentName;
  kind: string;
  namespace: string;
  name: string;
  action: FluxActionType;
  /** User entity ref of who asked. */
  actor: string;
  requestedAt: string;
  finishedAt?: string;
  result: 'pending' | 'succeeded' | 'failed' | 'timeout' | 'denied';
  message?: string;
}

/** @public */
export type FluxActionType = 'reconcile' | 'suspend' | 'resume';

/** Body of POST /entity/:namespace/:kind/:name/actions. @public */
export interface FluxActionRequest {
  cluster: string;
  kind: FluxKind;
  namespace: string;
  name: string;
  action: FluxActionType;
}

/** Answer of GET /entity/:namespace/:kind/:name/status. @public */
export interface FluxEntityStatus {
  entityRef: string;
  /** The label selector used to find the service's objects. */
  selector: string;
  /** One entry per environment in promotion order (dev, staging, prod). */
  environments: FluxEnvironmentStatus[];
  /** Most recent actions on this entity's objects, newest first. */
  actions: FluxActionRecord[];
  /** When the cache the answer came from was last filled, per cluster. */
  refreshedAt: Record<string, string>;
}

/** One Flux controller Deployment in flux-system. @public */
export interface FluxControllerStatus {
  name: string;
  namespace: string;
  image?: string;
  version?: string;
  ready: boolean;
  replicas: number;
  readyReplicas: number;
}

/** Answer of GET /runtime: the Flux installation per cluster. @public */
export interface FluxRuntimeStatus {
  clusters: Array<{
    cluster: string;
    environment?: EnvironmentName;
    error?: FluxClusterError;
    controllers: FluxControllerStatus[];
    /** The API version served for each kind, as discovered. */
    apiVersions: Partial<Record<FluxKind, string>>;
  }>;
}
