import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { FluxImageRef } from '@goldenpath/backstage-plugin-flux-common';
import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import {
  PlatformRepositories,
  UnknownNameError,
} from '@goldenpath/backstage-plugin-gitops-node';
import type { DeclaredImages } from './types';

type Declared = Partial<Record<EnvironmentName, FluxImageRef>>;

interface Stored {
  declared: Declared;
  readAt: number;
}

/**
 * Reads what gitops-config declares through gitops-node, shared through the
 * cache service. A value older than the repositories' refresh interval
 * (goldenpath.repositories.refreshIntervalSeconds) is still answered while
 * one read per process refreshes it, so that page views never wait for
 * gitops-config except the first time a service is asked for.
 */
export function createDeclaredImages(options: {
  repositories?: PlatformRepositories;
  cache: CacheService;
  logger: LoggerService;
}): DeclaredImages {
  const inflight = new Map<string, Promise<Declared>>();
  const ttlMs = options.repositories?.refreshIntervalMs ?? 60_000;

  async function read(service: string): Promise<Declared> {
    const declared: Declared = {};
    if (!options.repositories) return declared;
    try {
      const gitops = await options.repositories.gitops();
      for (const env of await gitops.environments()) {
        try {
          const deployment = await gitops.deployment(service, env);
          declared[env] = {
            image: deployment.image.name,
            tag: deployment.image.tag,
          };
        } catch (error) {
          // A component that is not a gitops-config service declares nothing.
          if (error instanceof UnknownNameError) return declared;
          options.logger.warn(
            `gitops-config declares no image for ${service} in ${env}: ${error}`,
          );
        }
      }
    } catch (error) {
      options.logger.warn(
        `Could not read gitops-config for ${service}: ${error}`,
      );
    }
    return declared;
  }

  function refresh(service: string, key: string): Promise<Declared> {
    let pending = inflight.get(service);
    if (!pending) {
      pending = read(service)
        .then(async declared => {
          const stored: Stored = { declared, readAt: Date.now() };
          await options.cache.set(key, stored as unknown as JsonValue, {
            ttl: 10 * ttlMs,
          });
          return declared;
        })
        .finally(() => inflight.delete(service));
      inflight.set(service, pending);
    }
    return pending;
  }

  return {
    async forService(service) {
      const key = `flux-status:v1:declared:${service}`;
      const stored = (await options.cache.get(key)) as Stored | undefined;
      if (!stored) return refresh(service, key);
      if (Date.now() - stored.readAt > ttlMs) {
        refresh(service, key).catch(() => {
          // Logged by read(); the stored value is answered meanwhile.
        });
      }
      return stored.declared;
    },
  };
}
