import type { Entity } from '@backstage/catalog-model';
import type {
  FluxActionRecord,
  FluxEntityStatus,
  FluxEnvironmentStatus,
  FluxObjectStatus,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import {
  clusterName,
  type EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';

// Shapes as the flux backend answers them for user-service, built from what
// gitops-config declares (clusters/<env>-cluster/apps/user-service.yaml).

export const userServiceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'user-service',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'user-service' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-users',
    lifecycle: 'production',
  },
};

const IMAGE = 'ghcr.io/ecommerce-platform/user-service';

export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

export function kustomization(
  environment: EnvironmentName,
  overrides: Partial<FluxObjectStatus> = {},
): FluxObjectStatus {
  const revision = `main@sha1:${
    environment === 'prod' ? 'b7e1c0a' : '4f2a9c8'
  }1d3e0b7a6c5d4e3f2a1b0c9d8e7f6a5`;
  return {
    cluster: clusterName(environment),
    environment,
    kind: 'Kustomization',
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    knownApiVersion: true,
    namespace: 'flux-system',
    name: 'user-service',
    readiness: 'ready',
    reason: 'ReconciliationSucceeded',
    message: `Applied revision: ${revision}`,
    suspended: false,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: ${revision}`,
        lastTransitionTime: minutesAgo(12),
      },
      {
        type: 'Healthy',
        status: 'True',
        reason: 'Succeeded',
        message: 'Health check passed',
        lastTransitionTime: minutesAgo(12),
      },
    ],
    lastAppliedRevision: revision,
    lastAttemptedRevision: revision,
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    sourceRevision: revision,
    history: [
      {
        revision,
        digest:
          'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        firstReconciled: minutesAgo(300),
        lastReconciled: minutesAgo(12),
        totalReconciliations: 25,
        status: 'Ready',
      },
    ],
    inventory: [
      {
        id: 'user-service_user-service_apps_Deployment',
        version: 'v1',
        namespace: 'user-service',
        name: 'user-service',
        group: 'apps',
        kind: 'Deployment',
      },
      {
        id: 'user-service_user-service__Service',
        version: 'v1',
        namespace: 'user-service',
        name: 'user-service',
        group: '',
        kind: 'Service',
      },
    ],
    events: [
      {
        type: 'Normal',
        reason: 'ReconciliationSucceeded',
        message: `Reconciliation finished in 2.1s, next run in 5m0s`,
        count: 25,
        lastSeen: minutesAgo(12),
      },
    ],
    ...overrides,
  };
}

export function environmentStatus(
  environment: EnvironmentName,
  tag: string,
  overrides: Partial<FluxEnvironmentStatus> = {},
): FluxEnvironmentStatus {
  const object = kustomization(environment);
  return {
    environment,
    cluster: clusterName(environment),
    readiness: 'ready',
    suspended: false,
    lastAppliedRevision: object.lastAppliedRevision,
    declared: { image: IMAGE, tag },
    deployed: { image: IMAGE, tag },
    drift: false,
    objects: [object],
    ...overrides,
  };
}

export function actionRecord(
  overrides: Partial<FluxActionRecord> = {},
): FluxActionRecord {
  return {
    id: 'a1',
    entityRef: 'component:default/user-service',
    cluster: clusterName('dev'),
    environment: 'dev',
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: 'user-service',
    action: 'reconcile',
    actor: 'user:default/jane.doe',
    requestedAt: minutesAgo(30),
    finishedAt: minutesAgo(29),
    result: 'succeeded',
    message: 'Reconciled revision main@sha1:4f2a9c8',
    ...overrides,
  };
}

export function entityStatus(
  overrides: Partial<FluxEntityStatus> = {},
): FluxEntityStatus {
  return {
    entityRef: 'component:default/user-service',
    selector: 'backstage.io/kubernetes-id=user-service',
    environments: [
      environmentStatus('dev', 'sha-8d41e07'),
      environmentStatus('staging', 'sha-5c1f3aa'),
      environmentStatus('prod', 'sha-2b9d0e4'),
    ],
    actions: [actionRecord()],
    refreshedAt: {
      [clusterName('dev')]: minutesAgo(0.5),
      [clusterName('staging')]: minutesAgo(0.5),
      [clusterName('prod')]: minutesAgo(0.5),
    },
    ...overrides,
  };
}

export function runtimeStatus(): FluxRuntimeStatus {
  const controllers = (version: string) =>
    [
      'source-controller',
      'kustomize-controller',
      'helm-controller',
      'notification-controller',
    ].map(name => ({
      name,
      namespace: 'flux-system',
      image: `ghcr.io/fluxcd/${name}:${version}`,
      version,
      ready: true,
      replicas: 1,
      readyReplicas: 1,
    }));
  return {
    clusters: [
      {
        cluster: clusterName('dev'),
        environment: 'dev',
        controllers: controllers('v1.4.1'),
        apiVersions: {
          Kustomization: 'kustomize.toolkit.fluxcd.io/v1',
          GitRepository: 'source.toolkit.fluxcd.io/v1',
          HelmRelease: 'helm.toolkit.fluxcd.io/v2',
        },
      },
      {
        cluster: clusterName('prod'),
        environment: 'prod',
        error: {
          cluster: clusterName('prod'),
          environment: 'prod',
          reason: 'unauthorized',
          message: 'the service account token was rejected',
          statusCode: 401,
        },
        controllers: [],
        apiVersions: {},
      },
    ],
  };
}
