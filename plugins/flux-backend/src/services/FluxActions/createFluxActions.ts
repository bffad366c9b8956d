import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FluxActionRecord,
  fluxResourceReconcilePermission,
  fluxResourceSuspendPermission,
} from '@goldenpath/backstage-plugin-flux-common';
import { DateTime } from 'luxon';
import type { FluxSettings } from '../../config/readFluxConfig';
import type { FluxActionStore } from '../../database/FluxActionStore';
import { entitySelector } from '../../flux/entitySelector';
import { fluxKind, RECONCILE_REQUEST_ANNOTATION } from '../../flux/fluxKinds';
import { readinessOf } from '../../flux/fluxObjects';
import { ClusterRequestError } from '../../kubernetes/ClusterRequestError';
import type {
  KubeObject,
  KubernetesClient,
} from '../../kubernetes/KubernetesClient';
import type { FluxCache } from '../FluxCache/types';
import type { FluxActionsService } from './types';

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Who may act on the entity, as the portal's policy grants it: its owner. */
function ownerOf(entity: Entity): string {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return 'its owners';
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

export function createFluxActions(options: {
  settings: FluxSettings;
  clients: Map<string, KubernetesClient>;
  cache: FluxCache;
  store: FluxActionStore;
  permissions: PermissionsService;
  auth: AuthService;
  logger: LoggerService;
  /** Milliseconds between two reads while waiting for Flux. Default 1000 (less for short timeouts). */
  pollIntervalMs?: number;
}): FluxActionsService {
  const { settings, store } = options;
  const pollIntervalMs =
    options.pollIntervalMs ??
    Math.min(1000, Math.max(50, settings.reconcileTimeoutMs / 20));

  function actorOf(credentials: BackstageCredentials): string {
    if (options.auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (options.auth.isPrincipal(credentials, 'service')) {
      return `service:${credentials.principal.subject}`;
    }
    return 'unknown';
  }

  async function reconcile(
    client: KubernetesClient,
    path: string,
    object: KubeObject,
  ): Promise<Pick<FluxActionRecord, 'result' | 'message'>> {
    const what = `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
    if (object.spec?.suspend === true) {
      return {
        result: 'failed',
        message: `${what} is suspended, so Flux would not reconcile it; resume it instead`,
      };
    }
    const requestedAt = DateTime.utc().toISO()!;
    await client.mergePatch(path, {
      metadata: {
        annotations: { [RECONCILE_REQUEST_ANNOTATION]: requestedAt },
      },
    });
    const deadline = Date.now() + settings.reconcileTimeoutMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(pollIntervalMs, Math.max(0, deadline - Date.now())));
      const current = await client.get(path);
      if (current.status?.lastHandledReconcileAt === requestedAt) {
        const { readiness, message } = readinessOf(
          current.status?.conditions ?? [],
        );
        if (readiness === 'failed' || readiness === 'stalled') {
          return {
            result: 'failed',
            message: `Flux reconciled ${what} and it is ${readiness}: ${
              message ?? 'no message'
            }`,
          };
        }
        return {
          result: 'succeeded',
          message: `Flux reconciled ${what}${message ? `: ${message}` : ''}`,
        };
      }
    }
    const controller =
      fluxKind(String(object.kind))?.controller ?? 'its controller';
    return {
      result: 'timeout',
      message: `Flux did not handle the reconcile request of ${what} within ${
        settings.reconcileTimeoutMs / 1000
      } s (requested at ${requestedAt}); is the ${controller} running? See the Flux runtime page`,
    };
  }

  return {
    async perform(entity, request, credentials) {
      const entityRef = stringifyEntityRef(entity);
      const cluster = settings.clusters.find(c => c.name === request.cluster);
      const client = options.clients.get(request.cluster);
      if (!cluster || !client) {
        throw new InputError(
          `Unknown cluster '${request.cluster}'; the Flux backend reads ${
            settings.clusters.map(c => c.name).join(', ') || 'no cluster'
          }`,
        );
      }
      const kindInfo = fluxKind(request.kind);
      if (!kindInfo) {
        throw new InputError(`'${request.kind}' is not a Flux kind`);
      }
      const actor = actorOf(credentials);
      const base = {
        entityRef,
        cluster: cluster.name,
        environment: cluster.environment,
        kind: request.kind,
        namespace: request.namespace,
        name: request.name,
        action: request.action,
        actor,
      };

      const permission =
        request.action === 'reconcile'
          ? fluxResourceReconcilePermission
          : fluxResourceSuspendPermission;
      const [decision] = await options.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        const message = `Only the owners of ${entityRef} (${ownerOf(
          entity,
        )}) may ${
          request.action
        } its Flux objects; ${actor} is not one of them`;
        await store.insert({
          ...base,
          result: 'denied',
          finishedAt: DateTime.utc().toISO()!,
          message,
        });
        throw new NotAllowedError(message);
      }

      const what = `${request.kind} ${request.namespace}/${request.name}`;
      let path: string;
      let object: KubeObject;
      try {
        const served = await options.cache.servedKind(
          cluster.name,
          request.kind,
        );
        if (!served) {
          throw new NotFoundError(
            `Cluster ${cluster.name} does not serve Flux ${request.kind} objects`,
          );
        }
        path = `/apis/${served.apiVersion}/namespaces/${encodeURIComponent(
          request.namespace,
        )}/${served.plural}/${encodeURIComponent(request.name)}`;
        object = await client.get(path);
      } catch (error) {
        if (error instanceof ClusterRequestError && error.statusCode === 404) {
          throw new NotFoundError(
            `${what} does not exist on cluster ${cluster.name}`,
          );
        }
        if (error instanceof ClusterRequestError) {
          return store.insert({
            ...base,
            result: 'failed',
            finishedAt: DateTime.utc().toISO()!,
            message: error.message,
          });
        }
        throw error;
      }
      const selector = entitySelector(entity);
      if (!selector.matches(object.metadata?.labels)) {
        throw new InputError(
          `${what} on cluster ${cluster.name} is not one of ${entityRef}'s objects: its labels do not match ${selector.text}`,
        );
      }

      const record = await store.insert({ ...base, result: 'pending' });
      let outcome: Pick<FluxActionRecord, 'result' | 'message'>;
      try {
        if (request.action === 'reconcile') {
          outcome = await reconcile(client, path, object);
        } else {
          const suspend = request.action === 'suspend';
          await client.mergePatch(path, {
            spec: { suspend },
            ...(suspend
              ? {}
              : {
                  // As `flux resume`: reconcile right away.
                  metadata: {
                    annotations: {
                      [RECONCILE_REQUEST_ANNOTATION]: DateTime.utc().toISO(),
                    },
                  },
                }),
          });
          outcome = {
            result: 'succeeded',
            message: suspend
              ? `Suspended ${what}: Flux stops reconciling it until it is resumed`
              : `Resumed ${what}: Flux reconciles it again`,
          };
        }
      } catch (error) {
        outcome = {
          result: 'failed',
          message: error instanceof Error ? error.message : String(error),
        };
      }
      options.logger.info(
        `${actor} asked to ${request.action} ${what} on ${cluster.name} for ${entityRef}: ${outcome.result}`,
      );
      options.cache.requestRefresh(cluster.name);
      return store.finish(record.id, outcome);
    },
  };
}
