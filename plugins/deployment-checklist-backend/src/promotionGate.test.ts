import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { ReleaseDetail } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  createChecklistAssertAction,
  createChecklistCreateAction,
} from '@goldenpath/plugin-scaffolder-backend-module-gitops';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import {
  ChecklistTestBackend,
  startChecklistBackend,
} from './__testUtils__/backend';
import { createTestDatabases } from '@goldenpath/test-harness';
import { serviceEntity } from './__testUtils__/entities';

jest.setTimeout(60_000);

const run = promisify(execFile);
const GITOPS_BIN = path.join(
  path.dirname(require.resolve('@goldenpath/gitops-cli/package.json')),
  'bin/gitops',
);
const databases = createTestDatabases();
const ENTITY = 'component:default/checkout-service';
const VERSION = 'v2.4.0';

/**
 * The promotion gate end to end: the scaffolder actions and the `gitops` CLI
 * (run as CI runs it) against the real backend.
 */
describe('promotion gate', () => {
  let backend: ChecklistTestBackend;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'checklist-gate-'));
    await fs.writeFile(
      path.join(dir, 'release.yaml'),
      [
        'name: Checkout release',
        'items:',
        '  - id: code-review-approved',
        '    phase: pre-deployment',
        '    title: Code review approved',
        '  - id: rollback-plan-documented',
        '    phase: pre-deployment',
        '    title: Rollback plan documented',
        '  - id: notify-team',
        '    phase: post-deployment',
        '    title: Notify team',
      ].join('\n'),
    );
    backend = await startChecklistBackend({
      knex: await databases.init('SQLITE_3'),
      owners: ['user:default/mock'],
      entities: [
        serviceEntity('checkout-service', {
          'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
          'goldenpath.dev/deployment-checklist': 'release.yaml',
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const actionOptions = () => ({
    discovery: {
      getBaseUrl: async () => backend.apiUrl,
      getExternalBaseUrl: async () => backend.apiUrl,
    },
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
  });

  const gitops = async (...argv: string[]) => {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [GITOPS_BIN, ...argv],
        {
          env: {
            ...process.env,
            GITOPS_PORTAL_URL: backend.apiUrl.replace(
              '/api/deployment-checklist',
              '',
            ),
            GITOPS_PORTAL_TOKEN: mockCredentials.service.token(),
          },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return {
        code: failed.code,
        stdout: failed.stdout,
        stderr: failed.stderr,
      };
    }
  };
  const assertArgs = [
    'checklist',
    'assert',
    '--entity',
    ENTITY,
    '--version',
    VERSION,
    '--phase',
    'pre-deployment',
  ];

  it('stays closed while items are open, and opens when they are done', async () => {
    // The template creates the release on behalf of the person running it.
    const create = createMockActionContext({
      input: { entityRef: ENTITY, version: VERSION },
    });
    await createChecklistCreateAction(actionOptions()).handler(create as any);
    expect(create.output).toHaveBeenCalledWith('created', true);

    // CI asks for the same release: it exists.
    const again = await gitops(
      'checklist',
      'create',
      '--entity',
      ENTITY,
      '--version',
      VERSION,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('created=false');

    const assertAction = createChecklistAssertAction(actionOptions());
    const closed = createMockActionContext({
      input: { entityRef: ENTITY, version: VERSION, phase: 'pre-deployment' },
    });
    await expect(assertAction.handler(closed as any)).rejects.toThrow(
      [
        `${ENTITY} ${VERSION}: pre-deployment is not complete; 2 open item(s):`,
        '- code-review-approved (Code review approved): open',
        '- rollback-plan-documented (Rollback plan documented): open',
      ].join('\n'),
    );
    const cliClosed = await gitops(...assertArgs);
    expect(cliClosed.code).toBe(1);
    expect(cliClosed.stderr).toContain(
      '  - code-review-approved (Code review approved): open\n  - rollback-plan-documented (Rollback plan documented): open',
    );

    // The owner ticks one and marks the other not applicable.
    const release: ReleaseDetail = (
      await request(backend.server)
        .get(`/api/deployment-checklist/releases`)
        .query({ entityRef: ENTITY })
        .set('authorization', mockCredentials.user.header())
    ).body[0];
    expect(release.createdBy).toBe('user:default/mock');
    for (const [itemId, body] of [
      ['code-review-approved', { action: 'tick', revision: 0 }],
      [
        'rollback-plan-documented',
        {
          action: 'not-applicable',
          comment: 'Stateless; redeploy',
          revision: 0,
        },
      ],
    ] as const) {
      const response = await request(backend.server)
        .post(
          `/api/deployment-checklist/releases/${release.id}/items/${itemId}`,
        )
        .set('authorization', mockCredentials.user.header())
        .send(body);
      expect(response.status).toBe(200);
    }

    const open = createMockActionContext({
      input: { entityRef: ENTITY, version: VERSION, phase: 'pre-deployment' },
    });
    await assertAction.handler(open as any);
    expect(open.output).toHaveBeenCalledWith('passed', true);
    const cliOpen = await gitops(...assertArgs);
    expect(cliOpen).toMatchObject({
      code: 0,
      stdout: `${ENTITY} ${VERSION}: pre-deployment is complete\n`,
    });
    // The other phase is still closed.
    const post = await gitops(...assertArgs.slice(0, -1), 'post-deployment');
    expect(post.code).toBe(1);
    expect(post.stderr).toContain('notify-team (Notify team): open');
  });
});
