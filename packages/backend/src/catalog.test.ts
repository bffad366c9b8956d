import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleFilePlaceholders } from './modules/catalogFilePlaceholders';
import { createTestDatabases } from '@goldenpath/test-harness';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const PLATFORM_COMPONENTS = [
  'cart-service',
  'frontend',
  'notification-service',
  'order-service',
  'payment-service',
  'product-catalog',
  'search-service',
  'user-service',
];

jest.setTimeout(120_000);

async function startCatalog(
  knex: Awaited<
    ReturnType<ReturnType<typeof createTestDatabases>['init']>
  > | null,
  catalogFile: string,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      catalogModuleFilePlaceholders,
      catalogModuleUnprocessedEntities,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Domain',
                  'Group',
                  'User',
                  'Template',
                ],
              },
            ],
            locations: [{ type: 'file', target: catalogFile }],
            processingInterval: { seconds: 1 },
          },
        },
      }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
}

async function entities(backend: TestBackend): Promise<Entity[]> {
  const res = await request(backend.server).get('/api/catalog/entities');
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until every location has been read and the catalog stops growing. */
async function settledEntities(backend: TestBackend): Promise<Entity[]> {
  let previous = -1;
  let stableRounds = 0;
  for (let i = 0; i < 120; i++) {
    const current = await entities(backend);
    stableRounds = current.length === previous ? stableRounds + 1 : 0;
    previous = current.length;
    if (stableRounds >= 4 && current.length > 0) {
      return current;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('the catalog did not settle within 60 seconds');
}

/**
 * Every processing error the portal would show: errors on stored entities,
 * and entities that failed processing and so were never stored (the
 * "Unprocessed entities" view).
 */
async function processingErrors(
  backend: TestBackend,
  all: Entity[],
): Promise<string[]> {
  const onEntities = all.flatMap(e =>
    ((e as any).status?.items ?? [])
      .filter((item: any) => item.level === 'error')
      .map(
        (item: any) =>
          `${e.kind}:${e.metadata.name}: ${
            item.error?.message ?? item.message
          }`,
      ),
  );
  const unprocessed: string[] = [];
  for (const reason of ['failed', 'pending']) {
    const res = await request(backend.server).get(
      `/api/catalog/entities/unprocessed/${reason}`,
    );
    expect(res.status).toBe(200);
    for (const e of res.body.entities as any[]) {
      const name = e.entity_ref ?? e.unprocessed_entity?.metadata?.name;
      for (const error of e.errors ?? []) {
        unprocessed.push(`${name}: ${error.message}`);
      }
    }
  }
  return [...onEntities, ...unprocessed];
}

const databases = createTestDatabases();

describe('the platform catalog in catalog-info.yaml', () => {
  it.each(databases.eachSupportedId())(
    'loads with zero processing errors on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startCatalog(
        knex,
        path.join(REPO_ROOT, 'catalog-info.yaml'),
      );
      try {
        const all = await settledEntities(backend);
        expect(await processingErrors(backend, all)).toEqual([]);

        const byKind = (kind: string) =>
          all.filter(e => e.kind === kind).map(e => e.metadata.name);
        expect(byKind('Domain')).toContain('ecommerce');
        expect(byKind('System')).toContain('ecommerce-platform');

        const platform = all
          .filter(
            e =>
              e.kind === 'Component' && e.spec?.system === 'ecommerce-platform',
          )
          .map(e => e.metadata.name)
          .sort();
        expect(platform).toEqual(PLATFORM_COMPONENTS);

        for (const name of PLATFORM_COMPONENTS) {
          const component = all.find(
            e => e.kind === 'Component' && e.metadata.name === name,
          )!;
          expect(component.metadata.annotations).toMatchObject({
            'backstage.io/kubernetes-id': name,
            'github.com/project-slug': `ecommerce-platform/app-${name}`,
          });
          expect(component.spec).toMatchObject({
            lifecycle: expect.any(String),
            owner: expect.any(String),
          });
        }

        // Every backend service provides an API with an OpenAPI definition.
        const apis = all.filter(e => e.kind === 'API');
        for (const name of PLATFORM_COMPONENTS.filter(n => n !== 'frontend')) {
          const api = apis.find(a => a.metadata.name === `${name}-api`);
          expect(api?.spec?.type).toBe('openapi');
          expect(String(api?.spec?.definition)).toMatch(/^openapi: 3\./m);
        }

        expect(byKind('Resource')).toEqual(
          expect.arrayContaining([
            'user-service-db',
            'ecommerce-sessions-cache',
            'product-images-bucket',
            'order-processing-queue',
            'order-processing-dlq',
            'ecommerce-dev-cluster',
            'ecommerce-staging-cluster',
            'ecommerce-prod-cluster',
          ]),
        );
        expect(byKind('Group')).toContain('platform-team');
        expect(byKind('Component')).toContain('developer-portal');

        // The local guest signs in as a member of platform-team.
        const guest = all.find(
          e => e.kind === 'User' && e.metadata.name === 'guest',
        );
        expect(guest?.spec?.memberOf).toContain('platform-team');
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('a malformed entity in a catalog file', () => {
  it('shows up as a processing error while every other entity loads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: team-a }',
        'spec: { type: team, children: [] }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: good-service }',
        'spec: { type: service, lifecycle: production, owner: team-a }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: Not_A_Valid_Name! }',
        'spec: { type: service, lifecycle: production, owner: team-a }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: other-good-service }',
        'spec: { type: service, lifecycle: production, owner: team-a }',
        '',
      ].join('\n'),
    );
    const backend = await startCatalog(null, file);
    try {
      const all = await settledEntities(backend);
      const names = all.map(e => e.metadata.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'team-a',
          'good-service',
          'other-good-service',
        ]),
      );
      expect(names).not.toContain('Not_A_Valid_Name!');
      const errors = await processingErrors(backend, all);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Not_A_Valid_Name!/);
    } finally {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
