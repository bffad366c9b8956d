import type {
  FluxCondition,
  FluxControllerStatus,
  FluxEvent,
  FluxHistoryEntry,
  FluxImageRef,
  FluxInventoryEntry,
  FluxObjectStatus,
  FluxReadiness,
} from '@goldenpath/backstage-plugin-flux-common';
import { splitImage } from '@goldenpath/backstage-plugin-gitops-node';
import type { KubeObject } from '../kubernetes/KubernetesClient';
import { fluxKind } from './fluxKinds';

/**
 * A Flux object as the cache holds it: the status the portal shows (without
 * the per-request joins: events and the source's revision), its labels for
 * selection, and what other objects join against it.
 */
export interface CachedFluxObject {
  labels: Record<string, string>;
  status: FluxObjectStatus;
  /** Sources: the revision of the artifact they serve. */
  artifactRevision?: string;
  /** HelmRelease: the HelmChart (`<namespace>/<name>`) its chart comes from. */
  helmChart?: string;
}

/** A Deployment as the cache holds it. */
export interface CachedWorkload {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  containers: Array<{ name: string; image: string }>;
}

/** An Event about a Flux object, as the cache holds it. */
export interface CachedEvent {
  /** `<Kind>/<namespace>/<name>` of the involved object. */
  involved: string;
  group: string;
  event: FluxEvent;
}

export function objectKey(kind: string, namespace: string, name: string) {
  return `${kind}/${namespace}/${name}`;
}

function groupOf(apiVersion: string | undefined): string {
  const slash = apiVersion?.indexOf('/') ?? -1;
  return slash >= 0 ? apiVersion!.slice(0, slash) : '';
}

function toConditions(raw: unknown): FluxCondition[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (c): c is Record<string, unknown> =>
        !!c && typeof c === 'object' && typeof c.type === 'string',
    )
    .map(c => ({
      type: String(c.type),
      status: String(c.status ?? 'Unknown'),
      reason: typeof c.reason === 'string' ? c.reason : undefined,
      message: typeof c.message === 'string' ? c.message : undefined,
      lastTransitionTime:
        typeof c.lastTransitionTime === 'string'
          ? c.lastTransitionTime
          : undefined,
    }));
}

/**
 * Readiness from conditions, in the contract's order: Ready=True, then
 * Reconciling=True, Stalled=True, Ready=False; anything else is unknown.
 */
export function readinessOf(conditions: FluxCondition[]): {
  readiness: FluxReadiness;
  reason?: string;
  message?: string;
} {
  const find = (type: string) => conditions.find(c => c.type === type);
  const ready = find('Ready');
  const reconciling = find('Reconciling');
  const stalled = find('Stalled');
  const from = (readiness: FluxReadiness, c: FluxCondition) => ({
    readiness,
    reason: c.reason,
    message: c.message,
  });
  if (ready?.status === 'True') return from('ready', ready);
  if (reconciling?.status === 'True') return from('reconciling', reconciling);
  if (stalled?.status === 'True') return from('stalled', stalled);
  if (ready?.status === 'False') return from('failed', ready);
  if (ready) return from('unknown', ready);
  return {
    readiness: 'unknown',
    message:
      conditions.length === 0
        ? 'No status reported yet: the controller has not reconciled it'
        : undefined,
  };
}

const SEVERITY: Record<FluxReadiness, number> = {
  ready: 0,
  reconciling: 1,
  unknown: 2,
  failed: 3,
  stalled: 4,
};

/** The worst readiness of several (unknown for none). */
export function worstReadiness(readiness: FluxReadiness[]): FluxReadiness {
  if (readiness.length === 0) return 'unknown';
  return readiness.reduce((worst, r) =>
    SEVERITY[r] > SEVERITY[worst] ? r : worst,
  );
}

/** Parses inventory entries `<namespace>_<name>_<group>_<kind>`. */
export function parseInventory(raw: unknown): FluxInventoryEntry[] {
  const entries = (raw as { entries?: unknown })?.entries;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter(e => e && typeof e.id === 'string')
    .map((e: { id: string; v?: string }) => {
      const parts = e.id.split('_');
      const version = typeof e.v === 'string' ? e.v : '';
      if (parts.length !== 4) {
        return { id: e.id, version, name: e.id, group: '', kind: '' };
      }
      const [namespace, name, group, kind] = parts;
      return {
        id: e.id,
        version,
        namespace: namespace || undefined,
        name,
        group,
        kind,
      };
    });
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Kustomization (Flux 2.5+) and HelmRelease (v2, v2beta2) history. */
export function parseHistory(kind: string, raw: unknown): FluxHistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((h): h is Record<string, any> => !!h && typeof h === 'object')
    .map(h =>
      kind === 'HelmRelease'
        ? {
            revision: str(h.chartVersion),
            digest: str(h.digest),
            chartName: str(h.chartName),
            chartVersion: str(h.chartVersion),
            appVersion: str(h.appVersion),
            version: num(h.version),
            status: str(h.status),
            firstReconciled: str(h.firstDeployed),
            lastReconciled: str(h.lastDeployed),
          }
        : {
            revision: str(h.metadata?.revision) ?? str(h.revision),
            digest: str(h.digest),
            status: str(h.lastReconciledStatus),
            firstReconciled: str(h.firstReconciled),
            lastReconciled: str(h.lastReconciled),
            totalReconciliations: num(h.totalReconciliations),
          },
    );
}

function sourceRefOf(
  kind: string,
  spec: Record<string, any> | undefined,
): FluxObjectStatus['sourceRef'] {
  let ref = spec?.sourceRef;
  if (kind === 'HelmRelease') {
    ref = spec?.chartRef ?? spec?.chart?.spec?.sourceRef;
  } else if (kind === 'ImagePolicy' && spec?.imageRepositoryRef) {
    ref = { kind: 'ImageRepository', ...spec.imageRepositoryRef };
  }
  if (!ref || typeof ref.name !== 'string') return undefined;
  return {
    kind: String(ref.kind ?? ''),
    name: ref.name,
    namespace: str(ref.namespace),
  };
}

function appliedRevisionOf(kind: string, status: Record<string, any>) {
  if (kind === 'HelmRelease') {
    return (
      str(status.lastAppliedRevision) ??
      str(
        (status.history as any[] | undefined)?.find(
          h => h?.status === 'deployed',
        )?.chartVersion,
      )
    );
  }
  if (kind === 'ImagePolicy') {
    const latest = status.latestRef;
    return (
      str(status.latestImage) ??
      (latest?.name ? `${latest.name}:${latest.tag ?? ''}` : undefined)
    );
  }
  return str(status.lastAppliedRevision) ?? str(status.artifact?.revision);
}

/**
 * A Flux object as the cache holds it. An object read at a version this
 * plugin does not know keeps its raw conditions but is `unknown`.
 */
export function toCachedFluxObject(
  raw: KubeObject,
  context: { cluster: string; environment?: FluxObjectStatus['environment'] },
): CachedFluxObject {
  const kind = String(raw.kind ?? '');
  const apiVersion = String(raw.apiVersion ?? '');
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  const known = fluxKind(kind)?.knownVersions.includes(version) ?? false;
  const status: Record<string, any> =
    raw.status && typeof raw.status === 'object' ? raw.status : {};
  const conditions = toConditions(status.conditions);
  const readiness = known
    ? readinessOf(conditions)
    : {
        readiness: 'unknown' as const,
        reason: 'UnknownApiVersion',
        message: `Read as ${apiVersion}, a version this portal does not know; its raw conditions are shown`,
      };
  const artifactRevision = str(status.artifact?.revision);
  return {
    labels: raw.metadata?.labels ?? {},
    artifactRevision,
    helmChart: kind === 'HelmRelease' ? str(status.helmChart) : undefined,
    status: {
      cluster: context.cluster,
      environment: context.environment,
      kind,
      apiVersion,
      knownApiVersion: known,
      namespace: raw.metadata?.namespace ?? '',
      name: raw.metadata?.name ?? '',
      ...readiness,
      suspended: raw.spec?.suspend === true,
      conditions,
      lastAppliedRevision: known ? appliedRevisionOf(kind, status) : undefined,
      lastAttemptedRevision: known
        ? str(status.lastAttemptedRevision)
        : undefined,
      sourceRef: sourceRefOf(kind, raw.spec),
      lastHandledReconcileAt: str(status.lastHandledReconcileAt),
      history: known ? parseHistory(kind, status.history) : [],
      inventory: known ? parseInventory(status.inventory) : [],
      events: [],
    },
  };
}

export function toCachedWorkload(raw: KubeObject): CachedWorkload {
  const containers: unknown[] = raw.spec?.template?.spec?.containers ?? [];
  return {
    namespace: raw.metadata?.namespace ?? '',
    name: raw.metadata?.name ?? '',
    labels: raw.metadata?.labels ?? {},
    containers: containers
      .filter((c): c is { name: string; image: string } =>
        Boolean(c && typeof (c as { image?: unknown }).image === 'string'),
      )
      .map(c => ({ name: String(c.name), image: c.image })),
  };
}

/**
 * A running image as the portal compares it with what gitops-config
 * declares: split by gitops-node's parser (the one that reads the declared
 * images), so `repo:v1@sha256:...` is `repo` at `v1`. An image pinned by
 * digest alone shows its digest; one with neither tag nor digest runs
 * `latest`.
 */
export function imageRefOf(image: string): FluxImageRef {
  const { name, tag } = splitImage(image);
  const at = image.indexOf('@');
  return {
    image: name,
    tag: tag ?? (at >= 0 ? image.slice(at + 1) : 'latest'),
  };
}

export function toControllerStatus(raw: KubeObject): FluxControllerStatus {
  const workload = toCachedWorkload(raw);
  const image = workload.containers[0]?.image;
  const replicas = num(raw.status?.replicas) ?? num(raw.spec?.replicas) ?? 0;
  const readyReplicas = num(raw.status?.readyReplicas) ?? 0;
  return {
    name: workload.name,
    namespace: workload.namespace,
    image,
    version: image ? imageRefOf(image).tag : undefined,
    ready: replicas > 0 && readyReplicas >= replicas,
    replicas,
    readyReplicas,
  };
}

/** An Event about a Flux object, or undefined for Events about other objects. */
export function toCachedEvent(raw: KubeObject): CachedEvent | undefined {
  const involved = raw.involvedObject as
    | { apiVersion?: string; kind?: string; name?: string; namespace?: string }
    | undefined;
  if (!involved?.kind || !involved.name || !fluxKind(involved.kind)) {
    return undefined;
  }
  const group = groupOf(involved.apiVersion);
  if (group !== fluxKind(involved.kind)!.group) return undefined;
  const series = raw.series as { lastObservedTime?: string } | undefined;
  return {
    involved: objectKey(
      involved.kind,
      involved.namespace ?? raw.metadata?.namespace ?? '',
      involved.name,
    ),
    group,
    event: {
      type: str(raw.type) ?? 'Normal',
      reason: str(raw.reason),
      message: str(raw.message),
      count: num(raw.count) ?? num((raw.series as any)?.count),
      lastSeen:
        str(series?.lastObservedTime) ??
        str(raw.lastTimestamp) ??
        str(raw.eventTime) ??
        str(raw.firstTimestamp) ??
        raw.metadata?.creationTimestamp,
    },
  };
}
