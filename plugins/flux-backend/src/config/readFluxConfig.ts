import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  clusterName,
  ENVIRONMENTS,
  EnvironmentName,
  isEnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type { ClusterDetails } from '@backstage/plugin-kubernetes-node';

/** A cluster the Flux backend reads. */
export interface FluxCluster {
  name: string;
  /** The API server URL, without a trailing slash. */
  url: string;
  environment?: EnvironmentName;
  /** The cluster as the Kubernetes plugin's auth strategies read it. */
  details: ClusterDetails;
}

/** The `flux` config block, read once at start-up. */
export interface FluxSettings {
  clusters: FluxCluster[];
  refreshIntervalMs: number;
  requestTimeoutMs: number;
  reconcileTimeoutMs: number;
  watchMs: number;
  /** Things in the config this plugin ignores, to log at start-up. */
  warnings: string[];
}

function seconds(
  config: Config,
  key: string,
  defaultSeconds: number,
  { allowZero = false } = {},
): number {
  const value = config.getOptionalNumber(key) ?? defaultSeconds;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InputError(
      `Invalid config value at '${key}': ${value}; expected a number of seconds ${
        allowZero ? '>= 0' : '> 0'
      } (default ${defaultSeconds})`,
    );
  }
  return value * 1000;
}

function readAuthMetadata(
  cluster: Config,
  name: string,
): Record<string, string> {
  const block = (cluster.getOptional('authMetadata') ?? {}) as Record<
    string,
    string
  >;
  const authProvider =
    block[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
    cluster.getOptionalString('authProvider');
  if (!authProvider) {
    throw new InputError(
      `Missing config value 'authProvider' of cluster '${name}' in kubernetes.clusterLocatorMethods: set serviceAccount, aws, localKubectlProxy, ...`,
    );
  }
  const metadata: Record<string, string> = {
    [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
  };
  const copy = (key: string, as: string) => {
    const value = cluster.getOptionalString(key);
    if (value) metadata[as] = value;
  };
  copy('serviceAccountToken', 'serviceAccountToken');
  copy('assumeRole', 'kubernetes.io/aws-assume-role');
  copy('externalId', 'kubernetes.io/aws-external-id');
  copy('oidcTokenProvider', 'kubernetes.io/oidc-token-provider');
  return { ...metadata, ...block };
}

/**
 * Reads the clusters from `kubernetes.clusterLocatorMethods` (the Kubernetes
 * plugin's config) and the `flux` block: which environment each cluster
 * runs, and the intervals.
 */
export function readFluxConfig(config: Config): FluxSettings {
  const warnings: string[] = [];
  const clusters: FluxCluster[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push(
        makeCluster('local', 'http://localhost:8001', {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
        }),
      );
      continue;
    }
    if (type !== 'config') {
      warnings.push(
        `kubernetes.clusterLocatorMethods of type '${type}' are not read by the Flux backend; list the clusters under a 'config' method`,
      );
      continue;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      if (clusters.some(c => c.name === name)) {
        throw new InputError(
          `Duplicate cluster name '${name}' in kubernetes.clusterLocatorMethods`,
        );
      }
      clusters.push(
        makeCluster(
          name,
          cluster.getString('url'),
          readAuthMetadata(cluster, name),
          {
            caData: cluster.getOptionalString('caData'),
            caFile: cluster.getOptionalString('caFile'),
            skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
          },
        ),
      );
    }
  }

  const fluxClusters = config.getOptionalConfig('flux.clusters');
  for (const key of fluxClusters?.keys() ?? []) {
    if (!clusters.some(c => c.name === key)) {
      throw new InputError(
        `Invalid config at 'flux.clusters.${key}': no cluster named '${key}' in kubernetes.clusterLocatorMethods (clusters: ${
          clusters.map(c => c.name).join(', ') || 'none'
        })`,
      );
    }
  }
  for (const cluster of clusters) {
    const key = `flux.clusters.${cluster.name}.environment`;
    const configured = config.getOptionalString(key);
    if (configured !== undefined && !isEnvironmentName(configured)) {
      throw new InputError(
        `Invalid config value at '${key}': '${configured}'; expected one of ${ENVIRONMENTS.join(
          ', ',
        )}`,
      );
    }
    cluster.environment =
      configured ?? ENVIRONMENTS.find(env => clusterName(env) === cluster.name);
  }
  for (const env of ENVIRONMENTS) {
    const running = clusters.filter(c => c.environment === env);
    if (running.length > 1) {
      throw new InputError(
        `Environment ${env} is run by several clusters (${running
          .map(c => c.name)
          .join(
            ', ',
          )}); set flux.clusters.<name>.environment so that each environment has one cluster`,
      );
    }
  }

  return {
    clusters,
    refreshIntervalMs: seconds(config, 'flux.refreshIntervalSeconds', 10),
    requestTimeoutMs: seconds(config, 'flux.requestTimeoutSeconds', 10),
    reconcileTimeoutMs: seconds(config, 'flux.reconcileTimeoutSeconds', 60),
    watchMs: seconds(config, 'flux.watchSeconds', 300, { allowZero: true }),
    warnings,
  };
}

function makeCluster(
  name: string,
  url: string,
  authMetadata: Record<string, string>,
  tls: { caData?: string; caFile?: string; skipTLSVerify?: boolean } = {},
): FluxCluster {
  return {
    name,
    url: url.replace(/\/+$/, ''),
    details: {
      name,
      url,
      authMetadata,
      caData: tls.caData,
      caFile: tls.caFile,
      skipTLSVerify: tls.skipTLSVerify ?? false,
    },
  };
}
