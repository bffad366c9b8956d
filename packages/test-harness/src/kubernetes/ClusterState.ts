import { randomUUID } from 'node:crypto';
import {
  groupVersion,
  RESOURCE_TYPES,
  ResourceType,
  resourceTypeOfKind,
} from './resources';
import { ControllerOptions, FaultRule, KubeObject } from './types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  resourceVersion: number;
  type: WatchEventType;
  kind: string;
  object: KubeObject;
}

type Listener = (event: StoredEvent) => void;

/** How many changes are kept for watches that resume from a resourceVersion. */
const DEFAULT_WATCH_HISTORY = 5000;

const RECONCILE_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function keyOf(namespace: string | undefined, name: string) {
  return `${namespace ?? ''}/${name}`;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return patch;
  }
  const result: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

/** One simulated cluster: its objects, their history for watches, its faults. */
export class ClusterState {
  private readonly objectsByKind = new Map<string, Map<string, KubeObject>>();
  private readonly log: StoredEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private revision = 1;
  faults: FaultRule[] = [];
  servedVersions: Record<string, string[]>;
  controller: ControllerOptions;
  token?: string;
  watchAllowed: boolean;
  private readonly watchHistory: number;

  constructor(
    readonly name: string,
    options: {
      objects?: KubeObject[];
      token?: string;
      servedVersions?: Record<string, string[]>;
      controller?: ControllerOptions;
      watch?: boolean;
      watchHistory?: number;
      faults?: FaultRule[];
    } = {},
  ) {
    this.faults = (options.faults ?? []).map(rule => ({ ...rule }));
    this.watchHistory = options.watchHistory ?? DEFAULT_WATCH_HISTORY;
    this.token = options.token;
    this.servedVersions = options.servedVersions ?? {};
    this.controller = options.controller ?? {};
    this.watchAllowed = options.watch ?? true;
    for (const object of options.objects ?? []) {
      this.put(object);
    }
  }

  get resourceVersion(): number {
    return this.revision;
  }

  /** The versions served for a kind, preferred first ([] = not installed). */
  versionsOf(type: ResourceType): string[] {
    return this.servedVersions[type.kind] ?? type.defaultVersions;
  }

  /** Resource types served at a group version. */
  typesAt(group: string, version: string): ResourceType[] {
    return RESOURCE_TYPES.filter(
      t => t.group === group && this.versionsOf(t).includes(version),
    );
  }

  /** The served versions of a group, in order of first appearance. */
  groupVersions(group: string): string[] {
    const versions: string[] = [];
    for (const type of RESOURCE_TYPES.filter(t => t.group === group)) {
      for (const version of this.versionsOf(type)) {
        if (!versions.includes(version)) versions.push(version);
      }
    }
    return versions;
  }

  /** Every object of a kind, as served at `version` (or as stored). */
  list(kind: string, version?: string): KubeObject[] {
    return [...(this.objectsByKind.get(kind)?.values() ?? [])].map(o =>
      this.present(o, version),
    );
  }

  get(
    kind: string,
    namespace: string | undefined,
    name: string,
    version?: string,
  ): KubeObject | undefined {
    const object = this.objectsByKind.get(kind)?.get(keyOf(namespace, name));
    return object && this.present(object, version);
  }

  /** Creates or replaces an object; returns it as stored. */
  put(input: KubeObject): KubeObject {
    const type = resourceTypeOfKind(input.kind);
    const byKey = this.kindMap(input.kind);
    const key = keyOf(input.metadata.namespace, input.metadata.name);
    const existing = byKey.get(key);
    const object = clone(input);
    object.apiVersion ??= groupVersion(type.group, type.defaultVersions[0]);
    object.metadata.uid = existing?.metadata.uid ?? randomUUID();
    object.metadata.creationTimestamp ??=
      existing?.metadata.creationTimestamp ?? new Date().toISOString();
    if (type.kind !== 'Event') {
      object.metadata.generation =
        input.metadata.generation ?? existing?.metadata.generation ?? 1;
    }
    object.metadata.resourceVersion = String(++this.revision);
    byKey.set(key, object);
    this.emit(existing ? 'MODIFIED' : 'ADDED', object);
    return clone(object);
  }

  /** Applies a merge patch like the API server: resourceVersion always, generation when spec changes. */
  patch(
    kind: string,
    namespace: string | undefined,
    name: string,
    patch: unknown,
  ): KubeObject | undefined {
    const byKey = this.kindMap(kind);
    const key = keyOf(namespace, name);
    const existing = byKey.get(key);
    if (!existing) return undefined;
    const patched = mergePatch(clone(existing), patch) as KubeObject;
    // Identity fields are not patchable.
    patched.kind = existing.kind;
    patched.apiVersion = existing.apiVersion;
    patched.metadata = {
      ...patched.metadata,
      name: existing.metadata.name,
      namespace: existing.metadata.namespace,
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
    };
    if (
      kind !== 'Event' &&
      JSON.stringify(patched.spec) !== JSON.stringify(existing.spec)
    ) {
      patched.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    }
    patched.metadata.resourceVersion = String(++this.revision);
    byKey.set(key, patched);
    this.emit('MODIFIED', patched);
    this.simulateController(existing, patched);
    return clone(patched);
  }

  delete(kind: string, namespace: string | undefined, name: string): boolean {
    const byKey = this.kindMap(kind);
    const key = keyOf(namespace, name);
    const existing = byKey.get(key);
    if (!existing) return false;
    byKey.delete(key);
    const deleted = clone(existing);
    deleted.metadata.resourceVersion = String(++this.revision);
    this.emit('DELETED', deleted);
    return true;
  }

  /** Changes since a resourceVersion, or undefined when it is too old to replay. */
  changesSince(resourceVersion: number): StoredEvent[] | undefined {
    const oldest = this.log[0]?.resourceVersion ?? this.revision + 1;
    if (resourceVersion < oldest - 1 && resourceVersion < this.revision) {
      return undefined;
    }
    return this.log.filter(e => e.resourceVersion > resourceVersion);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Present an object at a served version, as the API server converts it. */
  present(object: KubeObject, version?: string): KubeObject {
    const copy = clone(object);
    if (version) {
      copy.apiVersion = groupVersion(
        resourceTypeOfKind(object.kind).group,
        version,
      );
    }
    return copy;
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  private kindMap(kind: string) {
    let byKey = this.objectsByKind.get(kind);
    if (!byKey) {
      byKey = new Map();
      this.objectsByKind.set(kind, byKey);
    }
    return byKey;
  }

  private emit(type: WatchEventType, object: KubeObject) {
    const event: StoredEvent = {
      resourceVersion: this.revision,
      type,
      kind: object.kind,
      object: clone(object),
    };
    this.log.push(event);
    if (this.log.length > this.watchHistory) this.log.shift();
    for (const listener of this.listeners) listener(event);
  }

  /** What a Flux controller does with a reconcile request: reports it handled. */
  private simulateController(before: KubeObject, after: KubeObject) {
    const requestedAt = after.metadata.annotations?.[RECONCILE_ANNOTATION];
    if (
      !requestedAt ||
      requestedAt === before.metadata.annotations?.[RECONCILE_ANNOTATION] ||
      !after.apiVersion?.includes('.toolkit.fluxcd.io/')
    ) {
      return;
    }
    const delay = this.controller.reconcileDelayMs ?? 50;
    if (delay === 'never') return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const current = this.objectsByKind
        .get(after.kind)
        ?.get(keyOf(after.metadata.namespace, after.metadata.name));
      if (!current || current.spec?.suspend === true) return;
      const now = new Date().toISOString();
      const conditions: any[] = (current.status?.conditions ?? []).map(
        (c: any) =>
          c.type === 'Ready' ? { ...c, lastTransitionTime: now } : c,
      );
      this.patchStatus(current, {
        lastHandledReconcileAt: requestedAt,
        observedGeneration: current.metadata.generation,
        conditions,
      });
    }, delay);
    this.timers.add(timer);
  }

  private patchStatus(object: KubeObject, status: Record<string, unknown>) {
    const updated = clone(object);
    updated.status = { ...(updated.status ?? {}), ...status };
    updated.metadata.resourceVersion = String(++this.revision);
    this.kindMap(object.kind).set(
      keyOf(object.metadata.namespace, object.metadata.name),
      updated,
    );
    this.emit('MODIFIED', updated);
  }
}
