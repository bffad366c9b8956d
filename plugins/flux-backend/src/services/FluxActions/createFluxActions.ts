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
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FLUX_LABEL_SELECTOR_ANNOTATION,
  FluxActionRecord,
  fluxResourceReconcilePermission,
  fluxResourceSuspendPermission,
  kubernetesIdOf,
  namesFluxObjects,
} from '@goldenpath/backstage-plugin-flux-common';
import { KUBERNETES_ID_ANNOTATION } from '@goldenpath/backstage-plugin-gitops-common';
import { DateTime } from 'luxon';
import type { FluxSettings } from '../../config/readFluxConfig';
import type { FluxActionStore } from '../../database/FluxActionStore';
import { entitySelector } from '../../flux/entitySelector';
import {
  actionsUnsupported,
  fluxKind,
  KUBERNETES_ID_LABEL,
  RECONCILE_REQUEST_ANNOTATION,
} from '../../flux/fluxKinds';
import { readinessOf } from '../../flux/fluxObjects';
import { ClusterRequestError } from '../../kubernetes/ClusterRequestError';
import type {
  KubeObject,
  KubernetesClient,
} from '../../kubernetes/KubernetesClient';
import type { FluxCache } from '../FluxCache/types';
import type { FluxActionsService } from './types';

/**
 * Whether Flux has handled this reconcile request or a later one (someone
 * asked again meanwhile: Flux reports only the last request it handled).
 */
function handledSince(handled: unknown, requestedAt: string): boolean {
  if (typeof handled !== 'string') return false;
  if (handled === requestedAt) return true;
  const handledMs = Date.parse(handled);
  return !Number.isNaN(handledMs) && handledMs >= Date.parse(requestedAt);
}

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
  /** To find every entity that claims the same objects. */
  catalog: CatalogService;
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
      if (handledSince(current.status?.lastHandledReconcileAt, requestedAt)) {
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

  /**
   * The other catalog entities that claim the objects labelled
   * `backstage.io/kubernetes-id=<id>`: with that annotation, or named so and
   * finding their objects by a label selector. The catalog is asked with the
   * plugin's own credentials, so that entities the caller cannot see count.
   */
  async function otherClaimants(entity: Entity, id: string) {
    const { items } = await options.catalog.getEntities(
      {
        filter: [
          { [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: id },
          { 'metadata.name': id },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const self = stringifyEntityRef(entity);
    return items
      .filter(other => namesFluxObjects(other) && kubernetesIdOf(other) === id)
      .map(other => stringifyEntityRef(other))
      .filter(ref => ref !== self)
      .sort();
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

      /** Records a refusal in the entity's audit; returns the error to throw. */
      const refused = async (error: Error) => {
        await store.insert({
          ...base,
          result: 'denied',
          finishedAt: DateTime.utc().toISO()!,
          message: error.message,
        });
        return error;
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
        throw await refused(new NotAllowedError(message));
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
        const unsupported = actionsUnsupported(kindInfo, served.apiVersion);
        if (unsupported) {
          throw new InputError(`On cluster ${cluster.name}: ${unsupported}`);
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
      // What the entity's owners may act on is bound to the object by its
      // kubernetes-id label, which the GitOps repository sets, and to one
      // entity: an annotation anyone can write (a broad selector, or the id
      // of another team's service) gives no right to act.
      if (!namesFluxObjects(entity)) {
        throw new InputError(
          `${entityRef} has neither a ${KUBERNETES_ID_ANNOTATION} nor a ${FLUX_LABEL_SELECTOR_ANNOTATION} annotation; the portal acts only for entities that name their objects`,
        );
      }
      const id = kubernetesIdOf(entity);
      if (object.metadata?.labels?.[KUBERNETES_ID_LABEL] !== id) {
        throw new InputError(
          `${what} on cluster ${cluster.name} is not labelled ${KUBERNETES_ID_LABEL}=${id}; the portal acts only on objects the GitOps repository labels with the entity's kubernetes-id`,
        );
      }
      const others = await otherClaimants(entity, id);
      if (others.length > 0) {
        const message = `${KUBERNETES_ID_LABEL}=${id} is claimed by ${entityRef} and by ${others.join(
          ', ',
        )} in the catalog; Flux actions on its objects are refused until only one entity claims it`;
        throw await refused(new ConflictError(message));
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
