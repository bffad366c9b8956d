import { createGitopsImageSetAction } from './imageSet';
import {
  createWorkspace,
  mockContext,
  snapshot,
} from '../__testUtils__/gitopsWorkspace';

const OVERLAY = 'gitops/apps/user-service/overlays/dev/kustomization.yaml';

describe('gitops:image:set', () => {
  const action = createGitopsImageSetAction();
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(() => workspace.remove());

  it('pins the tag in the overlay and reports the previous one', async () => {
    const before = await workspace.read(OVERLAY);
    const ctx = mockContext(workspace.workspacePath, {
      repositoryPath: 'gitops',
      service: 'user-service',
      environment: 'dev',
      tag: 'sha-abcdef1',
    });
    await action.handler(ctx as any);
    expect(await workspace.read(OVERLAY)).toBe(
      before.replace('newTag: sha-8d41e07', 'newTag: sha-abcdef1'),
    );
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith('previousTag', 'sha-8d41e07');
    expect(ctx.output).toHaveBeenCalledWith(
      'file',
      'apps/user-service/overlays/dev/kustomization.yaml',
    );
  });

  it('changes nothing the second time', async () => {
    const input = {
      repositoryPath: 'gitops',
      service: 'user-service',
      environment: 'dev',
      tag: 'sha-abcdef1',
    };
    await action.handler(mockContext(workspace.workspacePath, input) as any);
    const after = await snapshot(workspace.workspacePath);
    const again = mockContext(workspace.workspacePath, input);
    await action.handler(again as any);
    expect(again.output).toHaveBeenCalledWith('changed', false);
    expect(await snapshot(workspace.workspacePath)).toEqual(after);
  });

  it('writes nothing in a dry run but says what it would change', async () => {
    const before = await snapshot(workspace.workspacePath);
    const ctx = mockContext(
      workspace.workspacePath,
      {
        repositoryPath: 'gitops',
        service: 'user-service',
        environment: 'prod',
        tag: 'v1.4.0',
      },
      { isDryRun: true },
    );
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith('previousTag', 'v1.2.3');
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });

  it('rejects bad input naming it, and writes nothing', async () => {
    const before = await snapshot(workspace.workspacePath);
    const run = (input: Record<string, string>) =>
      action.handler(
        mockContext(workspace.workspacePath, {
          repositoryPath: 'gitops',
          service: 'user-service',
          environment: 'dev',
          tag: 'sha-abcdef1',
          ...input,
        }) as any,
      );
    await expect(run({ tag: 'latest' })).rejects.toThrow(
      "tag 'latest' is not allowed in dev",
    );
    await expect(run({ service: 'billing' })).rejects.toThrow(
      "Unknown service 'billing'",
    );
    await expect(run({ environment: 'qa' })).rejects.toThrow(
      "Unknown environment 'qa'; expected one of: dev, staging, prod",
    );
    await expect(run({ repositoryPath: '../..' })).rejects.toThrow(
      "repositoryPath '../..' is outside the task workspace",
    );
    await expect(run({ repositoryPath: 'nowhere' })).rejects.toThrow(
      "repositoryPath 'nowhere' is not a folder in the task workspace",
    );
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });
});
