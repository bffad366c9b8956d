import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { ClusterRequestError } from './ClusterRequestError';
import type { FluxCluster } from '../config/readFluxConfig';

/**
 * A configured serviceAccountToken is used as it is; without one, the
 * Kubernetes plugin's strategy reads the pod's in-cluster token (it loads
 * the Kubernetes client for that, which a configured token does not need).
 */
class ConfiguredTokenStrategy implements AuthenticationStrategy {
  constructor(private readonly inCluster: AuthenticationStrategy) {}

  async getCredential(
    ...args: Parameters<AuthenticationStrategy['getCredential']>
  ): Promise<KubernetesCredential> {
    const token = args[0].authMetadata.serviceAccountToken;
    return token
      ? { type: 'bearer token', token }
      : this.inCluster.getCredential(...args);
  }

  validateCluster(
    ...args: Parameters<AuthenticationStrategy['validateCluster']>
  ) {
    return this.inCluster.validateCluster(...args);
  }

  presentAuthMetadata(
    ...args: Parameters<AuthenticationStrategy['presentAuthMetadata']>
  ) {
    return this.inCluster.presentAuthMetadata(...args);
  }
}

/**
 * The Kubernetes plugin's strategies that work without a viewer: the cache
 * is shared by all viewers, so it reads with the backend's own identity.
 */
const SERVER_SIDE_STRATEGIES: Record<
  string,
  (deps: { config: Config; logger: LoggerService }) => AuthenticationStrategy
> = {
  serviceAccount: () =>
    new ConfiguredTokenStrategy(new ServiceAccountStrategy()),
  localKubectlProxy: () => new AnonymousStrategy(),
  aws: ({ config }) => new AwsIamStrategy({ config }),
  azure: ({ logger }) => new AzureIdentityStrategy(logger),
  googleServiceAccount: ({ config }) =>
    new GoogleServiceAccountStrategy({ config }),
};

/** How long a credential is reused (AWS tokens live 15 minutes). */
const CREDENTIAL_TTL_MS = 60_000;

/** Credentials for the clusters, from the Kubernetes plugin's strategies. */
export class ClusterCredentials {
  private readonly strategies = new Map<string, AuthenticationStrategy>();
  /**
   * One entry per cluster, stored while the credential is still on its way,
   * so the concurrent requests of one refresh share a single fetch; `at` is
   * set when it arrives, and a failed fetch is dropped.
   */
  private readonly cached = new Map<
    string,
    { credential: Promise<KubernetesCredential>; at?: number }
  >();

  constructor(
    private readonly deps: { config: Config; logger: LoggerService },
  ) {}

  async credential(cluster: FluxCluster): Promise<KubernetesCredential> {
    const cached = this.cached.get(cluster.name);
    if (
      cached &&
      (cached.at === undefined || Date.now() - cached.at < CREDENTIAL_TTL_MS)
    ) {
      return cached.credential;
    }
    const entry: { credential: Promise<KubernetesCredential>; at?: number } = {
      credential: this.fetch(cluster),
    };
    this.cached.set(cluster.name, entry);
    entry.credential.then(
      () => {
        entry.at = Date.now();
      },
      () => {
        if (this.cached.get(cluster.name) === entry) {
          this.cached.delete(cluster.name);
        }
      },
    );
    return entry.credential;
  }

  private async fetch(cluster: FluxCluster): Promise<KubernetesCredential> {
    const provider =
      cluster.details.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    const strategy = this.strategy(provider, cluster.name);
    try {
      return await strategy.getCredential(cluster.details, {});
    } catch (error) {
      throw new ClusterRequestError(
        'unauthorized',
        `Could not get credentials for cluster ${
          cluster.name
        } (authProvider ${provider}): ${
          error instanceof Error ? error.message : error
        }`,
      );
    }
  }

  private strategy(provider: string, clusterName: string) {
    let strategy = this.strategies.get(provider);
    if (!strategy) {
      const create = SERVER_SIDE_STRATEGIES[provider];
      if (!create) {
        throw new ClusterRequestError(
          'error',
          `Cluster ${clusterName} uses authProvider '${provider}', which needs each viewer's own sign-in; the Flux backend reads clusters once for all viewers, so use one of ${Object.keys(
            SERVER_SIDE_STRATEGIES,
          ).join(', ')}`,
        );
      }
      strategy = create(this.deps);
      this.strategies.set(provider, strategy);
    }
    return strategy;
  }
}
