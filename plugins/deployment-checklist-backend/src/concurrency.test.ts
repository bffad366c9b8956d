import { mockCredentials } from '@backstage/backend-test-utils';
import type { ReleaseDetail } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import request from 'supertest';
import {
  ChecklistTestBackend,
  startChecklistBackend,
} from './__testUtils__/backend';
import { createTestDatabases } from '@goldenpath/test-harness';
import { OWNER_USER, serviceEntity } from './__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const WRITERS = 50;
const ROUNDS = 4;
const ITEM = 'code-review-approved';
// Every writer is an owner: the race is about revisions, not rights.
const USERS = Array.from(
  { length: WRITERS },
  (_, i) => `user:default/owner-${i}`,
);

// Two replicas of the backend on one PostgreSQL, as production runs them.
(databases.supports('POSTGRES_15') ? describe : describe.skip)(
  'two backend replicas sharing one PostgreSQL',
  () => {
    let replicas: ChecklistTestBackend[] = [];

    beforeAll(async () => {
      const knex = await databases.init('POSTGRES_15');
      // Started one after the other: the second finds the schema migrated.
      for (let i = 0; i < 2; i++) {
        replicas.push(
          await startChecklistBackend({
            knex,
            entities: [serviceEntity('user-service')],
            owners: [OWNER_USER, ...USERS],
          }),
        );
      }
    });

    afterAll(async () => {
      await Promise.all(replicas.map(r => r.stop()));
      replicas = [];
    });

    it(`lets exactly one of ${WRITERS} simultaneous writers win each revision, and audits every win`, async () => {
      const created = await request(replicas[0].server)
        .post('/api/deployment-checklist/releases')
        .set('authorization', mockCredentials.user.header(OWNER_USER))
        .send({
          entityRef: 'component:default/user-service',
          version: 'v1.0.0',
        });
      expect(created.status).toBe(201);
      const release: ReleaseDetail = created.body;

      const winners: string[] = [];
      const [first, second] = replicas;
      for (let revision = 0; revision < ROUNDS; revision++) {
        const action = revision % 2 === 0 ? 'tick' : 'untick';
        const responses = await Promise.all(
          USERS.map((user, i) =>
            request((i % 2 ? second : first).server)
              .post(
                `/api/deployment-checklist/releases/${release.id}/items/${ITEM}`,
              )
              .set('authorization', mockCredentials.user.header(user))
              .send({ action, revision, comment: `by ${user}` }),
          ),
        );
        const statuses = responses.map(r => r.status);
        expect(statuses.filter(s => s === 200)).toHaveLength(1);
        expect(statuses.filter(s => s === 409)).toHaveLength(WRITERS - 1);
        const won = responses.find(r => r.status === 200)!;
        expect(won.body.revision).toBe(revision + 1);
        winners.push(won.body.updatedBy);
      }

      // Whichever replica answers, the item and its audit trail are the same.
      for (const replica of replicas) {
        const detail: ReleaseDetail = (
          await request(replica.server)
            .get(`/api/deployment-checklist/releases/${release.id}`)
            .set('authorization', mockCredentials.user.header())
        ).body;
        const item = detail.items.find(i => i.id === ITEM)!;
        expect(item).toMatchObject({
          revision: ROUNDS,
          status: 'open',
          updatedBy: winners.at(-1),
        });
        const trail = detail.audit.filter(a => a.itemId === ITEM);
        expect(trail.map(a => [a.action, a.from, a.to, a.actor])).toEqual(
          winners.map((winner, revision) =>
            revision % 2 === 0
              ? ['tick', 'open', 'done', winner]
              : ['untick', 'done', 'open', winner],
          ),
        );
        expect(trail.map(a => a.comment)).toEqual(
          winners.map(winner => `by ${winner}`),
        );
      }
    });

    it('creates a release once when both replicas are asked at the same moment', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(replicas[i % 2].server)
            .post('/api/deployment-checklist/releases')
            .set('authorization', mockCredentials.user.header(OWNER_USER))
            .send({
              entityRef: 'component:default/user-service',
              version: 'v2.0.0',
            }),
        ),
      );
      expect(responses.filter(r => r.status === 201)).toHaveLength(1);
      expect(responses.filter(r => r.status === 200)).toHaveLength(19);
      expect(new Set(responses.map(r => r.body.id)).size).toBe(1);
      expect(responses[0].body.items).toHaveLength(22);
    });
  },
);
