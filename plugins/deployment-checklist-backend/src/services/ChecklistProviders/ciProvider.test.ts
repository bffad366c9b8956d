import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { serviceEntity } from '../../__testUtils__/entities';
import { createCiProvider, versionRef } from './ciProvider';
import { providerContext } from './testContext';

const API = 'https://api.github.com/repos/ecommerce-platform/app-user-service';
const COMMIT = 'c71f2e8a4b5d6e7f8091a2b3c4d5e6f708192a3b';

function run(
  overrides: Partial<{
    id: number;
    name: string;
    path: string;
    workflow_id: number;
    status: string;
    conclusion: string | null;
    created_at: string;
  }> = {},
) {
  const id = overrides.id ?? 1;
  return {
    id,
    name: 'CI',
    path: '.github/workflows/ci.yaml',
    workflow_id: 10,
    run_attempt: 1,
    status: 'completed',
    conclusion: 'success',
    head_sha: COMMIT,
    html_url: `https://github.com/ecommerce-platform/app-user-service/actions/runs/${id}`,
    created_at: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

describe('ci provider', () => {
  const server = setupServer();
  const seen: Request[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());

  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
    }),
  );
  const provider = createCiProvider({
    integrations,
    credentials:
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
  });
  const context = (version: string) =>
    providerContext({ version, entity: serviceEntity('user-service') });

  /** GitHub knows `refs` (commit-ish -> sha) and these runs of COMMIT. */
  function github(refs: Record<string, string>, runs: unknown[]) {
    server.use(
      http.get(`${API}/commits/:ref`, ({ params, request }) => {
        seen.push(request);
        const sha = refs[params.ref as string];
        return sha
          ? HttpResponse.json({ sha })
          : HttpResponse.json(
              { message: `No commit found for SHA: ${params.ref}` },
              { status: 422 },
            );
      }),
      http.get(`${API}/actions/runs`, ({ request }) => {
        seen.push(request);
        const headSha = new URL(request.url).searchParams.get('head_sha');
        return HttpResponse.json({
          total_count: runs.length,
          workflow_runs: headSha === COMMIT ? runs : [],
        });
      }),
    );
  }

  it('reads the commit of a version: sha-<commit> or a tag', () => {
    expect(versionRef('sha-c71f2e8')).toBe('c71f2e8');
    expect(versionRef('v1.2.3')).toBe('v1.2.3');
  });

  it('passes when every workflow run of the build’s commit succeeded', async () => {
    github({ c71f2e8: COMMIT }, [
      run(),
      run({
        id: 2,
        name: 'Security',
        workflow_id: 11,
        path: '.github/workflows/security.yaml',
      }),
    ]);
    const outcome = await provider.check(
      { type: 'ci' },
      context('sha-c71f2e8'),
    );
    expect(outcome).toEqual({
      status: 'passed',
      evidence: {
        value: 'CI: success, Security: success',
        query: `GET /repos/ecommerce-platform/app-user-service/actions/runs?head_sha=${COMMIT}`,
        link: `https://github.com/ecommerce-platform/app-user-service/commit/${COMMIT}`,
      },
    });
    // With the integration's credentials.
    expect(seen[0].headers.get('authorization')).toContain('ghp_test');
  });

  it('resolves a release tag to its commit and fails on a failed run, linking it', async () => {
    github({ 'v1.2.3': COMMIT }, [
      run(),
      run({
        id: 7,
        name: 'E2E',
        path: '.github/workflows/e2e.yaml',
        workflow_id: 12,
        conclusion: 'failure',
      }),
    ]);
    const outcome = await provider.check({ type: 'ci' }, context('v1.2.3'));
    expect(new URL(seen[0].url).pathname).toBe(
      '/repos/ecommerce-platform/app-user-service/commits/v1.2.3',
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      evidence: {
        link: 'https://github.com/ecommerce-platform/app-user-service/actions/runs/7',
        error: 'failed: E2E: failure',
      },
    });
  });

  it('judges only the named workflow', async () => {
    github({ 'v1.2.3': COMMIT }, [
      run(),
      run({
        id: 7,
        name: 'E2E',
        path: '.github/workflows/e2e.yaml',
        workflow_id: 12,
        conclusion: 'failure',
      }),
    ]);
    const outcome = await provider.check(
      { type: 'ci', workflow: 'ci.yaml' },
      context('v1.2.3'),
    );
    expect(outcome.status).toBe('passed');
    expect(outcome.evidence.value).toBe('CI: success');
  });

  it('lets the latest run of a workflow decide (a re-run after a failure)', async () => {
    github({ 'v1.2.3': COMMIT }, [
      run({ id: 1, conclusion: 'failure', created_at: '2026-11-20T10:00:00Z' }),
      run({ id: 2, conclusion: 'success', created_at: '2026-11-20T11:00:00Z' }),
    ]);
    expect(
      (await provider.check({ type: 'ci' }, context('v1.2.3'))).status,
    ).toBe('passed');
  });

  it('is pending while a run is in progress, or before any run', async () => {
    github({ 'v1.2.3': COMMIT }, [
      run({ status: 'in_progress', conclusion: null }),
    ]);
    expect(
      await provider.check({ type: 'ci' }, context('v1.2.3')),
    ).toMatchObject({
      status: 'pending',
      evidence: { value: 'CI: in_progress' },
    });

    server.resetHandlers();
    github({ 'v1.2.3': COMMIT }, []);
    expect(
      await provider.check({ type: 'ci' }, context('v1.2.3')),
    ).toMatchObject({
      status: 'pending',
      evidence: { error: 'no workflow run for commit c71f2e8a4b5d yet' },
    });
  });

  it('fails when GitHub has no such tag', async () => {
    github({}, []);
    expect(
      await provider.check({ type: 'ci' }, context('v9.9.9')),
    ).toMatchObject({
      status: 'failed',
      evidence: {
        error:
          "ecommerce-platform/app-user-service has no commit or tag 'v9.9.9' for version v9.9.9",
      },
    });
  });

  it('throws (unknown for the caller) when GitHub refuses', async () => {
    server.use(
      http.get(`${API}/commits/:ref`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    await expect(
      provider.check({ type: 'ci' }, context('v1.2.3')),
    ).rejects.toThrow('GitHub answered 401 Unauthorized: Bad credentials');
  });

  it('is unknown without the github.com/project-slug annotation', async () => {
    const entity = serviceEntity('user-service');
    delete entity.metadata.annotations!['github.com/project-slug'];
    expect(
      await provider.check({ type: 'ci' }, providerContext({ entity })),
    ).toEqual({
      status: 'unknown',
      evidence: {
        error:
          'component:default/user-service has no github.com/project-slug annotation naming its repository',
      },
    });
  });
});
