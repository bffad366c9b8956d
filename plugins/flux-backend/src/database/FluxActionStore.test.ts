import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@goldenpath/test-harness';
import { FluxActionStore } from './FluxActionStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const action = {
  entityRef: 'component:default/user-service',
  cluster: 'ecommerce-prod-cluster',
  environment: 'prod' as const,
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'user-service',
  action: 'reconcile' as const,
  actor: 'user:default/amelia',
};

describe('FluxActionStore', () => {
  it.each(databases.eachSupportedId())(
    'records actions and lists them newest first, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await FluxActionStore.create(
        mockServices.database({ knex }),
      );

      const pending = await store.insert({ ...action, result: 'pending' });
      expect(pending.id).toMatch(/^[0-9a-f-]{36}$/);
      const denied = await store.insert({
        ...action,
        action: 'suspend',
        actor: 'user:default/mallory',
        result: 'denied',
        finishedAt: '2026-11-26T10:00:01.000Z',
        message: 'Only the owners may suspend',
      });
      await store.insert({
        ...action,
        entityRef: 'component:default/cart-service',
        name: 'cart-service',
        result: 'pending',
      });
      const finished = await store.finish(pending.id, {
        result: 'timeout',
        message: 'Flux did not handle the reconcile request',
      });

      expect(finished).toMatchObject({
        ...action,
        id: pending.id,
        result: 'timeout',
        message: 'Flux did not handle the reconcile request',
      });
      expect(Date.parse(finished.finishedAt!)).toBeGreaterThanOrEqual(
        Date.parse(finished.requestedAt),
      );
      expect(finished.requestedAt).toBe(pending.requestedAt);

      const listed = await store.list('component:default/user-service');
      expect(listed.map(a => [a.action, a.result, a.actor])).toEqual([
        ['suspend', 'denied', 'user:default/mallory'],
        ['reconcile', 'timeout', 'user:default/amelia'],
      ]);
      expect(listed[0]).toEqual(denied);
      expect(
        await store.list('component:default/user-service', 1),
      ).toHaveLength(1);
      expect(await store.list('component:default/nothing')).toEqual([]);

      // The migration can be rolled back.
      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@goldenpath/backstage-plugin-flux-backend',
            'migrations',
          ),
        },
        true,
      );
      expect(await knex.schema.hasTable('flux_actions')).toBe(false);
    },
  );
});
