import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGitCloneAction } from './gitClone';
import { checkoutFiles, isLazyCheckout } from './lazyCheckout';
import {
  captureLogger,
  checkpointStore,
  createRemote,
  createSandbox,
  filesIn,
  git,
  runAction,
  serveOverHttp,
  snapshot,
} from './__testUtils__/gitFixtures';

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('git:clone', () => {
  const action = createGitCloneAction();
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  let remote: string;
  let seeded: string;

  beforeEach(async () => {
    sandbox = await createSandbox();
    remote = path.join(sandbox.remotes, 'gitops-config.git');
    seeded = await createRemote(remote, {
      'apps/user-service/kustomization.yaml': 'resources: []\n',
      'README.md': '# gitops\n',
    });
  });
  afterEach(() => sandbox.remove());

  const clone = (
    input: Partial<Parameters<typeof action.handler>[0]['input']> = {},
    options: Partial<Parameters<typeof runAction>[2]> = {},
  ) =>
    runAction(
      action,
      { repoUrl: remote, targetPath: 'gitops', ...input },
      { workspacePath: sandbox.workspacePath, ...options },
    );

  /** Another user pushes a commit to the remote's main. */
  async function pushToRemote(files: Record<string, string>) {
    const work = path.join(sandbox.root, 'other-user');
    await fs.rm(work, { recursive: true, force: true });
    git(sandbox.root, 'clone', '-q', remote, work);
    await sandbox.write(files, work);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'Another change');
    git(work, 'push', '-q', 'origin', 'main');
    return git(work, 'rev-parse', 'HEAD');
  }

  it('checks the branch out into the workspace folder', async () => {
    const { outputs } = await clone();

    const checkout = path.join(sandbox.workspacePath, 'gitops');
    expect(outputs).toEqual({ targetPath: 'gitops', commitHash: seeded });
    expect(await filesIn(checkout)).toEqual({
      'apps/user-service/kustomization.yaml': 'resources: []\n',
      'README.md': '# gitops\n',
    });
    expect(git(checkout, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(checkout, 'remote', 'get-url', 'origin')).toBe(remote);
    expect(git(checkout, 'status', '--porcelain')).toBe('');
  });

  it('checks out another branch into a nested folder, from a file:// URL', async () => {
    const release = await pushToRemote({ 'RELEASE.md': 'v2\n' });
    git(remote, 'branch', 'release', release);
    git(remote, 'update-ref', 'refs/heads/main', seeded);

    const { outputs } = await clone({
      repoUrl: `file://${remote}`,
      branch: 'release',
      targetPath: 'repos/./gitops',
    });

    expect(outputs).toEqual({
      targetPath: 'repos/gitops',
      commitHash: release,
    });
    expect(await sandbox.read('repos/gitops/RELEASE.md')).toBe('v2\n');
  });

  it('reuses its checkout when retried: fetched and reset to the remote branch', async () => {
    await clone();
    await sandbox.write({
      'gitops/README.md': 'half-done edit\n',
      'gitops/stray.txt': 'left by a failed attempt\n',
    });
    const latest = await pushToRemote({
      'apps/orders/kustomization.yaml': 'x\n',
    });

    const { outputs } = await clone();

    expect(outputs.commitHash).toBe(latest);
    const checkout = path.join(sandbox.workspacePath, 'gitops');
    expect(git(checkout, 'rev-parse', 'HEAD')).toBe(latest);
    expect(git(checkout, 'status', '--porcelain')).toBe('');
    expect(await sandbox.read('gitops/README.md')).toBe('# gitops\n');
    await expect(sandbox.read('gitops/stray.txt')).rejects.toThrow('ENOENT');
  });

  it('with lazy: true writes no files, and steps read the commit through the checkout', async () => {
    const { outputs } = await clone({ lazy: true });

    const checkout = path.join(sandbox.workspacePath, 'gitops');
    expect(outputs).toEqual({ targetPath: 'gitops', commitHash: seeded });
    expect(await fs.readdir(checkout)).toEqual(['.git']);
    expect(git(checkout, 'rev-parse', 'HEAD')).toBe(seeded);
    const files = await checkoutFiles(checkout);
    expect(await files.read('README.md')).toBe('# gitops\n');
    expect(await files.list('apps')).toEqual(['user-service']);
    await files.write('apps/orders/kustomization.yaml', 'resources: []\n');
    expect(await files.list('apps')).toEqual(['orders', 'user-service']);
    expect(await filesIn(checkout)).toEqual({
      'apps/orders/kustomization.yaml': 'resources: []\n',
    });
  });

  it('with lazy: true checks out the ignore rules, from the files read before when it can', async () => {
    const latest = await pushToRemote({
      '.gitignore': '*.tmp\n',
      'apps/.gitignore': 'scratch/\n',
    });
    // git behind a wrapper that notes each command.
    const calls = path.join(sandbox.root, 'git-calls.log');
    const wrapper = path.join(sandbox.root, 'git-noting');
    await fs.writeFile(
      wrapper,
      `#!/bin/sh\necho "$1" >> '${calls}'\nexec git "$@"\n`,
      { mode: 0o755 },
    );
    const noting = createGitCloneAction({ gitBinary: wrapper });
    const lazyClone = async (targetPath: string) => {
      await fs.rm(calls, { force: true });
      await runAction(
        noting,
        { repoUrl: remote, targetPath, lazy: true },
        { workspacePath: sandbox.workspacePath },
      );
      return (await fs.readFile(calls, 'utf8')).trim().split('\n');
    };
    const ignoreRules = {
      '.gitignore': '*.tmp\n',
      'apps/.gitignore': 'scratch/\n',
    };

    // A commit nothing has read yet: git checks the rules out.
    expect(await lazyClone('first')).toEqual(['clone', 'checkout']);
    const first = path.join(sandbox.workspacePath, 'first');
    expect(await filesIn(first)).toEqual(ignoreRules);
    // A step reads the commit; the next checkout of it needs only the clone.
    const files = await checkoutFiles(first);
    expect(await files.read('late.txt')).toBeUndefined();
    expect(await files.read('README.md')).toBe('# gitops\n');
    expect(await lazyClone('second')).toEqual(['clone']);
    const second = path.join(sandbox.workspacePath, 'second');
    expect(await filesIn(second)).toEqual(ignoreRules);
    expect(git(second, 'rev-parse', 'HEAD')).toBe(latest);
    expect(git(second, 'check-ignore', 'apps/scratch/x', 'a.tmp')).toBe(
      'apps/scratch/x\na.tmp',
    );
  });

  it('with lazy: true, a retry drops what an earlier attempt wrote', async () => {
    await clone({ lazy: true });
    await sandbox.write({ 'gitops/stray.txt': 'left by a failed attempt\n' });
    const latest = await pushToRemote({ 'late.txt': 'x\n' });

    const { outputs } = await clone({ lazy: true });

    const checkout = path.join(sandbox.workspacePath, 'gitops');
    expect(outputs.commitHash).toBe(latest);
    expect(await fs.readdir(checkout)).toEqual(['.git']);
    const files = await checkoutFiles(checkout);
    expect(await files.read('late.txt')).toBe('x\n');
    expect(await files.read('stray.txt')).toBeUndefined();

    // Asked for a full checkout the next time, it is one again.
    await clone();
    expect(await sandbox.read('gitops/late.txt')).toBe('x\n');
    expect(git(checkout, 'status', '--porcelain')).toBe('');
    expect(await isLazyCheckout(checkout)).toBe(false);
  });

  it('gives a retried task its checkout back, in a fresh workspace', async () => {
    const checkpoints = checkpointStore();
    await clone({}, { checkpoints });
    // A retried task starts from an empty workspace; later steps redo their edits.
    await fs.rm(path.join(sandbox.workspacePath, 'gitops'), {
      recursive: true,
      force: true,
    });
    const latest = await pushToRemote({ 'late.txt': 'x\n' });

    const { outputs } = await clone({}, { checkpoints });

    expect(outputs.commitHash).toBe(latest);
    expect(await sandbox.read('gitops/README.md')).toBe('# gitops\n');
  });

  it('checks out in a dry run too, so that later steps can plan their edits', async () => {
    const { outputs } = await clone({}, { isDryRun: true });

    expect(outputs).toEqual({ targetPath: 'gitops', commitHash: seeded });
    await expect(sandbox.read('gitops/README.md')).resolves.toBeDefined();
  });

  it('clones over https with the token in a header only, not in the checkout', async () => {
    git(remote, 'update-server-info');
    const server = await serveOverHttp(sandbox.remotes);
    const token = 'ghp_cloneToken123';
    const repoUrl = `${server.baseUrl}/gitops-config.git`;
    const logger = captureLogger();
    try {
      const { outputs } = await clone({ repoUrl, token }, { logger });

      expect(outputs.commitHash).toBe(seeded);
      const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
      expect(server.authorizations.length).toBeGreaterThan(0);
      expect(new Set(server.authorizations)).toEqual(
        new Set([`Basic ${encoded}`]),
      );
      const checkout = path.join(sandbox.workspacePath, 'gitops');
      expect(git(checkout, 'remote', 'get-url', 'origin')).toBe(repoUrl);
      const gitFiles = await snapshot(path.join(checkout, '.git'));
      for (const [file, content] of Object.entries(gitFiles)) {
        const text = Buffer.from(content, 'base64').toString('latin1');
        expect({ file, hasToken: text.includes(token) }).toEqual({
          file,
          hasToken: false,
        });
        expect(text.includes(encoded)).toBe(false);
      }
      expect(logger.lines.join('\n')).not.toContain(token);
    } finally {
      await server.close();
    }
  });

  it('fails on an unreachable https remote naming it, without showing the token', async () => {
    const token = 'ghp_unreachableSecret';
    const logger = captureLogger();
    const repoUrl = 'https://127.0.0.1:1/acme/gitops-config.git';

    const failed = clone({ repoUrl, token }, { logger });

    await expect(failed).rejects.toThrow(`Could not clone ${repoUrl}`);
    const message = await failed.catch(e => String(e.message));
    expect(message).not.toContain(token);
    expect(logger.lines.join('\n')).not.toContain(token);
    await expect(
      fs.stat(path.join(sandbox.workspacePath, 'gitops')),
    ).rejects.toThrow('ENOENT');
  });

  it('rejects bad input naming it, and writes nothing', async () => {
    await sandbox.write({ 'taken/file.txt': 'x' });
    const before = await snapshot(sandbox.workspacePath);

    await expect(clone({ targetPath: '../outside' })).rejects.toThrow(
      "targetPath '../outside' is outside the task workspace",
    );
    await expect(clone({ targetPath: '.' })).rejects.toThrow(
      "targetPath '.' is the workspace itself",
    );
    await expect(clone({ targetPath: 'taken' })).rejects.toThrow(
      "targetPath 'taken' already exists and is not empty",
    );
    await expect(clone({ branch: 'no such' })).rejects.toThrow(
      "branch 'no such' is not a valid git branch name",
    );
    await expect(clone({ branch: 'develop' })).rejects.toThrow(
      `${remote} has no branch develop`,
    );
    await expect(
      clone({ repoUrl: path.join(sandbox.remotes, 'missing.git') }),
    ).rejects.toThrow(
      `Could not clone ${path.join(sandbox.remotes, 'missing.git')}`,
    );
    expect(await snapshot(sandbox.workspacePath)).toEqual(before);
  });

  it('refuses a folder that is a checkout of another repository', async () => {
    const other = path.join(sandbox.remotes, 'other.git');
    await createRemote(other);
    git(sandbox.workspacePath, 'clone', '-q', other, 'gitops');

    await expect(clone()).rejects.toThrow(
      `targetPath 'gitops' is already a checkout of ${other}, not of ${remote}`,
    );
  });
});
