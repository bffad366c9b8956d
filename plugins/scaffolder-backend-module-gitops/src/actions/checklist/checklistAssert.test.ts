import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startChecklistApiDouble } from './checklistApiDouble';
import { createChecklistAssertAction } from './checklistAssert';

describe('checklist:assert', () => {
  let api: Awaited<ReturnType<typeof startChecklistApiDouble>>;
  beforeEach(async () => {
    api = await startChecklistApiDouble();
  });
  afterEach(() => api.close());

  const action = () =>
    createChecklistAssertAction({
      discovery: api.discovery,
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
  const input = {
    entityRef: 'component:default/user-service',
    version: 'v1.2.3',
    phase: 'pre-deployment',
  };
  const OPEN = [
    {
      id: 'code-review-approved',
      title: 'Code review approved',
      status: 'open' as const,
    },
    {
      id: 'ci-tests-passing',
      title: 'All tests passing in CI',
      status: 'failed' as const,
    },
  ];

  it('fails listing the open items', async () => {
    api.addRelease(input.entityRef, input.version, OPEN);
    const ctx = createMockActionContext({ input });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      [
        'component:default/user-service v1.2.3: pre-deployment is not complete; 2 open item(s):',
        '- code-review-approved (Code review approved): open',
        '- ci-tests-passing (All tests passing in CI): failed',
      ].join('\n'),
    );
    expect(api.requests[0].url).toBe(
      '/api/deployment-checklist/gate?entityRef=component%3Adefault%2Fuser-service&version=v1.2.3&phase=pre-deployment',
    );
    expect(ctx.output).toHaveBeenCalledWith('passed', false);
    expect(ctx.output).toHaveBeenCalledWith('openItems', [
      'code-review-approved',
      'ci-tests-passing',
    ]);
  });

  it('passes when the phase is complete', async () => {
    const release = api.addRelease(input.entityRef, input.version, []);
    const ctx = createMockActionContext({ input });
    await action().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('passed', true);
    expect(ctx.output).toHaveBeenCalledWith('releaseId', release.id);
  });

  it('reports open items without failing in a dry run', async () => {
    api.addRelease(input.entityRef, input.version, OPEN);
    const ctx = { ...createMockActionContext({ input }), isDryRun: true };
    await action().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('passed', false);
  });

  it('fails when the release does not exist', async () => {
    const ctx = createMockActionContext({ input });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      'The deployment checklist answered 404: no release v1.2.3 of component:default/user-service; create it first',
    );
  });

  it('refuses an unknown phase before asking', async () => {
    const ctx = createMockActionContext({
      input: { ...input, phase: 'launch' },
    });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      "phase 'launch' is not a phase; expected one of pre-deployment, deployment, post-deployment",
    );
    expect(api.requests).toEqual([]);
  });
});
