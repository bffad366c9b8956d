import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  FluxEnvironmentStatus,
  FluxImageRef,
  FluxObjectStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import {
  ENVIRONMENTS,
  gitopsServiceOf,
} from '@goldenpath/backstage-plugin-gitops-common';
import type { FluxActionStore } from '../../database/FluxActionStore';
import { entitySelector } from '../../flux/entitySelector';
import {
  CachedFluxObject,
  CachedWorkload,
  imageRefOf,
  objectKey,
  worstReadiness,
} from '../../flux/fluxObjects';
import type { LabelSelector } from '../../kubernetes/labelSelector';
import type { ClusterSnapshot, FluxCache } from '../FluxCache/types';
import type { DeclaredImages, FluxStatusService } from './types';

/** How many recorded actions the status returns. */
const ACTIONS_SHOWN = 20;

const KIND_ORDER = ['Kustomization', 'HelmRelease'];

function compareObjects(a: FluxObjectStatus, b: FluxObjectStatus) {
  const rank = (kind: string) => {
    const index = KIND_ORDER.indexOf(kind);
    return index < 0 ? KIND_ORDER.length : index;
  };
  return (
    rank(a.kind) - rank(b.kind) ||
    a.kind.localeCompare(b.kind) ||
    a.namespace.localeCompare(b.namespace) ||
    a.name.localeCompare(b.name)
  );
}

/** The entity's Flux objects of one cluster, joined with sources and events. */
function objectsOf(
  snapshot: ClusterSnapshot,
  selector: LabelSelector,
): FluxObjectStatus[] {
  return snapshot.objects
    .filter(o => selector.matches(o.labels))
    .map(object => {
      const { status } = object;
      return {
        ...status,
        sourceRevision: sourceRevisionOf(object, snapshot.index.artifacts),
        events:
          snapshot.index.events.get(
            objectKey(status.kind, status.namespace, status.name),
          ) ?? [],
      };
    })
    .sort(compareObjects);
}

function sourceRevisionOf(
  object: CachedFluxObject,
  artifacts: Map<string, string | undefined>,
): string | undefined {
  const { status } = object;
  if (object.helmChart) {
    const [namespace, name] = object.helmChart.split('/');
    const chart = artifacts.get(objectKey('HelmChart', namespace, name));
    if (chart) return chart;
  }
  const ref = status.sourceRef;
  if (!ref) return undefined;
  return artifacts.get(
    objectKey(ref.kind, ref.namespace ?? status.namespace, ref.name),
  );
}

/** The image the entity's Deployment runs: the container of the declared image, else of the service's name. */
function deployedImage(
  workloads: CachedWorkload[],
  service: string,
  declared: FluxImageRef | undefined,
): FluxImageRef | undefined {
  const ordered = [...workloads].sort(
    (a, b) => Number(b.name === service) - Number(a.name === service),
  );
  for (const workload of ordered) {
    const container =
      (declared &&
        workload.containers.find(
          c => imageRefOf(c.image).image === declared.image,
        )) ??
      workload.containers.find(c => c.name === service) ??
      workload.containers[0];
    if (container) return imageRefOf(container.image);
  }
  return undefined;
}

function mainRevision(objects: FluxObjectStatus[], service: string) {
  const main =
    objects.find(o => o.kind === 'Kustomization' && o.name === service) ??
    objects.find(o => o.kind === 'Kustomization') ??
    objects.find(o => o.kind === 'HelmRelease');
  return main?.lastAppliedRevision;
}

export function createFluxStatus(options: {
  cache: FluxCache;
  declaredImages: DeclaredImages;
  store: FluxActionStore;
}): FluxStatusService {
  return {
    async entityStatus(entity: Entity) {
      const entityRef = stringifyEntityRef(entity);
      const selector = entitySelector(entity);
      const service = gitopsServiceOf(entity);
      const [snapshots, declared, actions] = await Promise.all([
        options.cache.snapshots(),
        options.declaredImages.forService(service),
        options.store.list(entityRef, ACTIONS_SHOWN),
      ]);

      const environments = ENVIRONMENTS.map(
        (environment): FluxEnvironmentStatus => {
          const snapshot = snapshots.find(
            s => s.cluster.environment === environment,
          );
          const declaredImage = declared[environment];
          const base: FluxEnvironmentStatus = {
            environment,
            cluster: snapshot?.cluster.name,
            readiness: 'unknown',
            suspended: false,
            declared: declaredImage,
            drift: false,
            objects: [],
          };
          if (!snapshot) return base;
          if (snapshot.error) return { ...base, error: snapshot.error };
          const objects = objectsOf(snapshot, selector);
          const deployed = deployedImage(
            snapshot.workloads.filter(w => selector.matches(w.labels)),
            service,
            declaredImage,
          );
          return {
            ...base,
            readiness: worstReadiness(objects.map(o => o.readiness)),
            suspended: objects.some(o => o.suspended),
            lastAppliedRevision: mainRevision(objects, service),
            deployed,
            drift:
              !!declaredImage &&
              !!deployed &&
              declaredImage.tag !== deployed.tag,
            objects,
          };
        },
      );

      return {
        entityRef,
        selector: selector.text,
        environments,
        actions,
        refreshedAt: Object.fromEntries(
          snapshots
            .filter(s => s.refreshedAt)
            .map(s => [s.cluster.name, s.refreshedAt!]),
        ),
      };
    },

    async runtimeStatus() {
      const snapshots = await options.cache.snapshots();
      return {
        clusters: snapshots.map(snapshot => ({
          cluster: snapshot.cluster.name,
          environment: snapshot.cluster.environment,
          error: snapshot.error,
          controllers: snapshot.controllers,
          apiVersions: snapshot.apiVersions,
        })),
      };
    },
  };
}
