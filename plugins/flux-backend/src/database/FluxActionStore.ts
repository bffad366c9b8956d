import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type {
  FluxActionRecord,
  FluxActionType,
} from '@goldenpath/backstage-plugin-flux-common';
import { isEnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

const TABLE = 'flux_actions';

interface Row {
  seq: number | string;
  id: string;
  entity_ref: string;
  cluster: string;
  environment: string | null;
  kind: string;
  namespace: string;
  name: string;
  action: string;
  actor: string;
  requested_at: Date | string | number;
  finished_at: Date | string | number | null;
  result: string;
  message: string | null;
}

/** A new action, before it has an id. */
export type NewFluxAction = Omit<FluxActionRecord, 'id' | 'requestedAt'> & {
  requestedAt?: string;
};

function toIso(value: Date | string | number): string {
  if (value instanceof Date) return DateTime.fromJSDate(value).toUTC().toISO()!;
  if (typeof value === 'number')
    return DateTime.fromMillis(value).toUTC().toISO()!;
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return (parsed.isValid ? parsed : DateTime.fromSQL(value, { zone: 'utc' }))
    .toUTC()
    .toISO()!;
}

function toRecord(row: Row): FluxActionRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    cluster: row.cluster,
    environment: isEnvironmentName(row.environment)
      ? row.environment
      : undefined,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    action: row.action as FluxActionType,
    actor: row.actor,
    requestedAt: toIso(row.requested_at),
    finishedAt: row.finished_at === null ? undefined : toIso(row.finished_at),
    result: row.result as FluxActionRecord['result'],
    message: row.message ?? undefined,
  };
}

/** The audit of actions on Flux objects (table flux_actions). */
export class FluxActionStore {
  static async create(database: DatabaseService): Promise<FluxActionStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@goldenpath/backstage-plugin-flux-backend',
          'migrations',
        ),
      });
    }
    return new FluxActionStore(client);
  }

  constructor(private readonly db: Knex) {}

  async insert(action: NewFluxAction): Promise<FluxActionRecord> {
    const requestedAt = action.requestedAt
      ? DateTime.fromISO(action.requestedAt)
      : DateTime.utc();
    const record: FluxActionRecord = {
      ...action,
      id: randomUUID(),
      requestedAt: requestedAt.toUTC().toISO()!,
    };
    await this.db<Row>(TABLE).insert({
      id: record.id,
      entity_ref: record.entityRef,
      cluster: record.cluster,
      environment: record.environment ?? null,
      kind: record.kind,
      namespace: record.namespace,
      name: record.name,
      action: record.action,
      actor: record.actor,
      requested_at: requestedAt.toJSDate(),
      finished_at: record.finishedAt
        ? DateTime.fromISO(record.finishedAt).toJSDate()
        : null,
      result: record.result,
      message: record.message ?? null,
    });
    return record;
  }

  /** Records how an action ended. */
  async finish(
    id: string,
    outcome: { result: FluxActionRecord['result']; message?: string },
  ): Promise<FluxActionRecord> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        result: outcome.result,
        message: outcome.message ?? null,
        finished_at: new Date(),
      });
    const row = await this.db<Row>(TABLE).where({ id }).first();
    if (!row) throw new Error(`No Flux action ${id}`);
    return toRecord(row);
  }

  /** The most recent actions on an entity's objects, newest first. */
  async list(entityRef: string, limit = 20): Promise<FluxActionRecord[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('seq', 'desc')
      .limit(limit);
    return rows.map(toRecord);
  }
}
