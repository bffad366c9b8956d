import { mockCredentials } from '@backstage/backend-test-utils';
import type { Release } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  DirectoryFiles,
  GitopsRepository,
} from '@goldenpath/backstage-plugin-gitops-node';
import path from 'node:path';
import request from 'supertest';
import {
  ChecklistTestBackend,
  startChecklistBackend,
} from '../../__testUtils__/backend';
import { createTestDatabases } from '@goldenpath/test-harness';
import { serviceEntity } from '../../__testUtils__/entities';

jest.setTimeout(60_000);

// The platform's real desired state, read only.
const GITOPS_CONFIG = path.resolve(__dirname, '../../../../../gitops-config');
const INFRASTRUCTURE = path.resolve(__dirname, '../../../../../infrastructure');

const databases = createTestDatabases();

describe('release discovery from the dev overlays', () => {
  let backend: ChecklistTestBackend;

  beforeAll(async () => {
    backend = await startChecklistBackend({
      knex: await databases.init('SQLITE_3'),
      entities: [serviceEntity('order-service'), serviceEntity('user-service')],
      config: {
        goldenpath: {
          repositories: {
            gitopsConfig: GITOPS_CONFIG,
            infrastructure: INFRASTRUCTURE,
          },
        },
        deploymentChecklist: {},
      },
    });
  });
  afterAll(() => backend?.stop());

  const releases = async (service: string): Promise<Release[]> =>
    (
      await request(backend.server)
        .get('/api/deployment-checklist/releases')
        .query({ entityRef: `component:default/${service}` })
        .set('authorization', mockCredentials.user.header())
    ).body;

  it('creates, once, a release of the tag each catalogued service runs in dev', async () => {
    const gitops = new GitopsRepository(new DirectoryFiles(GITOPS_CONFIG));
    const devTag = async (service: string) =>
      (await gitops.deployment(service, 'dev')).image.tag;

    await backend.scheduler.triggerTask(
      'deployment-checklist:discover-releases',
    );
    await backend.scheduler.triggerTask(
      'deployment-checklist:discover-releases',
    );

    for (const service of ['order-service', 'user-service']) {
      const found = await releases(service);
      expect(found).toEqual([
        expect.objectContaining({
          entityRef: `component:default/${service}`,
          version: await devTag(service),
          createdBy: 'system',
          definition: expect.objectContaining({ source: 'default' }),
        }),
      ]);
      expect(found[0].version).toMatch(/^sha-[0-9a-f]{7,40}$/);
    }
    // Services the catalog does not know get no release.
    expect(await releases('cart-service')).toEqual([]);
  });
});
