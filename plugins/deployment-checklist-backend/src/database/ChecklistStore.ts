import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ChecklistAuditEntry,
  ChecklistEvidence,
  ChecklistItem,
  ChecklistItemDefinition,
  ChecklistItemStatus,
  ChecklistPhase,
  ChecklistProviderSpec,
  Release,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';

const MIGRATIONS = resolvePackagePath(
  '@goldenpath/backstage-plugin-deployment-checklist-backend',
  'migrations',
);

/** A release as stored, without its items (or their phase summaries). */
export type StoredRelease = Omit<Release, 'phases'>;

/** An item as stored: the API's item plus its provider's parameters. */
export interface StoredItem extends ChecklistItem {
  releaseId: string;
  providerSpec?: ChecklistProviderSpec;
}

/** An item of a definition, ready to be copied into a new release. */
export type NewItem = ChecklistItemDefinition & { status: ChecklistItemStatus };

interface ReleaseRow {
  id: string;
  entity_ref: string;
  version: string;
  created_at: string;
  created_by: string;
  definition_name: string;
  definition_source: string;
}

interface ItemRow {
  release_id: string;
  item_id: string;
  position: number;
  phase: string;
  title: string;
  description: string | null;
  provider_type: string | null;
  provider_spec: string | null;
  status: string;
  evidence: string | null;
  updated_by: string | null;
  updated_at: string | null;
  comment: string | null;
  revision: number | string;
}

interface AuditRow {
  id: number | string;
  release_id: string;
  item_id: string | null;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  comment: string | null;
}

const now = () => DateTime.utc().toISO();

function toRelease(row: ReleaseRow): StoredRelease {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    definition: { name: row.definition_name, source: row.definition_source },
  };
}

function toItem(row: ItemRow): StoredItem {
  const item: StoredItem = {
    releaseId: row.release_id,
    id: row.item_id,
    phase: row.phase as ChecklistPhase,
    title: row.title,
    status: row.status as ChecklistItemStatus,
    revision: Number(row.revision),
  };
  if (row.description) item.description = row.description;
  if (row.provider_type) {
    item.provider = row.provider_type as StoredItem['provider'];
  }
  if (row.provider_spec) item.providerSpec = JSON.parse(row.provider_spec);
  if (row.evidence) item.evidence = JSON.parse(row.evidence);
  if (row.updated_by) item.updatedBy = row.updated_by;
  if (row.updated_at) item.updatedAt = row.updated_at;
  if (row.comment) item.comment = row.comment;
  return item;
}

function toAudit(row: AuditRow): ChecklistAuditEntry {
  const entry: ChecklistAuditEntry = {
    id: String(row.id),
    releaseId: row.release_id,
    at: row.at,
    actor: row.actor,
    action: row.action as ChecklistAuditEntry['action'],
  };
  if (row.item_id) entry.itemId = row.item_id;
  if (row.from_status) entry.from = row.from_status as ChecklistItemStatus;
  if (row.to_status) entry.to = row.to_status as ChecklistItemStatus;
  if (row.comment) entry.comment = row.comment;
  return entry;
}

/**
 * Releases, their items and their audit trail, in the plugin's database
 * (SQLite or PostgreSQL). Item writes are optimistic: they name the revision
 * they were based on and fail with a ConflictError when it is stale. The audit
 * trail is only ever inserted into.
 */
export class ChecklistStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ChecklistStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: MIGRATIONS });
    }
    return new ChecklistStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  /**
   * Creates a release with its items and a `create-release` audit entry, in
   * one transaction; `created` is false when the release already existed
   * (also when another writer created it at the same moment).
   */
  async createRelease(options: {
    entityRef: string;
    version: string;
    actor: string;
    definition: { name: string; source: string };
    items: NewItem[];
  }): Promise<{ release: StoredRelease; created: boolean }> {
    const id = randomUUID();
    const at = now();
    return this.knex.transaction(async tx => {
      await tx<ReleaseRow>('checklist_releases')
        .insert({
          id,
          entity_ref: options.entityRef,
          version: options.version,
          created_at: at,
          created_by: options.actor,
          definition_name: options.definition.name,
          definition_source: options.definition.source,
        })
        .onConflict(['entity_ref', 'version'])
        .ignore();
      const row = await tx<ReleaseRow>('checklist_releases')
        .where({ entity_ref: options.entityRef, version: options.version })
        .first();
      if (!row) {
        throw new Error(
          `release ${options.entityRef}@${options.version} was neither created nor found`,
        );
      }
      if (row.id !== id) {
        return { release: toRelease(row), created: false };
      }
      if (options.items.length) {
        await tx<ItemRow>('checklist_items').insert(
          options.items.map((item, position) => ({
            release_id: id,
            item_id: item.id,
            position,
            phase: item.phase,
            title: item.title,
            description: item.description ?? null,
            provider_type: item.provider?.type ?? null,
            provider_spec: item.provider ? JSON.stringify(item.provider) : null,
            status: item.status,
            evidence: null,
            updated_by: null,
            updated_at: null,
            comment: null,
            revision: 0,
          })),
        );
      }
      await tx<AuditRow>('checklist_audit').insert({
        release_id: id,
        item_id: null,
        at,
        actor: options.actor,
        action: 'create-release',
        from_status: null,
        to_status: null,
        comment: null,
      });
      return { release: toRelease(row), created: true };
    });
  }

  async getRelease(id: string): Promise<StoredRelease | undefined> {
    const row = await this.knex<ReleaseRow>('checklist_releases')
      .where({ id })
      .first();
    return row && toRelease(row);
  }

  async findRelease(
    entityRef: string,
    version: string,
  ): Promise<StoredRelease | undefined> {
    const row = await this.knex<ReleaseRow>('checklist_releases')
      .where({ entity_ref: entityRef, version })
      .first();
    return row && toRelease(row);
  }

  /** The releases of an entity, newest first. */
  async listReleases(entityRef: string): Promise<StoredRelease[]> {
    const rows = await this.knex<ReleaseRow>('checklist_releases')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'seq', order: 'desc' },
      ]);
    return rows.map(toRelease);
  }

  /**
   * Releases created since `since` (ISO time) that still have an automatic
   * item, for scheduled re-evaluation; newest first.
   */
  async listReleasesWithAutomaticItems(
    since: string,
  ): Promise<StoredRelease[]> {
    const rows: ReleaseRow[] = await this.knex('checklist_releases as r')
      .where('r.created_at', '>=', since)
      .whereExists(q =>
        q
          .select(this.knex.raw('1'))
          .from('checklist_items as i')
          .whereRaw('i.release_id = r.id')
          .whereNotNull('i.provider_type'),
      )
      .orderBy('r.created_at', 'desc')
      .select('r.*');
    return rows.map(toRelease);
  }

  /** The items of some releases, in definition order. */
  async listItems(releaseIds: string[]): Promise<StoredItem[]> {
    if (!releaseIds.length) return [];
    const rows = await this.knex<ItemRow>('checklist_items')
      .whereIn('release_id', releaseIds)
      .orderBy([{ column: 'release_id' }, { column: 'position' }]);
    return rows.map(toItem);
  }

  /**
   * How many items of each release are in each phase and status: what the
   * phase summaries of a release list need, without loading the items.
   */
  async countItems(releaseIds: string[]): Promise<
    Array<{
      releaseId: string;
      phase: ChecklistPhase;
      status: ChecklistItemStatus;
      count: number;
    }>
  > {
    if (!releaseIds.length) return [];
    const rows = (await this.knex('checklist_items')
      .whereIn('release_id', releaseIds)
      .groupBy('release_id', 'phase', 'status')
      .select('release_id', 'phase', 'status')
      .count({ count: '*' })) as Array<{
      release_id: string;
      phase: string;
      status: string;
      count: number | string;
    }>;
    return rows.map(row => ({
      releaseId: String(row.release_id),
      phase: row.phase as ChecklistPhase,
      status: row.status as ChecklistItemStatus,
      count: Number(row.count),
    }));
  }

  async getItem(
    releaseId: string,
    itemId: string,
  ): Promise<StoredItem | undefined> {
    const row = await this.knex<ItemRow>('checklist_items')
      .where({ release_id: releaseId, item_id: itemId })
      .first();
    return row && toItem(row);
  }

  /** The audit trail of a release, oldest first. */
  async listAudit(releaseId: string): Promise<ChecklistAuditEntry[]> {
    const rows = await this.knex<AuditRow>('checklist_audit')
      .where({ release_id: releaseId })
      .orderBy('id', 'asc');
    return rows.map(toAudit);
  }

  /**
   * A person's change to an item: applied only if the item is still at
   * `expectedRevision` (a conditional UPDATE whose row count is checked), in
   * the same transaction as its audit entry. A stale revision is a
   * ConflictError and changes nothing.
   */
  async updateItem(options: {
    releaseId: string;
    itemId: string;
    expectedRevision: number;
    status: ChecklistItemStatus;
    action: ChecklistAuditEntry['action'];
    actor: string;
    comment?: string;
  }): Promise<StoredItem> {
    const at = now();
    return this.knex.transaction(async tx => {
      // Locks the row on PostgreSQL, so the audited `from` is exact.
      const current = await tx<ItemRow>('checklist_items')
        .where({ release_id: options.releaseId, item_id: options.itemId })
        .forUpdate()
        .first();
      if (!current) {
        throw new NotFoundError(
          `release ${options.releaseId} has no item '${options.itemId}'`,
        );
      }
      const changes = {
        status: options.status,
        updated_by: options.actor,
        updated_at: at,
        comment: options.comment ?? null,
        revision: options.expectedRevision + 1,
      };
      const updated = await tx<ItemRow>('checklist_items')
        .where({
          release_id: options.releaseId,
          item_id: options.itemId,
          revision: options.expectedRevision,
        })
        .update(changes);
      if (updated !== 1) {
        // `current` is the row as it stands: the lock keeps it so.
        throw new ConflictError(
          `item '${options.itemId}' was changed by ${
            current.updated_by ?? 'someone else'
          } (revision ${Number(current.revision)}, you sent ${
            options.expectedRevision
          }); reload it and try again`,
        );
      }
      await tx<AuditRow>('checklist_audit').insert({
        release_id: options.releaseId,
        item_id: options.itemId,
        at,
        actor: options.actor,
        action: options.action,
        from_status: current.status,
        to_status: options.status,
        comment: options.comment ?? null,
      });
      return toItem({ ...current, ...changes });
    });
  }

  /**
   * Stores what an automatic check saw, if the item is still at
   * `expectedRevision` (false otherwise: another evaluation won). A change of
   * status is audited as `evaluate`.
   */
  async recordEvaluation(options: {
    releaseId: string;
    itemId: string;
    expectedRevision: number;
    from: ChecklistItemStatus;
    status: ChecklistItemStatus;
    evidence: ChecklistEvidence;
    actor: string;
  }): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const updated = await tx<ItemRow>('checklist_items')
        .where({
          release_id: options.releaseId,
          item_id: options.itemId,
          revision: options.expectedRevision,
        })
        .update({
          status: options.status,
          evidence: JSON.stringify(options.evidence),
          updated_by: options.actor,
          updated_at: options.evidence.checkedAt,
          revision: options.expectedRevision + 1,
        });
      if (updated !== 1) return false;
      if (options.from !== options.status) {
        await tx<AuditRow>('checklist_audit').insert({
          release_id: options.releaseId,
          item_id: options.itemId,
          at: options.evidence.checkedAt,
          actor: options.actor,
          action: 'evaluate',
          from_status: options.from,
          to_status: options.status,
          comment: options.evidence.error ?? null,
        });
      }
      return true;
    });
  }

  /**
   * Claims the announcement of a completed phase; true for exactly one
   * caller per release and phase, whichever replica it runs on.
   */
  async claimPhaseNotification(
    releaseId: string,
    phase: ChecklistPhase,
  ): Promise<boolean> {
    const inserted = await this.knex('checklist_phase_notifications')
      .insert({ release_id: releaseId, phase, notified_at: now() })
      .onConflict(['release_id', 'phase'])
      .ignore()
      .returning('phase');
    return inserted.length === 1;
  }

  /** Gives a claim back when the notification could not be sent. */
  async releasePhaseNotification(
    releaseId: string,
    phase: ChecklistPhase,
  ): Promise<void> {
    await this.knex('checklist_phase_notifications')
      .where({ release_id: releaseId, phase })
      .delete();
  }
}
