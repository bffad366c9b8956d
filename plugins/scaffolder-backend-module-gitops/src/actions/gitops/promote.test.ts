import { createGitopsPromoteAction } from './promote';
import {
  createWorkspace,
  mockContext,
  snapshot,
} from '../__testUtils__/gitopsWorkspace';

describe('gitops:promote', () => {
  const action = createGitopsPromoteAction();
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(() => workspace.remove());

  it('runs the staging release in prod', async () => {
    const file = 'gitops/apps/order-service/overlays/prod/kustomization.yaml';
    const before = await workspace.read(file);
    const ctx = mockContext(workspace.workspacePath, {
      repositoryPath: 'gitops',
      service: 'order-service',
      from: 'staging',
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('to', 'prod');
    expect(ctx.output).toHaveBeenCalledWith('tag', 'v2.1.0');
    expect(ctx.output).toHaveBeenCalledWith('previousTag', 'v2.0.3');
    expect(await workspace.read(file)).toBe(
      before.replace('newTag: v2.0.3', 'newTag: v2.1.0'),
    );
  });

  it('needs the release tag of a dev build, and copies chosen config', async () => {
    const input = {
      repositoryPath: 'gitops',
      service: 'cart-service',
      from: 'dev',
    };
    await expect(
      action.handler(mockContext(workspace.workspacePath, input) as any),
    ).rejects.toThrow("dev tag 'sha-5e0a3d4' cannot run in staging");
    const ctx = mockContext(workspace.workspacePath, {
      ...input,
      releaseTag: 'v0.10.0',
      config: ['LOG_LEVEL'],
    });
    await action.handler(ctx as any);
    const overlay = await workspace.read(
      'gitops/apps/cart-service/overlays/staging/kustomization.yaml',
    );
    expect(overlay).toContain('newTag: v0.10.0');
    expect(overlay).toContain('- LOG_LEVEL=DEBUG');
    expect(overlay).not.toContain('- LOG_LEVEL=INFO');
  });

  it('does nothing in a dry run and refuses to promote past prod', async () => {
    const before = await snapshot(workspace.workspacePath);
    const ctx = mockContext(
      workspace.workspacePath,
      { repositoryPath: 'gitops', service: 'user-service', from: 'staging' },
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    await expect(
      action.handler(
        mockContext(workspace.workspacePath, {
          repositoryPath: 'gitops',
          service: 'user-service',
          from: 'prod',
        }) as any,
      ),
    ).rejects.toThrow("from 'prod' is the last environment");
    await expect(
      action.handler(
        mockContext(workspace.workspacePath, {
          repositoryPath: 'gitops',
          service: 'user-service',
          from: 'test',
        }) as any,
      ),
    ).rejects.toThrow(
      "from 'test' is not an environment; expected one of: dev, staging, prod",
    );
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });
});
