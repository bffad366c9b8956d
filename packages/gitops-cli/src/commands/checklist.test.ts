import type { GateResult } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { run } from '../cli';

/**
 * A loopback stand-in for the portal's deployment checklist API: one release
 * of user-service v1.2.3 whose gate has `openItems`. (The real backend runs
 * this CLI against itself in deployment-checklist-backend's tests.)
 */
describe('gitops checklist', () => {
  let server: http.Server;
  let portalUrl: string;
  let openItems: GateResult['openItems'];
  const seen: Array<{
    method?: string;
    url?: string;
    authorization?: string;
    body: string;
  }> = [];

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body,
      });
      const url = new URL(req.url!, 'http://portal');
      const json = (status: number, value: unknown) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(value));
      if (url.pathname === '/api/deployment-checklist/releases') {
        const request = JSON.parse(body);
        json(request.version === 'v1.2.3' ? 200 : 201, {
          id: `release-${request.version}`,
          ...request,
          phases: [
            { phase: 'pre-deployment', total: 6, complete: 2, passed: false },
            { phase: 'deployment', total: 9, complete: 0, passed: false },
            { phase: 'post-deployment', total: 7, complete: 0, passed: false },
          ],
          items: [],
          audit: [],
        });
      } else if (
        url.pathname === '/api/deployment-checklist/gate' &&
        url.searchParams.get('version') === 'v1.2.3'
      ) {
        json(200, {
          releaseId: 'release-v1.2.3',
          entityRef: url.searchParams.get('entityRef'),
          version: 'v1.2.3',
          phase: url.searchParams.get('phase'),
          passed: openItems.length === 0,
          openItems,
        });
      } else {
        json(404, {
          error: {
            name: 'NotFoundError',
            message: `no release ${url.searchParams.get(
              'version',
            )} of ${url.searchParams.get('entityRef')}; create it first`,
          },
        });
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
    openItems = [];
  });

  async function gitops(argv: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, {
      io: { log: l => out.push(l), error: l => err.push(l) },
      env: {
        GITOPS_PORTAL_URL: portalUrl,
        GITOPS_PORTAL_TOKEN: 'ci-token',
        ...env,
      },
      cwd: process.cwd(),
    });
    return { code, out, err };
  }

  const ASSERT = [
    'checklist',
    'assert',
    '--entity',
    'component:default/user-service',
    '--version',
    'v1.2.3',
    '--phase',
    'pre-deployment',
  ];

  it('creates a release with the token from the environment', async () => {
    const result = await gitops([
      'checklist',
      'create',
      '--entity',
      'component:default/user-service',
      '--version',
      'v1.3.0',
    ]);
    expect(result).toEqual({
      code: 0,
      out: ['releaseId=release-v1.3.0', 'created=true', 'pending=20'],
      err: [],
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/deployment-checklist/releases',
        authorization: 'Bearer ci-token',
        body: JSON.stringify({
          entityRef: 'component:default/user-service',
          version: 'v1.3.0',
        }),
      },
    ]);
  });

  it('exits 0 when the phase is complete', async () => {
    expect(await gitops(ASSERT)).toEqual({
      code: 0,
      out: [
        'component:default/user-service v1.2.3: pre-deployment is complete',
      ],
      err: [],
    });
  });

  it('exits non-zero listing the open items', async () => {
    openItems = [
      {
        id: 'code-review-approved',
        title: 'Code review approved',
        status: 'open',
      },
      {
        id: 'ci-tests-passing',
        title: 'All tests passing in CI',
        status: 'unknown',
      },
    ];
    const result = await gitops(ASSERT);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      [
        'error: component:default/user-service v1.2.3: pre-deployment is not complete; 2 open item(s):',
        '  - code-review-approved (Code review approved): open',
        '  - ci-tests-passing (All tests passing in CI): unknown',
      ].join('\n'),
    ]);
  });

  it('prints the gate as JSON and still fails when it is closed', async () => {
    openItems = [{ id: 'notify-team', title: 'Notify team', status: 'open' }];
    const result = await gitops([...ASSERT, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out[0])).toMatchObject({
      passed: false,
      openItems: [{ id: 'notify-team' }],
    });
  });

  it('fails with the portal’s reason when the release does not exist', async () => {
    const argv = [...ASSERT];
    argv[5] = 'v9.9.9';
    const result = await gitops(argv);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'error: The portal answered 404: no release v9.9.9 of component:default/user-service; create it first',
    ]);
  });

  it('refuses an unknown phase and a missing token before calling the portal', async () => {
    const badPhase = [...ASSERT];
    badPhase[7] = 'launch';
    expect((await gitops(badPhase)).err).toEqual([
      "error: --phase 'launch' is not a phase; expected one of pre-deployment, deployment, post-deployment",
    ]);
    const noToken = await gitops(ASSERT, { GITOPS_PORTAL_TOKEN: '' });
    expect(noToken.code).toBe(1);
    expect(noToken.err[0]).toMatch(/^error: GITOPS_PORTAL_TOKEN is not set/);
    expect(seen).toEqual([]);
  });
});
