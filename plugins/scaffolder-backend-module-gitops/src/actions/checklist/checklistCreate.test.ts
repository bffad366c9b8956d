import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { checkpointStore } from '../git/__testUtils__/gitFixtures';
import { startChecklistApiDouble } from './checklistApiDouble';
import { createChecklistCreateAction } from './checklistCreate';

describe('checklist:create', () => {
  let api: Awaited<ReturnType<typeof startChecklistApiDouble>>;
  beforeEach(async () => {
    api = await startChecklistApiDouble();
  });
  afterEach(() => api.close());

  const action = () =>
    createChecklistCreateAction({
      discovery: api.discovery,
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
  const input = {
    entityRef: 'component:default/user-service',
    version: 'v1.2.3',
  };

  it('creates the release on behalf of whoever started the task', async () => {
    const ctx = createMockActionContext({ input });
    await action().handler(ctx as any);
    expect(api.requests).toEqual([
      {
        method: 'POST',
        url: '/api/deployment-checklist/releases',
        authorization: expect.stringMatching(/^Bearer mock-service-token/),
        body: input,
      },
    ]);
    const token = decodeURIComponent(api.requests[0].authorization!);
    expect(token).toContain('"obo":"user:default/mock"');
    expect(token).toContain('"target":"deployment-checklist"');
    expect(ctx.output).toHaveBeenCalledWith('releaseId', 'release-1');
    expect(ctx.output).toHaveBeenCalledWith('created', true);
    expect(ctx.output).toHaveBeenCalledWith('pending', 3);
  });

  it('reports an existing release as not created', async () => {
    api.addRelease(input.entityRef, input.version);
    const ctx = createMockActionContext({ input });
    await action().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('created', false);
    expect(api.releases).toHaveLength(1);
  });

  it('does not create it again when a retried task passes the step again', async () => {
    const checkpoints = checkpointStore();
    for (let attempt = 0; attempt < 2; attempt++) {
      const ctx = {
        ...createMockActionContext({ input }),
        checkpoint: checkpoints.checkpoint,
      };
      await action().handler(ctx as any);
    }
    expect(api.requests.filter(r => r.method === 'POST')).toHaveLength(1);
  });

  it('creates nothing in a dry run', async () => {
    const ctx = { ...createMockActionContext({ input }), isDryRun: true };
    await action().handler(ctx as any);
    expect(api.requests.map(r => r.method)).toEqual(['GET']);
    expect(api.releases).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it('fails with the backend’s reason', async () => {
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/ghost', version: 'v1.0.0' },
    });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      'The deployment checklist answered 404: component:default/ghost is not in the catalog; register it before creating a release',
    );
  });
});
