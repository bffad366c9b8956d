import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import type {
  ChecklistItem,
  GateResult,
  Release,
  ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import type { FluxEntityStatus } from '@goldenpath/backstage-plugin-flux-common';
import { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  ChecklistTestBackend,
  startChecklistBackend,
} from './__testUtils__/backend';
import { githubCiHandlers } from './__testUtils__/github';
import { createTestDatabases } from '@goldenpath/test-harness';
import {
  OUTSIDER_USER,
  OWNER_GROUP,
  OWNER_USER,
  serviceEntity,
} from './__testUtils__/entities';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const owner = mockCredentials.user.header(OWNER_USER);
const outsider = mockCredentials.user.header(OUTSIDER_USER);
/** A user the catalog shows no entity to. */
const HIDDEN_FROM_USER = 'user:default/eve';
const USER_SERVICE = 'component:default/user-service';
const COMMIT = 'c71f2e8a4b5d6e7f8091a2b3c4d5e6f708192a3b';
const MANUAL_PRE_DEPLOYMENT = [
  'security-scans-clean',
  'code-review-approved',
  'documentation-updated',
  'database-migrations-tested',
  'rollback-plan-documented',
];

/** The Flux backend and GitHub, as this test wants them to answer. */
const remote = {
  devTag: 'v1.2.3',
  ciConclusion: 'success',
};
const mswServer = setupServer(
  http.get('*/api/flux/entity/:namespace/:kind/:name/status', ({ params }) =>
    HttpResponse.json({
      entityRef: `${params.kind}:${params.namespace}/${params.name}`,
      selector: `backstage.io/kubernetes-id=${params.name}`,
      environments: (['dev', 'staging', 'prod'] as const).map(environment => ({
        environment,
        cluster: `ecommerce-${environment}-cluster`,
        readiness: 'ready',
        suspended: false,
        drift: false,
        deployed: {
          image: `ghcr.io/ecommerce-platform/${params.name}`,
          tag: environment === 'dev' ? remote.devTag : 'v1.0.0',
        },
        objects: [],
      })),
      actions: [],
      refreshedAt: {},
    } satisfies FluxEntityStatus),
  ),
  // What GitHub's URL reader fetches for a file of a repository.
  http.get('https://api.github.com/repos/:owner/:repo/contents/:path', () =>
    HttpResponse.text(
      '# Changelog\n\n## [1.2.3] - 2026-11-20\n- Faster sign-in\n',
    ),
  ),
  ...githubCiHandlers({
    commitOf: () => COMMIT,
    conclusion: () => remote.ciConclusion,
  }),
);

// The test backend itself is reached over loopback; nothing else leaves.
beforeAll(() =>
  mswServer.listen({
    onUnhandledRequest(req, print) {
      const { hostname } = new URL(req.url);
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') print.error();
    },
  }),
);
afterEach(() => {
  remote.devTag = 'v1.2.3';
  remote.ciConclusion = 'success';
});
afterAll(() => mswServer.close());

const CONFIG = {
  integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
};

describe.each(databases.eachSupportedId())(
  'deployment checklist API on %p',
  (databaseId: TestDatabaseId) => {
    let backend: ChecklistTestBackend;
    let knex: Knex;
    let dir: string;

    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'checklist-api-'));
      knex = await databases.init(databaseId);
      backend = await startChecklistBackend({
        knex,
        config: CONFIG,
        cannotRead: [HIDDEN_FROM_USER],
        entities: [
          serviceEntity('user-service'),
          serviceEntity('cart-service', {
            'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
            'goldenpath.dev/deployment-checklist': 'checklists/cart.yaml',
          }),
        ],
      });
    });

    afterAll(async () => {
      await backend?.stop();
      await fs.rm(dir, { recursive: true, force: true });
    });

    const api = () => request(backend.server);

    const createRelease = async (version: string, entityRef = USER_SERVICE) =>
      api()
        .post('/api/deployment-checklist/releases')
        .set('authorization', owner)
        .send({ entityRef, version });

    const update = (
      release: ReleaseDetail,
      itemId: string,
      body: Record<string, unknown>,
      as = owner,
    ) =>
      api()
        .post(
          `/api/deployment-checklist/releases/${release.id}/items/${itemId}`,
        )
        .set('authorization', as)
        .send(body);

    const tickAll = async (release: ReleaseDetail, ids: string[]) => {
      for (const id of ids) {
        const item = release.items.find(i => i.id === id)!;
        const response = await update(release, id, {
          action: 'tick',
          revision: item.revision,
        });
        expect(response.status).toBe(200);
      }
    };

    const gate = (version: string, phase: string) =>
      api()
        .get('/api/deployment-checklist/gate')
        .query({ entityRef: USER_SERVICE, version, phase })
        .set('authorization', mockCredentials.service.header());

    it('creates a release from the default checklist, once', async () => {
      const created = await createRelease('v1.0.0');
      expect(created.status).toBe(201);
      const release: ReleaseDetail = created.body;
      expect(release).toMatchObject({
        entityRef: USER_SERVICE,
        version: 'v1.0.0',
        createdBy: OWNER_USER,
        definition: {
          name: 'Complete deployment checklist',
          source: 'default',
        },
        phases: [
          { phase: 'pre-deployment', total: 6, complete: 0, passed: false },
          { phase: 'deployment', total: 9, complete: 0, passed: false },
          { phase: 'post-deployment', total: 7, complete: 0, passed: false },
        ],
      });
      expect(release.items).toHaveLength(22);
      expect(release.items.find(i => i.id === 'code-review-approved')).toEqual({
        id: 'code-review-approved',
        phase: 'pre-deployment',
        title: 'Code review approved',
        status: 'open',
        revision: 0,
      });
      expect(release.items.find(i => i.id === 'deploy-prod')).toMatchObject({
        provider: 'flux',
        status: 'pending',
      });
      expect(release.audit).toEqual([
        expect.objectContaining({
          action: 'create-release',
          actor: OWNER_USER,
        }),
      ]);

      const again = await createRelease('v1.0.0');
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(release.id);
    });

    it('rejects bad release requests, naming what is wrong', async () => {
      expect(
        (await createRelease('v1.0.0', 'component:default/ghost')).body,
      ).toMatchObject({
        error: {
          name: 'NotFoundError',
          message:
            'component:default/ghost is not in the catalog; register it before creating a release',
        },
      });
      const badRef = await createRelease('v1.0.0', 'user-service');
      expect(badRef.status).toBe(400);
      expect(badRef.body.error.message).toContain(
        "entityRef 'user-service' is not an entity reference",
      );
      const badVersion = await createRelease('v1 .0');
      expect(badVersion.status).toBe(400);
      const missing = await api()
        .post('/api/deployment-checklist/releases')
        .set('authorization', owner)
        .send({ entityRef: USER_SERVICE });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(
        /^Invalid release request: version: /,
      );
      const anonymous = await api()
        .post('/api/deployment-checklist/releases')
        .set('authorization', mockCredentials.none.header())
        .send({ entityRef: USER_SERVICE, version: 'v1.0.0' });
      expect(anonymous.status).toBe(401);
    });

    it('lists an entity’s releases newest first, and reads one', async () => {
      await createRelease('v1.1.0');
      await createRelease('v1.2.0');
      const list = await api()
        .get('/api/deployment-checklist/releases')
        .query({ entityRef: 'Component:default/User-Service' })
        .set('authorization', mockCredentials.user.header());
      expect(list.status).toBe(200);
      expect(list.body.map((r: { version: string }) => r.version)).toEqual([
        'v1.2.0',
        'v1.1.0',
        'v1.0.0',
      ]);
      expect(list.body[0].phases).toHaveLength(3);
      expect(list.body[0]).not.toHaveProperty('items');

      const one = await api()
        .get(`/api/deployment-checklist/releases/${list.body[0].id}`)
        .set('authorization', mockCredentials.user.header());
      expect(one.body).toMatchObject({
        version: 'v1.2.0',
        items: expect.any(Array),
      });

      const missing = await api()
        .get('/api/deployment-checklist/releases/no-such-release')
        .set('authorization', mockCredentials.user.header());
      expect(missing.status).toBe(404);
      const noEntity = await api()
        .get('/api/deployment-checklist/releases')
        .set('authorization', mockCredentials.user.header());
      expect(noEntity.status).toBe(400);
    });

    it('opens and re-checks releases for the owners and for service tokens (CI) only', async () => {
      backend.asked.length = 0;
      const refused = await api()
        .post('/api/deployment-checklist/releases')
        .set('authorization', outsider)
        .send({ entityRef: USER_SERVICE, version: 'v7.0.0' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `only the owners of ${USER_SERVICE} (${OWNER_GROUP}) may open its releases; ${OUTSIDER_USER} is not one of them`,
      );
      const listed = await api()
        .get('/api/deployment-checklist/releases')
        .query({ entityRef: USER_SERVICE })
        .set('authorization', owner);
      expect(listed.body.map((r: Release) => r.version)).not.toContain(
        'v7.0.0',
      );

      // CI's `gitops checklist create` uses a service token.
      const byCi = await api()
        .post('/api/deployment-checklist/releases')
        .set('authorization', mockCredentials.service.header())
        .send({ entityRef: USER_SERVICE, version: 'v7.0.0' });
      expect(byCi.status).toBe(201);

      const recheck = await api()
        .post(`/api/deployment-checklist/releases/${byCi.body.id}/evaluate`)
        .set('authorization', outsider);
      expect(recheck.status).toBe(403);
      expect(recheck.body.error.message).toBe(
        `only the owners of ${USER_SERVICE} (${OWNER_GROUP}) may check its releases again; ${OUTSIDER_USER} is not one of them`,
      );
      expect(backend.asked).toEqual([
        {
          permission: 'deployment-checklist.release.create',
          resourceRef: USER_SERVICE,
          principal: OUTSIDER_USER,
        },
        {
          permission: 'deployment-checklist.release.create',
          resourceRef: USER_SERVICE,
          principal: 'service',
        },
        {
          permission: 'deployment-checklist.release.evaluate',
          resourceRef: USER_SERVICE,
          principal: OUTSIDER_USER,
        },
      ]);
    });

    it('shows nothing of an entity to a user the catalog does not let read it', async () => {
      const release: ReleaseDetail = (await createRelease('v1.9.0')).body;
      const hidden = mockCredentials.user.header(HIDDEN_FROM_USER);

      const list = await api()
        .get('/api/deployment-checklist/releases')
        .query({ entityRef: USER_SERVICE })
        .set('authorization', hidden);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([]);
      const one = await api()
        .get(`/api/deployment-checklist/releases/${release.id}`)
        .set('authorization', hidden);
      expect(one.status).toBe(404);
      expect(one.body.error.message).toBe(`no release with id '${release.id}'`);
      const gateAnswer = await api()
        .get('/api/deployment-checklist/gate')
        .query({
          entityRef: USER_SERVICE,
          version: 'v1.9.0',
          phase: 'deployment',
        })
        .set('authorization', hidden);
      expect(gateAnswer.status).toBe(404);

      // Anyone else who may read it, and services (CI), see it.
      for (const reader of [outsider, mockCredentials.service.header()]) {
        const seen = await api()
          .get(`/api/deployment-checklist/releases/${release.id}`)
          .set('authorization', reader);
        expect(seen.status).toBe(200);
      }
    });

    it('lets an owner tick, untick and mark not applicable, with an audit trail', async () => {
      const release: ReleaseDetail = (await createRelease('v2.0.0')).body;
      const ticked = await update(release, 'code-review-approved', {
        action: 'tick',
        comment: 'PR #42 approved',
        revision: 0,
      });
      expect(ticked.status).toBe(200);
      expect(ticked.body).toMatchObject({
        status: 'done',
        revision: 1,
        updatedBy: OWNER_USER,
        comment: 'PR #42 approved',
        updatedAt: expect.any(String),
      });
      const unticked = await update(release, 'code-review-approved', {
        action: 'untick',
        revision: 1,
      });
      expect(unticked.body).toMatchObject({ status: 'open', revision: 2 });
      const na = await update(release, 'database-migrations-tested', {
        action: 'not-applicable',
        comment: 'No database',
        revision: 0,
      });
      expect(na.body).toMatchObject({
        status: 'not-applicable',
        comment: 'No database',
      });

      const detail: ReleaseDetail = (
        await api()
          .get(`/api/deployment-checklist/releases/${release.id}`)
          .set('authorization', outsider)
      ).body;
      expect(
        detail.audit.map(a => [
          a.action,
          a.itemId,
          a.from,
          a.to,
          a.actor,
          a.comment,
        ]),
      ).toEqual([
        [
          'create-release',
          undefined,
          undefined,
          undefined,
          OWNER_USER,
          undefined,
        ],
        [
          'tick',
          'code-review-approved',
          'open',
          'done',
          OWNER_USER,
          'PR #42 approved',
        ],
        [
          'untick',
          'code-review-approved',
          'done',
          'open',
          OWNER_USER,
          undefined,
        ],
        [
          'not-applicable',
          'database-migrations-tested',
          'open',
          'not-applicable',
          OWNER_USER,
          'No database',
        ],
      ]);
      expect(detail.phases[0]).toMatchObject({ complete: 1, total: 6 });
    });

    it('refuses stale, unauthorised and invalid changes, changing nothing', async () => {
      const release: ReleaseDetail = (await createRelease('v2.1.0')).body;
      await update(release, 'code-review-approved', {
        action: 'tick',
        revision: 0,
      });

      const stale = await update(release, 'code-review-approved', {
        action: 'untick',
        revision: 0,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain(
        `was changed by ${OWNER_USER} (revision 1, you sent 0)`,
      );

      const notOwner = await update(
        release,
        'documentation-updated',
        { action: 'tick', revision: 0 },
        outsider,
      );
      expect(notOwner.status).toBe(403);
      expect(notOwner.body.error.message).toBe(
        `only the owners of ${USER_SERVICE} (${OWNER_GROUP}) may change its checklist items; ${OUTSIDER_USER} is not one of them`,
      );
      expect(backend.asked.at(-1)).toEqual({
        permission: 'deployment-checklist.item.update',
        resourceRef: USER_SERVICE,
        principal: OUTSIDER_USER,
      });

      const noReason = await update(release, 'documentation-updated', {
        action: 'not-applicable',
        comment: '  ',
        revision: 0,
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toBe(
        "marking 'documentation-updated' not applicable needs a comment giving the reason",
      );

      const automatic = await update(release, 'deploy-prod', {
        action: 'tick',
        revision: 0,
      });
      expect(automatic.status).toBe(400);
      expect(automatic.body.error.message).toContain(
        "item 'deploy-prod' is checked automatically (flux)",
      );

      const unknownItem = await update(release, 'no-such-item', {
        action: 'tick',
        revision: 0,
      });
      expect(unknownItem.status).toBe(404);

      const badBody = await update(release, 'documentation-updated', {
        action: 'approve',
        revision: -1,
      });
      expect(badBody.status).toBe(400);
      expect(badBody.body.error.message).toMatch(
        /^Invalid item update: action: .*; revision: /,
      );

      const service = await update(
        release,
        'documentation-updated',
        { action: 'tick', revision: 0 },
        mockCredentials.service.header(),
      );
      // Ticking is a person's act: a service token is refused.
      expect(service.status).toBe(403);

      const detail: ReleaseDetail = (
        await api()
          .get(`/api/deployment-checklist/releases/${release.id}`)
          .set('authorization', owner)
      ).body;
      expect(
        detail.items.find(i => i.id === 'code-review-approved'),
      ).toMatchObject({ status: 'done', revision: 1 });
      expect(
        detail.items.find(i => i.id === 'documentation-updated'),
      ).toMatchObject({ status: 'open', revision: 0 });
      expect(detail.audit).toHaveLength(2);
    });

    it('lets the owners waive an automatic item with a reason, which checks leave alone', async () => {
      const release: ReleaseDetail = (await createRelease('v1.2.4')).body;
      const ci = release.items.find(i => i.id === 'ci-tests-passing')!;
      const waived = await update(release, 'ci-tests-passing', {
        action: 'not-applicable',
        comment: 'CI of this service runs in Jenkins',
        revision: ci.revision,
      });
      expect(waived.status).toBe(200);
      expect(waived.body).toMatchObject({
        status: 'not-applicable',
        comment: 'CI of this service runs in Jenkins',
        updatedBy: OWNER_USER,
      });
      const evaluated = await api()
        .post(`/api/deployment-checklist/releases/${release.id}/evaluate`)
        .set('authorization', owner);
      const after = (evaluated.body.items as ChecklistItem[]).find(
        i => i.id === 'ci-tests-passing',
      )!;
      expect(after.status).toBe('not-applicable');
      // Taking the waiver back makes it wait for its next check.
      const back = await update(release, 'ci-tests-passing', {
        action: 'untick',
        revision: after.revision,
      });
      expect(back.status).toBe(200);
      expect(back.body.status).toBe('pending');
    });

    it('evaluates automatic items on demand, keeping their evidence', async () => {
      const release: ReleaseDetail = (await createRelease('v1.2.3')).body;
      const evaluated = await api()
        .post(`/api/deployment-checklist/releases/${release.id}/evaluate`)
        .set('authorization', owner);
      expect(evaluated.status).toBe(200);
      const items = new Map<string, ChecklistItem>(
        evaluated.body.items.map((i: ChecklistItem) => [i.id, i]),
      );
      expect(items.get('deploy-dev')).toMatchObject({
        status: 'passed',
        evidence: { value: 'v1.2.3 (ready)', checkedAt: expect.any(String) },
        updatedBy: OWNER_USER,
      });
      expect(items.get('deploy-staging')).toMatchObject({
        status: 'failed',
        evidence: {
          error:
            'ecommerce-staging-cluster runs ghcr.io/ecommerce-platform/user-service:v1.0.0, not v1.2.3',
        },
      });
      expect(items.get('ci-tests-passing')).toMatchObject({
        status: 'passed',
        evidence: { value: 'CI: success' },
      });
      // No Prometheus is configured: unknown, with the reason, never passed.
      expect(items.get('check-error-rates')).toMatchObject({
        status: 'unknown',
        evidence: {
          error:
            'no Prometheus is configured (deploymentChecklist.prometheus.baseUrl)',
        },
      });
      expect(items.get('update-changelog')).toMatchObject({
        status: 'passed',
        evidence: {
          value: '## [1.2.3] - 2026-11-20',
          link: 'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md',
        },
      });
      expect(
        evaluated.body.audit.filter(
          (a: { action: string }) => a.action === 'evaluate',
        ),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            itemId: 'deploy-dev',
            from: 'pending',
            to: 'passed',
            actor: OWNER_USER,
          }),
        ]),
      );
    });

    it('re-evaluates open releases on schedule', async () => {
      remote.devTag = 'v3.0.0';
      const release: ReleaseDetail = (await createRelease('v3.0.0')).body;
      await backend.scheduler.triggerTask('deployment-checklist:evaluate');
      const detail: ReleaseDetail = (
        await api()
          .get(`/api/deployment-checklist/releases/${release.id}`)
          .set('authorization', owner)
      ).body;
      expect(detail.items.find(i => i.id === 'deploy-dev')).toMatchObject({
        status: 'passed',
        updatedBy: 'system',
      });
    });

    it('gates a phase until its items are done, then notifies the owners once', async () => {
      const release: ReleaseDetail = (await createRelease('v4.0.0')).body;

      const closed = await gate('v4.0.0', 'pre-deployment');
      expect(closed.status).toBe(200);
      const result: GateResult = closed.body;
      expect(result).toMatchObject({
        releaseId: release.id,
        passed: false,
        phase: 'pre-deployment',
      });
      expect(result.openItems).toEqual([
        {
          id: 'ci-tests-passing',
          title: 'All tests passing in CI',
          status: 'pending',
        },
        ...MANUAL_PRE_DEPLOYMENT.map(id => ({
          id,
          title: expect.any(String),
          status: 'open',
        })),
      ]);

      await tickAll(release, MANUAL_PRE_DEPLOYMENT);
      expect((await gate('v4.0.0', 'pre-deployment')).body).toMatchObject({
        passed: false,
        openItems: [{ id: 'ci-tests-passing', status: 'pending' }],
      });
      expect(backend.sent).toHaveLength(0);

      await api()
        .post(`/api/deployment-checklist/releases/${release.id}/evaluate`)
        .set('authorization', owner);
      expect((await gate('v4.0.0', 'pre-deployment')).body).toMatchObject({
        passed: true,
        openItems: [],
      });
      expect(backend.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: USER_SERVICE },
          payload: expect.objectContaining({
            title: 'user-service v4.0.0: pre-deployment complete',
            link: `/catalog/default/component/user-service/release-checklist?release=${release.id}`,
            topic: 'deployment-checklist',
          }),
        },
      ]);

      // Completing the phase again after an untick does not notify again.
      const detail: ReleaseDetail = (
        await api()
          .get(`/api/deployment-checklist/releases/${release.id}`)
          .set('authorization', owner)
      ).body;
      const item = detail.items.find(i => i.id === 'code-review-approved')!;
      await update(release, item.id, {
        action: 'untick',
        revision: item.revision,
      });
      expect((await gate('v4.0.0', 'pre-deployment')).body.passed).toBe(false);
      await update(release, item.id, {
        action: 'tick',
        revision: item.revision + 1,
      });
      await api()
        .post(`/api/deployment-checklist/releases/${release.id}/evaluate`)
        .set('authorization', owner);
      expect(backend.sent).toHaveLength(1);

      const missing = await gate('v9.9.9', 'pre-deployment');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain(
        `no release v9.9.9 of ${USER_SERVICE}`,
      );
      expect((await gate('v4.0.0', 'launch')).status).toBe(400);
      backend.sent.length = 0;
    });

    it('creates releases from the entity’s own definition and rejects a bad one, keeping recorded releases', async () => {
      await fs.mkdir(path.join(dir, 'checklists'), { recursive: true });
      const file = path.join(dir, 'checklists/cart.yaml');
      await fs.writeFile(
        file,
        [
          'name: Cart release',
          'items:',
          '  - id: load-test',
          '    phase: deployment',
          '    title: Load test at Black Friday volume',
          '  - id: deploy-prod',
          '    phase: deployment',
          '    title: Runs in prod',
          '    provider: { type: flux, environment: prod }',
        ].join('\n'),
      );
      const created = await createRelease(
        'v1.0.0',
        'component:default/cart-service',
      );
      expect(created.status).toBe(201);
      expect(created.body.definition).toEqual({
        name: 'Cart release',
        source: file,
      });
      expect(created.body.items.map((i: ChecklistItem) => i.id)).toEqual([
        'load-test',
        'deploy-prod',
      ]);

      await fs.writeFile(
        file,
        [
          'name: Cart release',
          'items:',
          '  - id: load-test',
          '    phase: deployment',
          '    title: Load test',
          '  - id: deploy-prod',
          '    phase: deployment',
          '    title: Runs in prod',
          '    provider: { type: jenkins, job: deploy }',
        ].join('\n'),
      );
      const rejected = await createRelease(
        'v1.1.0',
        'component:default/cart-service',
      );
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.message).toBe(
        `${file}: items[1].provider.type: unknown provider 'jenkins', expected one of flux, ci, prometheus, git, http`,
      );

      const list = await api()
        .get('/api/deployment-checklist/releases')
        .query({ entityRef: 'component:default/cart-service' })
        .set('authorization', owner);
      expect(list.body.map((r: { version: string }) => r.version)).toEqual([
        'v1.0.0',
      ]);
      const kept = await api()
        .get(`/api/deployment-checklist/releases/${created.body.id}`)
        .set('authorization', owner);
      expect(kept.body.items).toHaveLength(2);
    });

    it('keeps releases across a restart of the backend', async () => {
      const release: ReleaseDetail = (await createRelease('v5.0.0')).body;
      await update(release, 'code-review-approved', {
        action: 'tick',
        revision: 0,
      });
      await backend.stop();
      backend = await startChecklistBackend({
        knex,
        config: CONFIG,
        entities: [serviceEntity('user-service')],
      });
      const after = await api()
        .get(`/api/deployment-checklist/releases/${release.id}`)
        .set('authorization', owner);
      expect(after.status).toBe(200);
      expect(
        after.body.items.find(
          (i: ChecklistItem) => i.id === 'code-review-approved',
        ),
      ).toMatchObject({ status: 'done', revision: 1, updatedBy: OWNER_USER });
      expect(after.body.audit).toHaveLength(2);
    });
  },
);
