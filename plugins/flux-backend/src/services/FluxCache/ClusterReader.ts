import type { FluxKind } from '@goldenpath/backstage-plugin-flux-common';
import type { FluxCluster } from '../../config/readFluxConfig';
import {
  FLUX_GROUPS,
  FLUX_KINDS,
  FLUX_SYSTEM_NAMESPACE,
  KUBERNETES_ID_LABEL,
} from '../../flux/fluxKinds';
import {
  toCachedEvent,
  toCachedFluxObject,
  toCachedWorkload,
  toControllerStatus,
} from '../../flux/fluxObjects';
import { ClusterRequestError } from '../../kubernetes/ClusterRequestError';
import type {
  KubeList,
  KubeObject,
  KubernetesClient,
  Query,
  WatchEvent,
} from '../../kubernetes/KubernetesClient';
import type { ServedKind } from './types';

/** The parts of a cluster's snapshot, each stored under its own cache key. */
export type PartName = FluxKind | 'Deployment' | 'FluxController' | 'Event';

/** One list (and watch) request the refresh makes. */
export interface ListSpec {
  part: PartName;
  /** `<group>/<version>` of the listed kind. */
  apiVersion: string;
  path: string;
  query: Query;
  /** The list's resourceVersion, where a watch resumes. */
  resourceVersion?: string;
}

/** The cluster's data during one refresh, updated by watch events. */
export class ClusterData {
  readonly parts = new Map<PartName, Map<string, unknown>>();
  /** Content hash of each part as last stored. */
  readonly hashes = new Map<PartName, string>();
  readonly listedAt = Date.now();

  constructor(
    readonly cluster: FluxCluster,
    readonly served: ServedKind[],
    readonly specs: ListSpec[],
  ) {}

  /** Replaces a part with a list's items. */
  fill(part: PartName, items: KubeObject[]) {
    const map = new Map<string, unknown>();
    for (const item of items) {
      const converted = this.convert(part, item);
      if (converted !== undefined) map.set(keyOf(item), converted);
    }
    this.parts.set(part, map);
  }

  /** Applies one watch event of a list's watch; true when the part changed. */
  apply(spec: ListSpec, event: WatchEvent): boolean {
    const map = this.parts.get(spec.part);
    const resourceVersion = event.object?.metadata?.resourceVersion;
    // Where the next watch resumes, without listing again.
    if (resourceVersion) spec.resourceVersion = resourceVersion;
    if (!map || !event.object?.metadata?.name) return false;
    const key = keyOf(event.object);
    if (event.type === 'DELETED') return map.delete(key);
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return false;
    const converted = this.convert(spec.part, withType(spec, event.object));
    if (converted === undefined) return false;
    map.set(key, converted);
    return true;
  }

  private convert(part: PartName, item: KubeObject): unknown {
    switch (part) {
      case 'Deployment':
        return toCachedWorkload(item);
      case 'FluxController':
        return toControllerStatus(item);
      case 'Event':
        return toCachedEvent(item);
      default:
        return toCachedFluxObject(item, {
          cluster: this.cluster.name,
          environment: this.cluster.environment,
        });
    }
  }
}

function isPortalLabelled(object: KubeObject): boolean {
  return Object.keys(object.metadata?.labels ?? {}).some(key =>
    key.startsWith('backstage.io/'),
  );
}

function keyOf(object: KubeObject) {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

interface ApiGroup {
  versions?: Array<{ version: string }>;
  preferredVersion?: { version: string };
}

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string }>;
}

/** Reads one cluster: discovery, the lists of a refresh, their watches. */
export class ClusterReader {
  constructor(
    readonly cluster: FluxCluster,
    readonly client: KubernetesClient,
  ) {}

  /**
   * Which version of each Flux kind the cluster serves: the newest version
   * this plugin knows, else the group's preferred one (read as unknown).
   */
  async discover(signal?: AbortSignal): Promise<ServedKind[]> {
    const perGroup = await Promise.all(
      FLUX_GROUPS.map(async group => {
        let apiGroup: ApiGroup;
        try {
          apiGroup = await this.client.get<ApiGroup>(
            `/apis/${group}`,
            {},
            signal,
          );
        } catch (error) {
          if (
            error instanceof ClusterRequestError &&
            error.statusCode === 404
          ) {
            return [];
          }
          throw error;
        }
        const versions = (apiGroup.versions ?? []).map(v => v.version);
        const kindsByVersion = new Map<string, Map<string, string>>();
        await Promise.all(
          versions.map(async version => {
            const list = await this.client.get<ApiResourceList>(
              `/apis/${group}/${version}`,
              {},
              signal,
            );
            kindsByVersion.set(
              version,
              new Map(
                (list.resources ?? [])
                  .filter(r => !r.name.includes('/'))
                  .map(r => [r.kind, r.name]),
              ),
            );
          }),
        );
        const preferred = apiGroup.preferredVersion?.version;
        const served: ServedKind[] = [];
        for (const info of FLUX_KINDS.filter(k => k.group === group)) {
          const servedIn = versions.filter(v =>
            kindsByVersion.get(v)?.has(info.kind),
          );
          if (servedIn.length === 0) continue;
          const known = info.knownVersions.find(v => servedIn.includes(v));
          const version =
            known ??
            (preferred && servedIn.includes(preferred)
              ? preferred
              : servedIn[0]);
          served.push({
            kind: info.kind,
            apiVersion: `${group}/${version}`,
            plural: kindsByVersion.get(version)!.get(info.kind)!,
            known: known !== undefined,
          });
        }
        return served;
      }),
    );
    return perGroup.flat();
  }

  /** Lists everything a refresh reads; Events only for kinds that have objects. */
  async listAll(
    served: ServedKind[],
    signal?: AbortSignal,
  ): Promise<ClusterData> {
    const fluxSpecs: ListSpec[] = served.map(s => ({
      part: s.kind,
      apiVersion: s.apiVersion,
      path: `/apis/${s.apiVersion}/${s.plural}`,
      query: {},
    }));
    const workloadSpecs: ListSpec[] = [
      {
        part: 'Deployment',
        apiVersion: 'apps/v1',
        path: '/apis/apps/v1/deployments',
        query: { labelSelector: KUBERNETES_ID_LABEL },
      },
      {
        part: 'FluxController',
        apiVersion: 'apps/v1',
        path: `/apis/apps/v1/namespaces/${FLUX_SYSTEM_NAMESPACE}/deployments`,
        query: {},
      },
    ];
    const first = [...fluxSpecs, ...workloadSpecs];
    const lists = await Promise.all(first.map(spec => this.list(spec, signal)));
    // Events are shown for the objects the portal attributes to components:
    // those labelled backstage.io/..., read per kind that has any.
    const eventSpecs: ListSpec[] = fluxSpecs
      .filter((_, i) => lists[i].items.some(isPortalLabelled))
      .map(spec => ({
        part: 'Event',
        apiVersion: 'v1',
        path: '/api/v1/events',
        query: { fieldSelector: `involvedObject.kind=${spec.part}` },
      }));
    const eventLists = await Promise.all(
      eventSpecs.map(spec => this.list(spec, signal)),
    );

    const data = new ClusterData(this.cluster, served, [
      ...first,
      ...eventSpecs,
    ]);
    first.forEach((spec, i) => data.fill(spec.part, lists[i].items));
    data.fill(
      'Event',
      eventLists.flatMap(list => list.items),
    );
    return data;
  }

  private async list(spec: ListSpec, signal?: AbortSignal): Promise<KubeList> {
    const list = await this.client.get<KubeList>(spec.path, spec.query, signal);
    spec.resourceVersion = list.metadata?.resourceVersion;
    return {
      ...list,
      items: (list.items ?? []).map(item => withType(spec, item)),
    };
  }
}

/** List items and watch objects may omit kind and apiVersion. */
export function withType(spec: ListSpec, item: KubeObject): KubeObject {
  const kind =
    spec.part === 'Deployment' || spec.part === 'FluxController'
      ? 'Deployment'
      : spec.part;
  return {
    ...item,
    kind: item.kind ?? kind,
    apiVersion: item.apiVersion ?? spec.apiVersion,
  };
}
