import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '@goldenpath/test-harness';
import { ChecklistStore, NewItem } from './ChecklistStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ITEMS: NewItem[] = [
  {
    id: 'code-review-approved',
    phase: 'pre-deployment',
    title: 'Code review approved',
    status: 'open',
  },
  {
    id: 'deploy-dev',
    phase: 'deployment',
    title: 'Deploy to dev',
    provider: { type: 'flux', environment: 'dev' },
    status: 'pending',
  },
];

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await ChecklistStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

const release = (store: ChecklistStore, version = 'v1.0.0') =>
  store.createRelease({
    entityRef: 'component:default/user-service',
    version,
    actor: 'user:default/alice',
    definition: { name: 'Test', source: 'default' },
    items: ITEMS,
  });

describe('ChecklistStore', () => {
  it.each(databases.eachSupportedId())(
    'creates a release once, with its items and audit entry, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const first = await release(store);
      const again = await release(store);

      expect(first.created).toBe(true);
      expect(again).toEqual({ release: first.release, created: false });
      const items = await store.listItems([first.release.id]);
      expect(items.map(i => [i.id, i.status, i.revision])).toEqual([
        ['code-review-approved', 'open', 0],
        ['deploy-dev', 'pending', 0],
      ]);
      expect(items[1].providerSpec).toEqual({
        type: 'flux',
        environment: 'dev',
      });
      expect(await store.listAudit(first.release.id)).toEqual([
        expect.objectContaining({
          action: 'create-release',
          actor: 'user:default/alice',
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of many simultaneous creations create the release, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => release(store, 'v2.0.0')),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(new Set(results.map(r => r.release.id)).size).toBe(1);
      expect(await store.listItems([results[0].release.id])).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists an entity’s releases newest first, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      for (const version of ['v1.0.0', 'v1.1.0', 'v1.2.0']) {
        await release(store, version);
      }
      const releases = await store.listReleases(
        'component:default/user-service',
      );
      expect(releases.map(r => r.version)).toEqual([
        'v1.2.0',
        'v1.1.0',
        'v1.0.0',
      ]);
      expect(await store.listReleases('component:default/other')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'applies a write at the current revision and rejects a stale one, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const { release: r } = await release(store);
      const ticked = await store.updateItem({
        releaseId: r.id,
        itemId: 'code-review-approved',
        expectedRevision: 0,
        status: 'done',
        action: 'tick',
        actor: 'user:default/alice',
        comment: 'PR #12',
      });
      expect(ticked).toMatchObject({
        status: 'done',
        revision: 1,
        updatedBy: 'user:default/alice',
        comment: 'PR #12',
      });

      await expect(
        store.updateItem({
          releaseId: r.id,
          itemId: 'code-review-approved',
          expectedRevision: 0,
          status: 'open',
          action: 'untick',
          actor: 'user:default/bob',
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          'was changed by user:default/alice (revision 1, you sent 0)',
        ),
      });
      expect(await store.getItem(r.id, 'code-review-approved')).toMatchObject({
        status: 'done',
        revision: 1,
      });
      expect(
        (await store.listAudit(r.id)).map(a => [a.action, a.from, a.to]),
      ).toEqual([
        ['create-release', undefined, undefined],
        ['tick', 'open', 'done'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the audit trail insert-only in the database, on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const { release: r } = await release(store);
      // better-sqlite3 raises errors of the realm that first loaded it, which
      // Jest's toThrow does not recognise in later test files: match the message.
      const refused = {
        message: expect.stringContaining(
          'the checklist audit trail is insert-only',
        ),
      };
      await expect(
        knex('checklist_audit').update({ actor: 'someone else' }),
      ).rejects.toMatchObject(refused);
      await expect(knex('checklist_audit').delete()).rejects.toMatchObject(
        refused,
      );
      expect((await store.listAudit(r.id))[0].actor).toBe('user:default/alice');
    },
  );

  it.each(databases.eachSupportedId())(
    'records an evaluation only at the revision it read, auditing a status change, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const { release: r } = await release(store);
      const evidence = {
        value: 'v1.0.0 (ready)',
        checkedAt: '2026-01-01T00:00:00.000Z',
      };
      const record = (expectedRevision: number) =>
        store.recordEvaluation({
          releaseId: r.id,
          itemId: 'deploy-dev',
          expectedRevision,
          from: 'pending',
          status: 'passed',
          evidence,
          actor: 'system',
        });
      expect(await record(0)).toBe(true);
      expect(await record(0)).toBe(false);
      expect(await store.getItem(r.id, 'deploy-dev')).toMatchObject({
        status: 'passed',
        evidence,
        revision: 1,
      });
      expect((await store.listAudit(r.id)).at(-1)).toMatchObject({
        action: 'evaluate',
        itemId: 'deploy-dev',
        from: 'pending',
        to: 'passed',
        actor: 'system',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'grants a phase announcement once until it is given back, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const { release: r } = await release(store);
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.claimPhaseNotification(r.id, 'pre-deployment'),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      await store.releasePhaseNotification(r.id, 'pre-deployment');
      expect(await store.claimPhaseNotification(r.id, 'pre-deployment')).toBe(
        true,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again, on %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@goldenpath/backstage-plugin-deployment-checklist-backend',
        'migrations',
      );
      await knex.migrate.latest({ directory });
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('checklist_audit')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('checklist_audit')).toBe(true);
    },
  );
});
