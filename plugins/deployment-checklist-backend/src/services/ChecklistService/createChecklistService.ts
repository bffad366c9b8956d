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
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  CHECKLIST_PHASES,
  ChecklistItem,
  ChecklistItemStatus,
  ChecklistPhase,
  ChecklistPhaseSummary,
  checklistItemUpdatePermission,
  checklistReleaseCreatePermission,
  checklistReleaseEvaluatePermission,
  Release,
  ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { DateTime } from 'luxon';
import {
  ChecklistStore,
  StoredItem,
  StoredRelease,
} from '../../database/ChecklistStore';
import { ChecklistProviders, ProviderContext } from '../ChecklistProviders';
import { DefinitionLoader } from '../DefinitionLoader/types';
import { Actor, ChecklistService } from './types';

/** Who the plugin acts as when it creates or evaluates on its own. */
export const SYSTEM_ACTOR = 'system';

const COMPLETE: ReadonlySet<ChecklistItemStatus> = new Set([
  'done',
  'passed',
  'not-applicable',
]);

const VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$/;

/** `kind:namespace/name` in lower case; an InputError for anything else. */
export function normalizeEntityRef(ref: string, field = 'entityRef'): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `${field} '${ref}' is not an entity reference; expected kind:namespace/name, e.g. component:default/user-service`,
    );
  }
}

function checkVersion(version: string) {
  if (!VERSION.test(version)) {
    throw new InputError(
      `version '${version}' is not a version; expected an image tag such as v1.2.3 or sha-8d41e07`,
    );
  }
}

function checkPhase(phase: string): ChecklistPhase {
  if (!(CHECKLIST_PHASES as readonly string[]).includes(phase)) {
    throw new InputError(
      `phase '${phase}' is not a phase; expected one of ${CHECKLIST_PHASES.join(
        ', ',
      )}`,
    );
  }
  return phase as ChecklistPhase;
}

function actorName(actor: Actor): string {
  if ('system' in actor) return SYSTEM_ACTOR;
  const { principal } = actor.credentials as BackstageCredentials<{
    type: string;
    userEntityRef?: string;
    subject?: string;
  }>;
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}

/** Progress per phase, in phase order, from items or counts of items per phase and status. */
export function summarizePhases(
  items: Array<{
    phase: ChecklistPhase;
    status: ChecklistItemStatus;
    count?: number;
  }>,
): ChecklistPhaseSummary[] {
  return CHECKLIST_PHASES.map(phase => {
    let total = 0;
    let complete = 0;
    for (const item of items) {
      if (item.phase !== phase) continue;
      total += item.count ?? 1;
      if (COMPLETE.has(item.status)) complete += item.count ?? 1;
    }
    return { phase, total, complete, passed: complete === total };
  });
}

function publicItem(item: StoredItem): ChecklistItem {
  const { releaseId: _releaseId, providerSpec: _spec, ...rest } = item;
  return rest;
}

function ownersOf(entity: Entity | undefined): string[] {
  const owner = (entity?.spec as { owner?: unknown } | undefined)?.owner;
  const relations = (entity?.relations ?? [])
    .filter(r => r.type === 'ownedBy')
    .map(r => r.targetRef);
  if (relations.length) return relations;
  return typeof owner === 'string' ? [owner] : [];
}

/**
 * What the releases evaluated together share: the catalog's answer per entity
 * ref, and the providers' answers per `once` key (a key names everything its
 * answer depends on, the version included where it matters).
 */
interface EvaluationCache {
  entities: Map<string, Promise<Entity | undefined>>;
  answers: Map<string, Promise<unknown>>;
}

const newEvaluationCache = (): EvaluationCache => ({
  entities: new Map(),
  answers: new Map(),
});

/**
 * The checklist logic between the HTTP routes (and the scheduler) and the
 * store: releases from definitions, owner-only manual changes, automatic
 * evaluation, the gate, and one notification per completed phase.
 */
export function createChecklistService(options: {
  store: ChecklistStore;
  definitions: DefinitionLoader;
  providers: ChecklistProviders;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  notifications: NotificationService;
  logger: LoggerService;
  /** Releases older than this are no longer re-evaluated on schedule. */
  evaluateReleasesNewerThanDays: number;
  /** How many releases the scheduled evaluation checks at once. */
  evaluationConcurrency?: number;
}): ChecklistService {
  const { store, definitions, providers, catalog, auth, logger } = options;

  const serviceCredentials = () => auth.getOwnServiceCredentials();

  const getEntity = async (entityRef: string) =>
    catalog.getEntityByRef(entityRef, {
      credentials: await serviceCredentials(),
    });

  const requireRelease = async (releaseId: string) => {
    const release = await store.getRelease(releaseId);
    if (!release) {
      throw new NotFoundError(`no release with id '${releaseId}'`);
    }
    return release;
  };

  /**
   * Whether a user may read an entity, as the catalog decides for them;
   * services (CI asking the gate) and the plugin itself always may.
   */
  const mayRead = async (
    entityRef: string,
    reader: BackstageCredentials | undefined,
  ) => {
    if (!reader || !auth.isPrincipal(reader, 'user')) return true;
    return Boolean(
      await catalog.getEntityByRef(entityRef, { credentials: reader }),
    );
  };

  /**
   * Refuses, naming the entity's owners, a caller the policy does not allow
   * to do `what` to an entity's checklists. The plugin itself may.
   */
  const requireAllowed = async (
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    actor: Actor,
    what: string,
  ) => {
    if ('system' in actor) return;
    const [decision] = await options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials: actor.credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return;
    const owners = ownersOf(await getEntity(entityRef).catch(() => undefined));
    throw new NotAllowedError(
      `only the owners of ${entityRef}${
        owners.length ? ` (${owners.join(', ')})` : ''
      } may ${what}; ${actorName(actor)} is not one of them`,
    );
  };

  const toRelease = (
    release: StoredRelease,
    items: Array<{ phase: ChecklistPhase; status: ChecklistItemStatus }>,
  ): Release => ({ ...release, phases: summarizePhases(items) });

  const detail = async (release: StoredRelease): Promise<ReleaseDetail> => {
    const [items, audit] = await Promise.all([
      store.listItems([release.id]),
      store.listAudit(release.id),
    ]);
    const publicItems = items.map(publicItem);
    return { ...toRelease(release, publicItems), items: publicItems, audit };
  };

  /** Announces each phase that is now complete, once per release and phase. */
  const announceCompletedPhases = async (
    release: StoredRelease,
    phases?: ChecklistPhase[],
  ) => {
    const counts = await store.countItems([release.id]);
    for (const summary of summarizePhases(counts)) {
      if (phases && !phases.includes(summary.phase)) continue;
      if (!summary.passed || summary.total === 0) continue;
      if (!(await store.claimPhaseNotification(release.id, summary.phase))) {
        continue;
      }
      const { kind, namespace, name } = parseEntityRef(release.entityRef);
      try {
        // The link opens the release on the entity's "Release checklist" tab.
        await options.notifications.send({
          recipients: { type: 'entity', entityRef: release.entityRef },
          payload: {
            title: `${name} ${release.version}: ${summary.phase} complete`,
            description: `All ${summary.total} ${summary.phase} items of ${release.entityRef} ${release.version} are done, passed or not applicable.`,
            link: `/catalog/${namespace}/${kind}/${name}/release-checklist?release=${encodeURIComponent(
              release.id,
            )}`,
            topic: 'deployment-checklist',
            scope: `deployment-checklist:${release.id}:${summary.phase}`,
            severity: 'normal',
          },
        });
      } catch (error) {
        // Give the claim back so that the next change tries again.
        await store.releasePhaseNotification(release.id, summary.phase);
        logger.warn(
          `Could not notify the owners of ${release.entityRef} that ${release.version} completed ${summary.phase}: ${error}`,
        );
      }
    }
  };

  const evaluate = async (
    release: StoredRelease,
    actor: string,
    cache: EvaluationCache = newEvaluationCache(),
    signal?: AbortSignal,
  ) => {
    const items = (await store.listItems([release.id])).filter(
      item => item.providerSpec && item.status !== 'not-applicable',
    );
    if (!items.length) return;
    let lookup = cache.entities.get(release.entityRef);
    if (!lookup) {
      lookup = getEntity(release.entityRef).catch(error => {
        logger.warn(
          `Could not read ${release.entityRef} from the catalog: ${error}`,
        );
        return undefined;
      });
      cache.entities.set(release.entityRef, lookup);
    }
    const entity = await lookup;
    const context: ProviderContext = {
      entityRef: release.entityRef,
      entity,
      service: entity?.metadata.name ?? parseEntityRef(release.entityRef).name,
      version: release.version,
      signal: signal ?? new AbortController().signal,
      once<T>(key: string, load: () => Promise<T>): Promise<T> {
        if (!cache.answers.has(key)) cache.answers.set(key, load());
        return cache.answers.get(key) as Promise<T>;
      },
    };
    await Promise.all(
      items.map(async item => {
        const outcome = await providers.check(item.providerSpec!, context);
        await store.recordEvaluation({
          releaseId: release.id,
          itemId: item.id,
          expectedRevision: item.revision,
          from: item.status,
          status: outcome.status,
          evidence: outcome.evidence,
          actor,
        });
      }),
    );
    await announceCompletedPhases(release);
  };

  return {
    async listReleases(entityRef, reader) {
      const ref = normalizeEntityRef(entityRef);
      // As for an entity the catalog does not know: no releases.
      if (!(await mayRead(ref, reader))) return [];
      const releases = await store.listReleases(ref);
      // Counts per phase and status, not the items: a list stays cheap.
      const counts = await store.countItems(releases.map(r => r.id));
      return releases.map(release =>
        toRelease(
          release,
          counts.filter(count => count.releaseId === release.id),
        ),
      );
    },

    async createRelease(request, actor) {
      const entityRef = normalizeEntityRef(request.entityRef);
      checkVersion(request.version);
      await requireAllowed(
        checklistReleaseCreatePermission,
        entityRef,
        actor,
        'open its releases',
      );
      const existing = await store.findRelease(entityRef, request.version);
      if (existing) {
        return { release: await detail(existing), created: false };
      }
      const entity = await getEntity(entityRef);
      if (!entity) {
        throw new NotFoundError(
          `${entityRef} is not in the catalog; register it before creating a release`,
        );
      }
      const definition = await definitions.forEntity(entity);
      const { release, created } = await store.createRelease({
        entityRef,
        version: request.version,
        actor: actorName(actor),
        definition: { name: definition.name, source: definition.source },
        items: definition.items.map(item => ({
          ...item,
          status: item.provider ? 'pending' : 'open',
        })),
      });
      if (created) {
        logger.info(
          `Release ${entityRef} ${request.version} created by ${actorName(
            actor,
          )} from '${definition.name}' (${definition.source})`,
        );
      }
      return { release: await detail(release), created };
    },

    async getRelease(releaseId, reader) {
      const release = await requireRelease(releaseId);
      // Not readable is not there: the answer does not say it exists.
      if (!(await mayRead(release.entityRef, reader))) {
        throw new NotFoundError(`no release with id '${releaseId}'`);
      }
      return detail(release);
    },

    async updateItem(releaseId, itemId, update, credentials) {
      const release = await requireRelease(releaseId);
      await requireAllowed(
        checklistItemUpdatePermission,
        release.entityRef,
        { credentials },
        'change its checklist items',
      );
      const item = await store.getItem(releaseId, itemId);
      if (!item) {
        throw new NotFoundError(
          `release ${release.entityRef} ${release.version} has no item '${itemId}'`,
        );
      }
      // An automatic item is never ticked by hand; its owners may only waive
      // it, with a reason, where its signal does not apply (say, CI that is
      // not GitHub Actions), and take the waiver back.
      if (
        item.provider &&
        !(
          update.action === 'not-applicable' ||
          (update.action === 'untick' && item.status === 'not-applicable')
        )
      ) {
        throw new InputError(
          `item '${itemId}' is checked automatically (${item.provider}); it cannot be ticked by hand: POST /releases/${releaseId}/evaluate checks it again, or mark it not applicable with a reason`,
        );
      }
      const comment = update.comment?.trim() || undefined;
      if (update.action === 'not-applicable' && !comment) {
        throw new InputError(
          `marking '${itemId}' not applicable needs a comment giving the reason`,
        );
      }
      const status: ChecklistItemStatus = {
        tick: 'done' as const,
        // A waived automatic item goes back to waiting for its next check.
        untick: item.provider ? ('pending' as const) : ('open' as const),
        'not-applicable': 'not-applicable' as const,
      }[update.action];
      const updated = await store.updateItem({
        releaseId,
        itemId,
        expectedRevision: update.revision,
        status,
        action: update.action,
        actor: credentials.principal.userEntityRef,
        comment,
      });
      // Only a change to a complete state can complete a phase.
      if (COMPLETE.has(updated.status)) {
        await announceCompletedPhases(release, [updated.phase]);
      }
      return publicItem(updated);
    },

    async evaluateRelease(releaseId, actor) {
      const release = await requireRelease(releaseId);
      await requireAllowed(
        checklistReleaseEvaluatePermission,
        release.entityRef,
        actor,
        'check its releases again',
      );
      await evaluate(release, actorName(actor));
      return detail(release);
    },

    async evaluateOpenReleases({ signal } = {}) {
      const since = DateTime.utc()
        .minus({ days: options.evaluateReleasesNewerThanDays })
        .toISO()!;
      const releases = await store.listReleasesWithAutomaticItems(since);
      const counts = await store.countItems(releases.map(r => r.id));
      const open = releases.filter(release =>
        summarizePhases(
          counts.filter(count => count.releaseId === release.id),
        ).some(phase => !phase.passed),
      );
      // One catalog read per entity and one answer per provider key for the
      // whole run, whichever release asks first.
      const cache = newEvaluationCache();
      const queue = [...open];
      const worker = async () => {
        for (let release = queue.shift(); release; release = queue.shift()) {
          if (signal?.aborted) return;
          try {
            await evaluate(release, SYSTEM_ACTOR, cache, signal);
          } catch (error) {
            logger.warn(
              `Could not evaluate ${release.entityRef} ${release.version}: ${error}`,
            );
          }
        }
      };
      await Promise.all(
        Array.from({ length: options.evaluationConcurrency ?? 4 }, worker),
      );
      return open.length;
    },

    async gate(entityRef, version, phase, reader) {
      const ref = normalizeEntityRef(entityRef);
      const checkedPhase = checkPhase(phase);
      const release = await store.findRelease(ref, version);
      if (!release || !(await mayRead(ref, reader))) {
        throw new NotFoundError(
          `no release ${version} of ${ref}; create it first (POST /releases, checklist:create or gitops checklist create)`,
        );
      }
      const items = await store.listItems([release.id]);
      const openItems = items
        .filter(
          item => item.phase === checkedPhase && !COMPLETE.has(item.status),
        )
        .map(item => ({ id: item.id, title: item.title, status: item.status }));
      return {
        releaseId: release.id,
        entityRef: release.entityRef,
        version: release.version,
        phase: checkedPhase,
        passed: openItems.length === 0,
        openItems,
      };
    },
  };
}
