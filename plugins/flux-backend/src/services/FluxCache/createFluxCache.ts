import { createHash } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import {
  isFluxKind,
  type FluxClusterError,
  type FluxControllerStatus,
  type FluxKind,
} from '@goldenpath/backstage-plugin-flux-common';
import type { FluxCluster, FluxSettings } from '../../config/readFluxConfig';
import { FLUX_GROUPS, fluxKind } from '../../flux/fluxKinds';
import {
  CachedEvent,
  CachedFluxObject,
  CachedWorkload,
  objectKey,
} from '../../flux/fluxObjects';
import { ClusterRequestError } from '../../kubernetes/ClusterRequestError';
import type { KubernetesClient } from '../../kubernetes/KubernetesClient';
import { ClusterData, ClusterReader, PartName } from './ClusterReader';
import type { ClusterSnapshot, FluxCache, ServedKind } from './types';

const CACHE_PREFIX = 'flux-status:v1';
/**
 * How long a cluster's discovered API versions are reused (a list that
 * answers 404 after a Flux upgrade discovers again at once).
 */
const DISCOVERY_TTL_MS = 60 * 60_000;
/**
 * Watches resume from their last resourceVersion across refreshes, as
 * informers do; everything is listed again at least this often.
 */
const RELIST_MS = 30 * 60_000;
/** A refresh resumes the previous one's watches if it ended this recently. */
const RESUME_WITHIN_MS = 60_000;
/** Watch events reach the cache within this delay, batched. */
const FLUSH_MS = 250;
const EVENTS_PER_OBJECT = 10;

interface StoredMeta {
  refreshedAt: string;
  error?: FluxClusterError;
  apiVersions: Partial<Record<FluxKind, string>>;
  /** Content hash of each stored part. */
  parts: Partial<Record<PartName, string>>;
}

interface StoredPart {
  hash: string;
  items: unknown[];
}

interface StoredDiscovery {
  discoveredAt: number;
  kinds: ServedKind[];
}

export interface FluxCacheOptions {
  settings: FluxSettings;
  cache: CacheService;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** One API client per configured cluster, by name. */
  clients: Map<string, KubernetesClient>;
}

function taskId(cluster: string) {
  return `flux-refresh-${cluster}`;
}

function toClusterError(
  error: unknown,
  cluster: FluxCluster,
): FluxClusterError {
  if (error instanceof ClusterRequestError) {
    return error.toClusterError(cluster.name, cluster.environment);
  }
  return {
    cluster: cluster.name,
    environment: cluster.environment,
    reason: 'error',
    message: error instanceof Error ? error.message : String(error),
  };
}

type SnapshotLists = Pick<
  ClusterSnapshot,
  'objects' | 'workloads' | 'controllers' | 'events' | 'index'
>;

function emptySnapshot(cluster: FluxCluster): ClusterSnapshot {
  return {
    cluster,
    apiVersions: {},
    objects: [],
    workloads: [],
    controllers: [],
    events: [],
    index: { artifacts: new Map(), events: new Map() },
  };
}

/** Assembles the stored parts of a cluster and indexes them for joins. */
function assemble(parts: Array<readonly [string, unknown[]]>): SnapshotLists {
  const lists: SnapshotLists = {
    objects: [],
    workloads: [],
    controllers: [],
    events: [],
    index: { artifacts: new Map(), events: new Map() },
  };
  for (const [part, items] of parts) {
    if (isFluxKind(part)) {
      lists.objects.push(...(items as CachedFluxObject[]));
    } else if (part === 'Deployment') {
      lists.workloads = items as CachedWorkload[];
    } else if (part === 'FluxController') {
      lists.controllers = items as FluxControllerStatus[];
    } else if (part === 'Event') {
      lists.events = items as CachedEvent[];
    }
  }
  for (const { status, artifactRevision } of lists.objects) {
    if (fluxKind(status.kind)?.isSource) {
      lists.index.artifacts.set(
        objectKey(status.kind, status.namespace, status.name),
        artifactRevision,
      );
    }
  }
  for (const event of lists.events) {
    const events = lists.index.events.get(event.involved) ?? [];
    events.push(event.event);
    lists.index.events.set(event.involved, events);
  }
  return lists;
}

class SharedFluxCache implements FluxCache {
  private readonly readers = new Map<string, ClusterReader>();
  /** One list per cluster at a time in this process (task or cold read). */
  private readonly inflight = new Map<
    string,
    Promise<ClusterData | undefined>
  >();
  /** Decoded parts by cache key, valid while the stored hash matches. */
  private readonly decoded = new Map<string, StoredPart>();
  /** Assembled lists per cluster, valid while the stored hashes match. */
  private readonly assembled = new Map<
    string,
    { version: string; lists: SnapshotLists }
  >();
  /**
   * Data this replica listed or watched last, to resume watching from
   * instead of listing again (a cold read's list, or a refresh whose
   * watches ended cleanly).
   */
  private readonly resumable = new Map<
    string,
    { data: ClusterData; endedAt: number }
  >();
  /** Clusters whose API server refused a watch: they are listed only. */
  private readonly watchRefused = new Set<string>();
  private readonly loggedErrors = new Map<string, string>();
  private readonly metaTtlMs: number;
  private readonly partTtlMs: number;

  constructor(private readonly options: FluxCacheOptions) {
    const { refreshIntervalMs, requestTimeoutMs, watchMs } = options.settings;
    for (const cluster of options.settings.clusters) {
      this.readers.set(
        cluster.name,
        new ClusterReader(cluster, options.clients.get(cluster.name)!),
      );
    }
    this.metaTtlMs = Math.max(
      3 * refreshIntervalMs,
      refreshIntervalMs + 3 * requestTimeoutMs,
    );
    // Parts are rewritten when they change and at every list (at least
    // every RELIST_MS and watch window), so they outlive that.
    this.partTtlMs =
      RELIST_MS + 2 * (watchMs + refreshIntervalMs) + 10 * 60_000;
  }

  get clusters() {
    return this.options.settings.clusters;
  }

  async start() {
    const { refreshIntervalMs, requestTimeoutMs, watchMs } =
      this.options.settings;
    for (const cluster of this.clusters) {
      await this.options.scheduler.scheduleTask({
        id: taskId(cluster.name),
        scope: 'global',
        frequency: { milliseconds: refreshIntervalMs },
        timeout: { milliseconds: watchMs + 6 * requestTimeoutMs + 60_000 },
        fn: signal => this.runTask(cluster, signal),
      });
    }
  }

  requestRefresh(cluster: string) {
    this.options.scheduler.triggerTask(taskId(cluster)).catch(() => {
      // Already running (a watch keeps it current) or not scheduled.
    });
  }

  async snapshots(): Promise<ClusterSnapshot[]> {
    return Promise.all(this.clusters.map(c => this.snapshot(c)));
  }

  async servedKind(
    clusterName: string,
    kind: FluxKind,
  ): Promise<ServedKind | undefined> {
    const reader = this.readers.get(clusterName);
    if (!reader) return undefined;
    const served = await this.discovery(reader);
    return served.find(s => s.kind === kind);
  }

  private async snapshot(cluster: FluxCluster): Promise<ClusterSnapshot> {
    const stored = await this.readStored(cluster);
    if (stored) return stored;
    await this.listShared(cluster);
    return (
      (await this.readStored(cluster)) ?? {
        ...emptySnapshot(cluster),
        error: {
          cluster: cluster.name,
          environment: cluster.environment,
          reason: 'error',
          message: `Cluster ${cluster.name} has not been read yet`,
        },
      }
    );
  }

  private async runTask(cluster: FluxCluster, signal: AbortSignal) {
    const { watchMs, refreshIntervalMs } = this.options.settings;
    const watching = watchMs > 0 && !this.watchRefused.has(cluster.name);
    const previous = this.resumable.get(cluster.name);
    this.resumable.delete(cluster.name);
    const data =
      watching &&
      previous &&
      Date.now() - previous.endedAt < refreshIntervalMs + RESUME_WITHIN_MS &&
      Date.now() - previous.data.listedAt < RELIST_MS
        ? previous.data
        : await this.listShared(cluster, signal);
    if (data && data === previous?.data) {
      // Fresh as of now, even if nothing changes during this run's watch.
      await this.publish(data, []).catch(error =>
        this.options.logger.warn(
          `Could not store Flux objects of ${cluster.name}: ${error}`,
        ),
      );
    }
    if (data && watching && !signal.aborted) {
      const outcome = await this.watch(
        data,
        this.readers.get(cluster.name)!,
        signal,
      );
      if (outcome === 'resumable') {
        this.resumable.set(cluster.name, { data, endedAt: Date.now() });
      } else {
        this.resumable.delete(cluster.name);
      }
    }
  }

  private listShared(
    cluster: FluxCluster,
    signal?: AbortSignal,
  ): Promise<ClusterData | undefined> {
    let pending = this.inflight.get(cluster.name);
    if (!pending) {
      pending = this.list(cluster, signal).finally(() =>
        this.inflight.delete(cluster.name),
      );
      this.inflight.set(cluster.name, pending);
    }
    return pending;
  }

  /** One list of everything; stores the data, or the cluster's error. */
  private async list(
    cluster: FluxCluster,
    signal?: AbortSignal,
  ): Promise<ClusterData | undefined> {
    const reader = this.readers.get(cluster.name)!;
    try {
      const served = await this.discovery(reader, signal);
      if (served.length === 0) {
        throw new ClusterRequestError(
          'error',
          `Flux is not installed on cluster ${
            cluster.name
          }: it serves none of ${FLUX_GROUPS.join(', ')}`,
        );
      }
      const data = await reader.listAll(served, signal);
      await this.publish(data, [...data.parts.keys()]);
      this.resumable.set(cluster.name, { data, endedAt: Date.now() });
      if (this.loggedErrors.delete(cluster.name)) {
        this.options.logger.info(`Cluster ${cluster.name} can be read again`);
      }
      return data;
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (error instanceof ClusterRequestError && error.statusCode === 404) {
        // A Flux upgrade removed a version: discover again next time.
        await this.options.cache.delete(this.key(cluster.name, 'discovery'));
      }
      const clusterError = toClusterError(error, cluster);
      const meta: StoredMeta = {
        refreshedAt: new Date().toISOString(),
        error: clusterError,
        apiVersions: {},
        parts: {},
      };
      await this.options.cache.set(
        this.key(cluster.name, 'meta'),
        meta as unknown as JsonValue,
        { ttl: this.metaTtlMs },
      );
      if (this.loggedErrors.get(cluster.name) !== clusterError.message) {
        this.loggedErrors.set(cluster.name, clusterError.message);
        this.options.logger.warn(
          `Cannot read Flux objects of cluster ${cluster.name} (${clusterError.reason}): ${clusterError.message}`,
        );
      }
      return undefined;
    }
  }

  private async discovery(
    reader: ClusterReader,
    signal?: AbortSignal,
  ): Promise<ServedKind[]> {
    const key = this.key(reader.cluster.name, 'discovery');
    const stored = (await this.options.cache.get(key)) as
      | StoredDiscovery
      | undefined;
    if (stored && Date.now() - stored.discoveredAt < DISCOVERY_TTL_MS) {
      return stored.kinds;
    }
    const kinds = await reader.discover(signal);
    const value: StoredDiscovery = { discoveredAt: Date.now(), kinds };
    await this.options.cache.set(key, value as unknown as JsonValue, {
      ttl: DISCOVERY_TTL_MS,
    });
    return kinds;
  }

  /**
   * Keeps the listed data current with one watch per list until the window
   * ends, a watch ends or fails, or the task is cancelled; changes are
   * stored within FLUSH_MS, and the data is marked fresh every interval.
   * 'resumable' when the watches ended cleanly: the next refresh on this
   * replica watches on from the last resourceVersions instead of listing.
   */
  private async watch(
    data: ClusterData,
    reader: ClusterReader,
    signal: AbortSignal,
  ): Promise<'resumable' | 'list again'> {
    const { watchMs, refreshIntervalMs, requestTimeoutMs } =
      this.options.settings;
    const { logger } = this.options;
    const name = data.cluster.name;
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal.addEventListener('abort', stop, { once: true });
    const window = setTimeout(stop, watchMs + requestTimeoutMs);
    const dirty = new Set<PartName>();
    let chain: Promise<void> = Promise.resolve();
    const enqueue = (parts: PartName[]) => {
      chain = chain
        // Most watch events change nothing the portal shows (a status
        // timestamp, an annotation): such a part is not written again.
        .then(() => this.publish(data, parts, { skipUnchanged: true }))
        .catch(error =>
          logger.warn(`Could not store Flux objects of ${name}: ${error}`),
        );
    };
    const flush = setInterval(() => {
      if (dirty.size > 0) {
        const parts = [...dirty];
        dirty.clear();
        enqueue(parts);
      }
    }, FLUSH_MS);
    const heartbeat = setInterval(() => enqueue([]), refreshIntervalMs);
    let resumable = true;

    const watches = data.specs.map(spec =>
      reader.client.watch(
        spec.path,
        {
          ...spec.query,
          resourceVersion: spec.resourceVersion,
          timeoutSeconds: String(Math.ceil(watchMs / 1000)),
          allowWatchBookmarks: 'true',
        },
        event => {
          if (event.type === 'ERROR') {
            resumable = false;
            logger.debug(
              `Watch of ${spec.path} on ${name} ended: ${event.object?.message}; listing again`,
            );
            stop();
          } else if (data.apply(spec, event)) {
            dirty.add(spec.part);
          }
        },
        controller.signal,
      ),
    );
    watches.forEach(w => w.catch(() => undefined));
    try {
      await Promise.race(watches);
    } catch (error) {
      resumable = false;
      if (
        error instanceof ClusterRequestError &&
        (error.statusCode === 403 || error.statusCode === 405)
      ) {
        this.watchRefused.add(name);
        logger.info(
          `Cluster ${name} refuses watches (${
            error.message
          }); its Flux objects are listed every ${
            refreshIntervalMs / 1000
          } s instead`,
        );
      } else if (!controller.signal.aborted) {
        logger.debug(`Watch on ${name} ended: ${error}; listing again`);
      }
    } finally {
      stop();
      clearTimeout(window);
      clearInterval(flush);
      clearInterval(heartbeat);
      signal.removeEventListener('abort', stop);
      await Promise.allSettled(watches);
      if (dirty.size > 0) enqueue([...dirty]);
      await chain;
    }
    return resumable && !signal.aborted ? 'resumable' : 'list again';
  }

  /**
   * Stores the changed parts, then the cluster's meta (fresh as of now).
   * With skipUnchanged, a part whose content is what was stored last is not
   * written again, nor the meta when no part was (a list writes every part,
   * which renews their expiry).
   */
  private async publish(
    data: ClusterData,
    changed: PartName[],
    options: { skipUnchanged?: boolean } = {},
  ) {
    const name = data.cluster.name;
    const hashes = data.hashes;
    let written = 0;
    for (const part of changed) {
      const items = this.itemsOf(data, part);
      const hash = createHash('sha1')
        .update(JSON.stringify(items))
        .digest('hex');
      if (options.skipUnchanged && hashes.get(part) === hash) continue;
      written++;
      const stored: StoredPart = { hash, items };
      await this.options.cache.set(
        this.key(name, `part:${part}`),
        stored as unknown as JsonValue,
        { ttl: this.partTtlMs },
      );
      // Only once it is stored: a failed write is tried again next time.
      hashes.set(part, hash);
    }
    // Nothing new: each run and the heartbeat (no parts) keep the meta
    // fresh.
    if (changed.length > 0 && written === 0) return;
    const meta: StoredMeta = {
      refreshedAt: new Date().toISOString(),
      apiVersions: Object.fromEntries(
        data.served.map(s => [s.kind, s.apiVersion]),
      ),
      parts: Object.fromEntries(hashes),
    };
    await this.options.cache.set(
      this.key(name, 'meta'),
      meta as unknown as JsonValue,
      {
        ttl: this.metaTtlMs,
      },
    );
  }

  private itemsOf(data: ClusterData, part: PartName): unknown[] {
    const entries = [...(data.parts.get(part)?.entries() ?? [])].sort(
      ([a], [b]) => Number(a > b) - Number(a < b),
    );
    const items = entries.map(([, value]) => value);
    if (part !== 'Event') return items;
    // The newest events of each object only.
    const byObject = new Map<string, CachedEvent[]>();
    for (const event of items as CachedEvent[]) {
      const list = byObject.get(event.involved) ?? [];
      list.push(event);
      byObject.set(event.involved, list);
    }
    return [...byObject.values()].flatMap(list =>
      list
        .sort((a, b) =>
          (b.event.lastSeen ?? '').localeCompare(a.event.lastSeen ?? ''),
        )
        .slice(0, EVENTS_PER_OBJECT),
    );
  }

  private async readStored(
    cluster: FluxCluster,
  ): Promise<ClusterSnapshot | undefined> {
    const meta = (await this.options.cache.get(
      this.key(cluster.name, 'meta'),
    )) as StoredMeta | undefined;
    if (!meta) return undefined;
    const head = {
      cluster,
      refreshedAt: meta.refreshedAt,
      error: meta.error,
      apiVersions: meta.apiVersions,
    };
    if (meta.error) return { ...emptySnapshot(cluster), ...head };
    const version = JSON.stringify(Object.entries(meta.parts).sort());
    const memo = this.assembled.get(cluster.name);
    if (memo?.version === version) return { ...head, ...memo.lists };

    const parts = await Promise.all(
      Object.entries(meta.parts).map(async ([part, hash]) => {
        const key = this.key(cluster.name, `part:${part}`);
        const decoded = this.decoded.get(key);
        if (decoded?.hash === hash) return [part, decoded.items] as const;
        const stored = (await this.options.cache.get(key)) as
          | StoredPart
          | undefined;
        // Missing, or not the content the meta names (a write that failed,
        // or an older copy written over it): read the cluster again.
        if (stored?.hash !== hash) return undefined;
        this.decoded.set(key, stored);
        return [part, stored.items] as const;
      }),
    );
    if (parts.some(p => p === undefined)) return undefined;
    const lists = assemble(parts as Array<readonly [string, unknown[]]>);
    this.assembled.set(cluster.name, { version, lists });
    return { ...head, ...lists };
  }

  private key(cluster: string, what: string) {
    return `${CACHE_PREFIX}:${cluster}:${what}`;
  }
}

export function createFluxCache(options: FluxCacheOptions): FluxCache {
  return new SharedFluxCache(options);
}
