import { createHash } from 'node:crypto';
import type { KubeObject } from './types';

/**
 * Objects shaped like those a Flux 2.5 installation (kustomize-controller
 * v1.5, helm-controller v1.2) reports for the platform's clusters: a
 * gitops-config GitRepository, the root, infrastructure and applications
 * Kustomizations, one Kustomization and one Deployment per service (labelled
 * `backstage.io/kubernetes-id` like the checked-in manifests), an ingress-nginx
 * HelmRelease with its chart, the controllers' Deployments and Events.
 */

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const FLUX_VERSION = 'v2.5.1';
const BASE_TIME = Date.parse('2026-11-20T08:00:00Z');

function hex(seed: string, length = 40): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  }
  return out.slice(0, length);
}

function time(offsetMinutes: number): string {
  return new Date(BASE_TIME + offsetMinutes * 60_000).toISOString();
}

/** A Flux-style condition. */
export function fluxCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  lastTransitionTime = time(30),
) {
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime,
    observedGeneration: 1,
  };
}

/** A git revision as Flux writes it: `main@sha1:<40 hex>`. */
export function gitRevision(seed: string): string {
  return `main@sha1:${hex(`git:${seed}`)}`;
}

export interface FluxKustomizationOptions {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  path: string;
  revision: string;
  sourceName?: string;
  /** Inventory entries `<namespace>_<name>_<group>_<kind>` with their version. */
  inventory?: Array<{ id: string; v: string }>;
  apiVersion?: string;
}

/** A Ready Kustomization that applied `revision`, with history and inventory. */
export function fluxKustomization(
  options: FluxKustomizationOptions,
): KubeObject {
  const digest = `sha256:${hex(
    `inventory:${options.name}:${options.revision}`,
    64,
  )}`;
  return {
    apiVersion: options.apiVersion ?? 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'flux-system',
      labels: options.labels,
      generation: 1,
    },
    spec: {
      interval: '5m',
      retryInterval: '1m',
      timeout: '10m',
      sourceRef: {
        kind: 'GitRepository',
        name: options.sourceName ?? 'flux-system',
      },
      path: options.path,
      prune: true,
      wait: true,
    },
    status: {
      observedGeneration: 1,
      conditions: [
        fluxCondition(
          'Ready',
          'True',
          'ReconciliationSucceeded',
          `Applied revision: ${options.revision}`,
        ),
        fluxCondition(
          'Healthy',
          'True',
          'Succeeded',
          'Health check passed in 10.2s',
        ),
      ],
      lastAppliedRevision: options.revision,
      lastAttemptedRevision: options.revision,
      lastHandledReconcileAt: time(-60),
      inventory: options.inventory && { entries: options.inventory },
      history: [
        {
          digest,
          firstReconciled: time(0),
          lastReconciled: time(30),
          lastReconciledDuration: '10.8s',
          lastReconciledStatus: 'ReconciliationSucceeded',
          totalReconciliations: 7,
          metadata: { revision: options.revision },
        },
        {
          digest: `sha256:${hex(`inventory:${options.name}:previous`, 64)}`,
          firstReconciled: time(-2880),
          lastReconciled: time(-5),
          lastReconciledDuration: '11.4s',
          lastReconciledStatus: 'ReconciliationSucceeded',
          totalReconciliations: 120,
          metadata: { revision: gitRevision(`${options.name}:previous`) },
        },
      ],
    },
  };
}

export interface FluxHelmReleaseOptions {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  chart: string;
  chartVersion: string;
  appVersion: string;
  repository: string;
  apiVersion?: string;
}

/** A Ready HelmRelease with two releases in its history. */
export function fluxHelmRelease(options: FluxHelmReleaseOptions): KubeObject {
  const snapshot = (
    version: number,
    chartVersion: string,
    status: string,
    at: number,
  ) => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    digest: `sha256:${hex(`release:${options.name}:${version}`, 64)}`,
    name: options.name,
    namespace: options.namespace,
    version,
    status,
    chartName: options.chart,
    chartVersion,
    appVersion: options.appVersion,
    configDigest: `sha256:${hex(`values:${options.name}`, 64)}`,
    firstDeployed: time(at),
    lastDeployed: time(at),
  });
  return {
    apiVersion: options.apiVersion ?? 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
      generation: 1,
    },
    spec: {
      interval: '30m',
      chart: {
        spec: {
          chart: options.chart,
          version: options.chartVersion,
          sourceRef: { kind: 'HelmRepository', name: options.repository },
          interval: '12h',
        },
      },
    },
    status: {
      observedGeneration: 1,
      conditions: [
        fluxCondition(
          'Ready',
          'True',
          'UpgradeSucceeded',
          `Helm upgrade succeeded for release ${options.namespace}/${options.name}.v2 with chart ${options.chart}@${options.chartVersion}`,
        ),
        fluxCondition(
          'Released',
          'True',
          'UpgradeSucceeded',
          `Helm upgrade succeeded for release ${options.namespace}/${options.name}.v2 with chart ${options.chart}@${options.chartVersion}`,
        ),
      ],
      helmChart: `${options.namespace}/${options.namespace}-${options.name}`,
      lastAttemptedRevision: options.chartVersion,
      lastAttemptedConfigDigest: `sha256:${hex(`values:${options.name}`, 64)}`,
      lastHandledReconcileAt: time(-60),
      history: [
        snapshot(2, options.chartVersion, 'deployed', 20),
        snapshot(1, '0.0.0-previous', 'superseded', -1440),
      ],
    },
  };
}

/** A Ready HelmRepository. */
export function fluxHelmRepository(
  name: string,
  namespace: string,
  url: string,
): KubeObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name, namespace, generation: 1 },
    spec: { interval: '24h', url },
    status: {
      observedGeneration: 1,
      conditions: [
        fluxCondition(
          'Ready',
          'True',
          'Succeeded',
          `stored artifact: revision 'sha256:${hex(url, 64)}'`,
        ),
      ],
      artifact: {
        revision: `sha256:${hex(url, 64)}`,
        lastUpdateTime: time(10),
      },
    },
  };
}

/** The HelmChart helm-controller creates for a HelmRelease (`<namespace>-<release>`). */
export function fluxHelmChart(
  release: string,
  namespace: string,
  chart: string,
  version: string,
  repository: string,
): KubeObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmChart',
    metadata: { name: `${namespace}-${release}`, namespace, generation: 1 },
    spec: {
      chart,
      version,
      sourceRef: { kind: 'HelmRepository', name: repository },
      interval: '12h',
      reconcileStrategy: 'ChartVersion',
    },
    status: {
      observedGeneration: 1,
      conditions: [
        fluxCondition(
          'Ready',
          'True',
          'ChartPullSucceeded',
          `pulled '${chart}' chart with version '${version}'`,
        ),
      ],
      artifact: { revision: version, lastUpdateTime: time(15) },
      observedChartName: chart,
    },
  };
}

/** An apps/v1 Deployment running one container. */
export function deployment(options: {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  image: string;
  replicas?: number;
  readyReplicas?: number;
  container?: string;
}): KubeObject {
  const replicas = options.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
      generation: 1,
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: options.name } },
      template: {
        metadata: { labels: { ...options.labels, app: options.name } },
        spec: {
          containers: [
            { name: options.container ?? options.name, image: options.image },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: options.readyReplicas ?? replicas,
      availableReplicas: options.readyReplicas ?? replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        },
      ],
    },
  };
}

/** A core/v1 Event about a Flux object, as its controller records it. */
export function fluxEvent(options: {
  involvedObject: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace: string;
  };
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count?: number;
  lastTimestamp?: string;
  controller?: string;
}): KubeObject {
  const at = options.lastTimestamp ?? time(30);
  const { involvedObject } = options;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involvedObject.name}.${hex(
        `${involvedObject.kind}:${involvedObject.name}:${options.reason}:${at}`,
        16,
      )}`,
      namespace: involvedObject.namespace,
    },
    involvedObject,
    type: options.type ?? 'Normal',
    reason: options.reason,
    message: options.message,
    count: options.count ?? 1,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component: options.controller ?? 'kustomize-controller' },
    reportingComponent: options.controller ?? 'kustomize-controller',
  };
}

const CONTROLLERS: Array<[string, string]> = [
  ['source-controller', 'v1.5.0'],
  ['kustomize-controller', 'v1.5.1'],
  ['helm-controller', 'v1.2.0'],
  ['notification-controller', 'v1.5.0'],
  ['image-reflector-controller', 'v0.34.0'],
  ['image-automation-controller', 'v0.40.0'],
];

/** The Flux controllers' Deployments in flux-system. */
export function fluxControllers(): KubeObject[] {
  return CONTROLLERS.map(([name, version]) =>
    deployment({
      name,
      namespace: 'flux-system',
      image: `ghcr.io/fluxcd/${name}:${version}`,
      container: 'manager',
      labels: {
        'app.kubernetes.io/component': name,
        'app.kubernetes.io/instance': 'flux-system',
        'app.kubernetes.io/part-of': 'flux',
        'app.kubernetes.io/version': FLUX_VERSION,
        'control-plane': 'controller',
      },
    }),
  );
}

export interface PlatformFluxFixtureOptions {
  /** Service names, e.g. the folders under gitops-config/apps. */
  services: string[];
  /** Environments to build a cluster for, e.g. ['dev', 'staging', 'prod']. */
  environments: string[];
  /** The image tag each service runs in each environment. */
  tagFor(service: string, environment: string): string;
  /** Default `ecommerce-<env>-cluster`. */
  clusterFor?(environment: string): string;
  /** Default `ghcr.io/ecommerce-platform/<service>`. */
  imageFor?(service: string): string;
}

/**
 * The Flux and workload objects of the platform's clusters, keyed by cluster
 * name, ready for `startKubernetesDouble({ clusters })`.
 */
export function platformFluxFixtures(
  options: PlatformFluxFixtureOptions,
): Record<string, KubeObject[]> {
  const clusterFor =
    options.clusterFor ?? ((env: string) => `ecommerce-${env}-cluster`);
  const imageFor =
    options.imageFor ??
    ((service: string) => `ghcr.io/ecommerce-platform/${service}`);
  const result: Record<string, KubeObject[]> = {};

  for (const env of options.environments) {
    const cluster = clusterFor(env);
    const revision = gitRevision(`gitops-config:${env}`);
    const objects: KubeObject[] = [];

    objects.push({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: {
        name: 'flux-system',
        namespace: 'flux-system',
        generation: 1,
      },
      spec: {
        interval: '1m0s',
        ref: { branch: 'main' },
        secretRef: { name: 'flux-system' },
        url: 'ssh://git@github.com/ecommerce-platform/gitops-config',
      },
      status: {
        observedGeneration: 1,
        conditions: [
          fluxCondition(
            'Ready',
            'True',
            'Succeeded',
            `stored artifact for revision '${revision}'`,
          ),
          fluxCondition(
            'ArtifactInStorage',
            'True',
            'Succeeded',
            `stored artifact for revision '${revision}'`,
          ),
        ],
        artifact: {
          path: `gitrepository/flux-system/flux-system/${revision.slice(
            -40,
          )}.tar.gz`,
          url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/flux-system/${revision.slice(
            -40,
          )}.tar.gz`,
          revision,
          digest: `sha256:${hex(`artifact:${revision}`, 64)}`,
          lastUpdateTime: time(25),
          size: 48213,
        },
      },
    });
    objects.push(
      fluxKustomization({
        name: 'flux-system',
        path: `./clusters/${env}-cluster`,
        revision,
      }),
      fluxKustomization({
        name: 'infrastructure',
        path: `./infrastructure/overlays/${env}`,
        revision,
      }),
      fluxKustomization({
        name: 'applications',
        path: `./clusters/${env}-cluster/apps`,
        revision,
      }),
      fluxHelmRepository(
        'ingress-nginx',
        'ingress-nginx',
        'https://kubernetes.github.io/ingress-nginx',
      ),
      fluxHelmChart(
        'ingress-nginx',
        'ingress-nginx',
        'ingress-nginx',
        '4.11.3',
        'ingress-nginx',
      ),
      fluxHelmRelease({
        name: 'ingress-nginx',
        namespace: 'ingress-nginx',
        chart: 'ingress-nginx',
        chartVersion: '4.11.3',
        appVersion: '1.11.3',
        repository: 'ingress-nginx',
      }),
      ...fluxControllers(),
    );

    for (const service of options.services) {
      const labels = { app: service, [KUBERNETES_ID]: service };
      const kustomization = fluxKustomization({
        name: service,
        labels,
        path: `./apps/${service}/overlays/${env}`,
        revision,
        inventory: [
          { id: `_${service}__Namespace`, v: 'v1' },
          { id: `${service}_${service}__ServiceAccount`, v: 'v1' },
          { id: `${service}_${service}-config__ConfigMap`, v: 'v1' },
          { id: `${service}_${service}__Service`, v: 'v1' },
          { id: `${service}_${service}_apps_Deployment`, v: 'v1' },
          {
            id: `${service}_${service}_monitoring.coreos.com_ServiceMonitor`,
            v: 'v1',
          },
        ],
      });
      objects.push(
        kustomization,
        deployment({
          name: service,
          namespace: service,
          labels: { ...labels, environment: env },
          image: `${imageFor(service)}:${options.tagFor(service, env)}`,
          replicas: env === 'prod' ? 3 : 1,
        }),
        fluxEvent({
          involvedObject: {
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            name: service,
            namespace: 'flux-system',
          },
          reason: 'ReconciliationSucceeded',
          message: 'Reconciliation finished in 10.8s, next run in 5m0s',
          count: 7,
        }),
        fluxEvent({
          involvedObject: {
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            name: service,
            namespace: 'flux-system',
          },
          reason: 'Progressing',
          message: `Deployment/${service}/${service} configured`,
          lastTimestamp: time(29),
        }),
      );
    }
    result[cluster] = objects;
  }
  return result;
}
