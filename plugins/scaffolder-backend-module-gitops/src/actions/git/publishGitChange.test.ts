import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGitCloneAction } from './gitClone';
import { createPublishGitChangeAction } from './publishGitChange';
import {
  captureLogger,
  checkpointStore,
  createRemote,
  createSandbox,
  filesAt,
  git,
  runAction,
  snapshot,
} from './__testUtils__/gitFixtures';

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('publish:git:change', () => {
  const action = createPublishGitChangeAction();
  const cloneAction = createGitCloneAction();
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  let remote: string;
  let checkout: string;
  let main: string;

  beforeEach(async () => {
    sandbox = await createSandbox();
    remote = path.join(sandbox.remotes, 'gitops-config.git');
    main = await createRemote(remote, {
      'apps/user-service/overlays/dev/kustomization.yaml': 'newTag: sha-1\n',
      'apps/legacy/kustomization.yaml': 'resources: []\n',
      'README.md': '# gitops\n',
      '.gitignore': '*.tmp\n',
    });
    await runAction(
      cloneAction,
      { repoUrl: remote, targetPath: 'gitops' },
      { workspacePath: sandbox.workspacePath },
    );
    checkout = path.join(sandbox.workspacePath, 'gitops');
  });
  afterEach(() => sandbox.remove());

  const publish = (
    input: Partial<Parameters<typeof action.handler>[0]['input']> = {},
    options: Partial<Parameters<typeof runAction>[2]> = {},
  ) =>
    runAction(
      action,
      {
        sourcePath: 'gitops',
        branchName: 'add-orders',
        gitCommitMessage: 'Add orders, retire legacy',
        ...input,
      },
      { workspacePath: sandbox.workspacePath, ...options },
    );

  /** The checkout again, with git:clone's lazy: true (no files written). */
  async function checkOutLazily() {
    await fs.rm(checkout, { recursive: true });
    await runAction(
      cloneAction,
      { repoUrl: remote, targetPath: 'gitops', lazy: true },
      { workspacePath: sandbox.workspacePath },
    );
  }

  /** What a gitops step does to the checkout. */
  async function editCheckout() {
    await sandbox.write({
      'gitops/apps/user-service/overlays/dev/kustomization.yaml':
        'newTag: sha-2\n',
      'gitops/apps/orders/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'gitops/scratch.tmp': 'ignored by .gitignore\n',
    });
    await fs.rm(path.join(checkout, 'apps/legacy'), { recursive: true });
  }

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

  it('pushes exactly the change as one commit on a new branch, leaving main and the checkout as they were', async () => {
    await editCheckout();
    const statusBefore = git(checkout, 'status', '--porcelain');

    const { outputs } = await publish();

    const tip = git(remote, 'rev-parse', 'add-orders');
    expect(outputs).toEqual({
      branchName: 'add-orders',
      commitHash: tip,
      changed: true,
      merged: false,
      changeUrl: `${pathToFileURL(remote).href}#add-orders`,
    });
    expect(git(remote, 'rev-list', 'main..add-orders')).toBe(tip);
    expect(git(remote, 'rev-parse', `${tip}^`)).toBe(main);
    expect(git(remote, 'diff', '--name-status', 'main', 'add-orders')).toBe(
      [
        'D\tapps/legacy/kustomization.yaml',
        'A\tapps/orders/kustomization.yaml',
        'M\tapps/user-service/overlays/dev/kustomization.yaml',
      ].join('\n'),
    );
    expect(
      filesAt(remote, 'add-orders')[
        'apps/user-service/overlays/dev/kustomization.yaml'
      ],
    ).toBe('newTag: sha-2\n');
    expect(git(remote, 'log', '-1', '--format=%an <%ae>|%s', tip)).toBe(
      'Scaffolder <scaffolder@backstage.io>|Add orders, retire legacy',
    );
    expect(git(remote, 'rev-parse', 'main')).toBe(main);
    expect(git(checkout, 'rev-parse', 'HEAD')).toBe(main);
    expect(git(checkout, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(checkout, 'rev-parse', 'refs/heads/add-orders')).toBe(tip);
  });

  it('commits what a lazy checkout holds over its commit: the other files stay', async () => {
    await checkOutLazily();
    await sandbox.write({
      'gitops/apps/user-service/overlays/dev/kustomization.yaml':
        'newTag: sha-2\n',
      'gitops/apps/orders/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'gitops/scratch.tmp': 'ignored by .gitignore\n',
    });

    const preview = await publish({}, { isDryRun: true });
    const { outputs } = await publish({ merge: true });

    expect(preview.outputs.changed).toBe(true);
    expect(outputs).toMatchObject({ changed: true, merged: true });
    expect(git(remote, 'diff', '--name-status', main, 'main')).toBe(
      [
        'A\tapps/orders/kustomization.yaml',
        'M\tapps/user-service/overlays/dev/kustomization.yaml',
      ].join('\n'),
    );
    expect(filesAt(remote, 'main')['README.md']).toBe('# gitops\n');
    // The ignore rules are checked out with a lazy checkout.
    expect((await fs.readdir(checkout)).sort()).toEqual([
      '.git',
      '.gitignore',
      'apps',
      'scratch.tmp',
    ]);
  });

  it('finds nothing to change in a lazy checkout nothing was written to', async () => {
    await checkOutLazily();
    const { outputs } = await publish();
    expect(outputs).toMatchObject({ changed: false, commitHash: main });
    expect(git(remote, 'branch', '--list', 'add-orders')).toBe('');
  });

  it('names the commit after the branch when no message is given', async () => {
    await editCheckout();
    const { outputs } = await publish({ gitCommitMessage: undefined });
    expect(
      git(remote, 'log', '-1', '--format=%s', String(outputs.commitHash)),
    ).toBe('Update from the scaffolder (add-orders)');
  });

  it('succeeds without pushing when nothing changed', async () => {
    await sandbox.write({ 'gitops/notes.tmp': 'ignored\n' });

    const { outputs } = await publish();

    expect(outputs).toEqual({
      branchName: 'add-orders',
      commitHash: main,
      changed: false,
      merged: false,
    });
    expect(git(remote, 'branch', '--list', 'add-orders')).toBe('');
  });

  it('does not push a second commit when retried', async () => {
    await editCheckout();
    const checkpoints = checkpointStore();
    const first = await publish({}, { checkpoints });

    const retried = await publish({}, { checkpoints });
    const rerun = await publish();
    // Lost result and local branch: a new commit object with the same files.
    git(checkout, 'update-ref', '-d', 'refs/heads/add-orders');
    const lost = await publish({ gitAuthorName: 'Someone Later' });

    for (const run of [retried, rerun, lost]) {
      expect(run.outputs.commitHash).toBe(first.outputs.commitHash);
      expect(run.outputs.changed).toBe(true);
    }
    expect(git(remote, 'rev-list', '--count', 'main..add-orders')).toBe('1');
    expect(git(remote, 'rev-parse', 'add-orders')).toBe(
      first.outputs.commitHash,
    );
  });

  it('recognises its commit when a reviewer pushed fixes on top before the retry', async () => {
    await editCheckout();
    const first = await publish();
    const reviewer = path.join(sandbox.root, 'reviewer');
    git(
      sandbox.root,
      'clone',
      '-q',
      '--branch',
      'add-orders',
      remote,
      reviewer,
    );
    await sandbox.write({ 'apps/orders/README.md': 'review fix\n' }, reviewer);
    git(reviewer, 'add', '-A');
    git(reviewer, 'commit', '-q', '-m', 'Review fix');
    git(reviewer, 'push', '-q', 'origin', 'add-orders');
    const fixed = git(reviewer, 'rev-parse', 'HEAD');

    const rerun = await publish();

    expect(rerun.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(git(remote, 'rev-parse', 'add-orders')).toBe(fixed);
  });

  it('refuses a branch name the remote already uses for other content', async () => {
    await editCheckout();
    const other = await pushToRemote({ 'other.txt': 'x\n' });
    git(remote, 'branch', 'add-orders', other);

    await expect(publish()).rejects.toThrow(
      `${remote} already has a branch add-orders with other content (commit ${other}); choose another branchName`,
    );
    expect(git(remote, 'rev-parse', 'add-orders')).toBe(other);
  });

  it('does not advance a branch of that name someone made from main', async () => {
    await editCheckout();
    git(remote, 'branch', 'add-orders', main);

    await expect(publish()).rejects.toThrow(
      `${remote} already has a branch add-orders with other content (commit ${main}); choose another branchName`,
    );
    expect(git(remote, 'rev-parse', 'add-orders')).toBe(main);
  });

  it('with merge: true fast-forwards main of the local repository, once', async () => {
    await editCheckout();

    const { outputs } = await publish({ merge: true });
    const again = await publish({ merge: true });

    expect(outputs.merged).toBe(true);
    expect(again.outputs.merged).toBe(true);
    expect(git(remote, 'rev-parse', 'main')).toBe(outputs.commitHash);
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('2');
  });

  it('with merge: true makes a merge commit when main moved on', async () => {
    await editCheckout();
    const moved = await pushToRemote({ 'docs/runbook.md': 'restart it\n' });

    const { outputs } = await publish({ merge: true });

    const merged = git(remote, 'rev-parse', 'main');
    expect(git(remote, 'rev-list', '--parents', '-1', merged)).toBe(
      `${merged} ${moved} ${outputs.commitHash}`,
    );
    const files = filesAt(remote, 'main');
    expect(files['docs/runbook.md']).toBe('restart it\n');
    expect(files['apps/orders/kustomization.yaml']).toBe(
      'resources: [deployment.yaml]\n',
    );
    expect(files['apps/legacy/kustomization.yaml']).toBeUndefined();
  });

  it('with merge: true and a conflict, pushes the branch and leaves main alone', async () => {
    await editCheckout();
    const moved = await pushToRemote({
      'apps/user-service/overlays/dev/kustomization.yaml': 'newTag: sha-9\n',
    });

    await expect(publish({ merge: true })).rejects.toThrow(
      `Could not merge add-orders into main of ${remote}: both changed apps/user-service/overlays/dev/kustomization.yaml`,
    );
    expect(git(remote, 'rev-parse', 'main')).toBe(moved);
    expect(git(remote, 'rev-list', '--count', 'main..add-orders')).toBe('1');
  });

  it('pushes to repoUrl instead of origin when given', async () => {
    await editCheckout();
    const fork = path.join(sandbox.remotes, 'fork.git');
    await createRemote(fork);

    const { outputs } = await publish({ repoUrl: pathToFileURL(fork).href });

    expect(git(fork, 'rev-parse', 'add-orders')).toBe(outputs.commitHash);
    expect(git(remote, 'branch', '--list', 'add-orders')).toBe('');
    expect(outputs.changeUrl).toBe(`${pathToFileURL(fork).href}#add-orders`);
  });

  it('gives the GitHub compare URL for a GitHub checkout', async () => {
    // git sends github.com traffic to the local repository; the action still
    // sees the GitHub URL.
    const github = path.join(sandbox.remotes, 'github', 'acme');
    await fs.mkdir(github, { recursive: true });
    await fs.rename(remote, path.join(github, 'gitops-config.git'));
    const saved = { ...process.env };
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = `url.${
      pathToFileURL(github).href
    }/.insteadOf`;
    process.env.GIT_CONFIG_VALUE_0 = 'https://github.com/acme/';
    try {
      await fs.rm(checkout, { recursive: true });
      await runAction(
        cloneAction,
        {
          repoUrl: 'https://github.com/acme/gitops-config.git',
          targetPath: 'gitops',
        },
        { workspacePath: sandbox.workspacePath },
      );
      await editCheckout();

      const { outputs } = await publish({ branchName: 'feature/orders' });

      expect(outputs.changeUrl).toBe(
        'https://github.com/acme/gitops-config/compare/main...feature/orders',
      );
      expect(
        git(
          path.join(github, 'gitops-config.git'),
          'rev-parse',
          'feature/orders',
        ),
      ).toBe(outputs.commitHash);
    } finally {
      process.env = saved;
    }
  });

  it('writes nothing in a dry run but reports the outputs', async () => {
    await editCheckout();
    const workspaceBefore = await snapshot(sandbox.workspacePath);
    const remoteBefore = await snapshot(remote);

    const { outputs } = await publish({ merge: true }, { isDryRun: true });

    expect(outputs).toEqual({
      branchName: 'add-orders',
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      changed: true,
      merged: true,
      changeUrl: `${pathToFileURL(remote).href}#add-orders`,
    });
    expect(outputs.commitHash).not.toBe(main);
    expect(await snapshot(sandbox.workspacePath)).toEqual(workspaceBefore);
    expect(await snapshot(remote)).toEqual(remoteBefore);
  });

  it('reports nothing to change in a dry run of an unchanged checkout', async () => {
    const { outputs } = await publish({}, { isDryRun: true });
    expect(outputs.changed).toBe(false);
    expect(outputs.commitHash).toBe(main);
  });

  it('names the remote when the push fails, and pushes one commit when retried', async () => {
    await editCheckout();
    const hook = path.join(remote, 'hooks', 'pre-receive');
    await fs.writeFile(
      hook,
      '#!/bin/sh\necho "repository is read-only" >&2\nexit 1\n',
    );
    await fs.chmod(hook, 0o755);

    const failed = publish();
    await expect(failed).rejects.toThrow(`Could not push to ${remote}`);
    await expect(failed).rejects.toThrow('repository is read-only');

    await fs.rm(hook);
    const { outputs } = await publish();
    expect(git(remote, 'rev-list', '--count', 'main..add-orders')).toBe('1');
    expect(git(remote, 'rev-parse', 'add-orders')).toBe(outputs.commitHash);
  });

  it('fails on an unreachable https remote naming it, without storing or showing the token', async () => {
    await editCheckout();
    const token = 'ghp_changeSecret42';
    const repoUrl = 'https://127.0.0.1:1/acme/gitops-config.git';
    const logger = captureLogger();

    const failed = publish({ repoUrl, token }, { logger });

    await expect(failed).rejects.toThrow(`Could not push to ${repoUrl}`);
    const message = await failed.catch(e => String(e.message));
    const config = await fs.readFile(
      path.join(checkout, '.git', 'config'),
      'utf8',
    );
    for (const text of [message, config, logger.lines.join('\n')]) {
      expect(text).not.toContain(token);
    }
  });

  it('rejects bad input naming it, and writes nothing', async () => {
    await editCheckout();
    await sandbox.write({ 'plain/file.txt': 'x' });
    const before = await snapshot(sandbox.workspacePath);

    await expect(publish({ sourcePath: '../../etc' })).rejects.toThrow(
      "sourcePath '../../etc' is outside the task workspace",
    );
    await expect(publish({ sourcePath: 'plain' })).rejects.toThrow(
      "sourcePath 'plain' is not a git checkout; check the repository out there with git:clone first",
    );
    await expect(publish({ branchName: '' })).rejects.toThrow(
      'branchName is empty',
    );
    await expect(publish({ branchName: 'add orders' })).rejects.toThrow(
      "branchName 'add orders' is not a valid git branch name",
    );
    await expect(publish({ targetBranch: 'main~1' })).rejects.toThrow(
      "targetBranch 'main~1' is not a valid git branch name",
    );
    await expect(publish({ branchName: 'main' })).rejects.toThrow(
      "branchName 'main' is targetBranch itself",
    );
    await expect(publish({ gitCommitMessage: '' })).rejects.toThrow(
      'gitCommitMessage is empty',
    );
    await expect(
      publish({
        repoUrl: 'https://github.com/acme/gitops-config.git',
        merge: true,
      }),
    ).rejects.toThrow('merge: true only works with a local repository');
    expect(await snapshot(sandbox.workspacePath)).toEqual(before);
    expect(git(remote, 'branch', '--list', 'add-orders')).toBe('');
  });

  it('asks for repoUrl when the checkout has no origin', async () => {
    await editCheckout();
    git(checkout, 'remote', 'remove', 'origin');
    await expect(publish()).rejects.toThrow(
      "sourcePath 'gitops' is a checkout without an origin remote; give repoUrl",
    );
  });
});
