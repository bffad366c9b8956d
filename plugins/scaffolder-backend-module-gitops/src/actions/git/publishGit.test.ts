import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPublishGitAction } from './publishGit';
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

const SERVICE = {
  'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\n',
  'src/index.ts': 'export const answer = 42;\n',
  '.gitignore': 'node_modules/\n',
  'node_modules/left-pad/index.js': 'ignored\n',
};

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('publish:git', () => {
  const action = createPublishGitAction();
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  let remote: string;

  beforeEach(async () => {
    sandbox = await createSandbox();
    remote = path.join(sandbox.remotes, 'catalog-service.git');
    await sandbox.write(SERVICE);
  });
  afterEach(() => sandbox.remove());

  const publish = (
    input: Partial<Parameters<typeof action.handler>[0]['input']> = {},
    options: Partial<Parameters<typeof runAction>[2]> = {},
  ) =>
    runAction(
      action,
      { repoUrl: remote, ...input },
      { workspacePath: sandbox.workspacePath, ...options },
    );

  it('creates the repository and pushes the workspace as one commit by the scaffolder', async () => {
    const { outputs } = await publish();

    expect(git(remote, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    const tip = git(remote, 'rev-parse', 'main');
    expect(outputs).toEqual({
      remoteUrl: remote,
      repoContentsUrl: `${pathToFileURL(remote).href}#main`,
      commitHash: tip,
    });
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
    expect(git(remote, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s')).toBe(
      'Scaffolder <scaffolder@backstage.io>|Scaffolder <scaffolder@backstage.io>|Initial commit',
    );

    const clone = path.join(sandbox.root, 'clone');
    git(sandbox.root, 'clone', '-q', remote, clone);
    expect(await fs.readFile(path.join(clone, 'src/index.ts'), 'utf8')).toBe(
      SERVICE['src/index.ts'],
    );
    expect(git(clone, 'ls-files').split('\n').sort()).toEqual([
      '.gitignore',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
  });

  it('publishes a sub-folder with the given branch, message and author', async () => {
    await sandbox.write({
      'service/app.py': 'print("hi")\n',
      'other.txt': 'x',
    });
    const { outputs } = await publish({
      repoUrl: pathToFileURL(remote).href,
      sourcePath: 'service',
      defaultBranch: 'trunk',
      gitCommitMessage: 'Create from template',
      gitAuthorName: 'Golden Path',
      gitAuthorEmail: 'golden-path@acme.example',
    });

    expect(filesAt(remote, 'trunk')).toEqual({ 'app.py': 'print("hi")\n' });
    expect(git(remote, 'symbolic-ref', 'HEAD')).toBe('refs/heads/trunk');
    expect(git(remote, 'log', '-1', '--format=%an <%ae>|%s', 'trunk')).toBe(
      'Golden Path <golden-path@acme.example>|Create from template',
    );
    expect(outputs.repoContentsUrl).toBe(`${pathToFileURL(remote).href}#trunk`);
    expect(outputs.remoteUrl).toBe(pathToFileURL(remote).href);
  });

  it('leaves out checkouts inside the folder instead of publishing broken submodules', async () => {
    const other = path.join(sandbox.remotes, 'gitops.git');
    await createRemote(other, { 'clusters/dev.yaml': 'kind: Kustomization\n' });
    git(sandbox.workspacePath, 'clone', '-q', other, 'gitops');

    await publish();

    expect(Object.keys(filesAt(remote, 'main')).sort()).toEqual([
      '.gitignore',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
  });

  it('does not commit or push again when the task is retried', async () => {
    const checkpoints = checkpointStore();
    const first = await publish({}, { checkpoints });
    await sandbox.write({ 'later-step.txt': 'written by a later step\n' });

    // Retried task: the checkpoint holds the result.
    const retried = await publish({}, { checkpoints });
    // Result lost (e.g. the backend died right after the push): the step
    // runs again on the same workspace.
    const rerun = await publish();

    expect(retried.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(rerun.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
    expect(git(remote, 'rev-parse', 'main')).toBe(first.outputs.commitHash);
  });

  it('recognises its commit when others pushed on top before the retry', async () => {
    const first = await publish();
    const other = path.join(sandbox.root, 'other-user');
    git(sandbox.root, 'clone', '-q', remote, other);
    await sandbox.write({ CODEOWNERS: '* @acme/team\n' }, other);
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'Add owners');
    git(other, 'push', '-q', 'origin', 'main');
    const theirs = git(other, 'rev-parse', 'HEAD');

    const rerun = await publish();

    expect(rerun.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(git(remote, 'rev-parse', 'main')).toBe(theirs);
  });

  it('accepts a remote that already holds exactly these files (a lost earlier attempt)', async () => {
    const first = await publish();
    // The retried attempt starts from a workspace restored without .git.
    await fs.rm(path.join(sandbox.workspacePath, '.git'), {
      recursive: true,
    });

    const again = await publish();

    expect(again.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
    expect(git(sandbox.workspacePath, 'rev-parse', 'HEAD')).toBe(
      first.outputs.commitHash,
    );
  });

  it('refuses a checkout of the same, existing remote instead of dropping its changes', async () => {
    const existing = await createRemote(remote, { 'README.md': 'v1\n' });
    git(sandbox.workspacePath, 'clone', '-q', remote, 'service');
    await sandbox.write({ 'service/README.md': 'v2\n' });

    await expect(publish({ sourcePath: 'service' })).rejects.toThrow(
      `sourcePath 'service' is a checkout of ${remote}, which exists already; publish:git publishes new repositories. To change that one, use publish:git:change`,
    );
    expect(git(remote, 'rev-parse', 'main')).toBe(existing);
  });

  it('refuses to publish over a remote branch with other content, naming the remote', async () => {
    const existing = await createRemote(remote, { 'README.md': 'taken\n' });

    await expect(publish()).rejects.toThrow(
      `${remote} already has a branch main with other content (commit ${existing})`,
    );
    expect(git(remote, 'rev-parse', 'main')).toBe(existing);
  });

  it('refuses a second, different publish to the same remote', async () => {
    const first = await publish();
    const second = await createSandbox();
    try {
      await second.write({ 'README.md': 'another service\n' });
      await expect(
        runAction(
          action,
          { repoUrl: remote },
          { workspacePath: second.workspacePath },
        ),
      ).rejects.toThrow(
        `${remote} already has a branch main with other content`,
      );
    } finally {
      await second.remove();
    }
    expect(git(remote, 'rev-parse', 'main')).toBe(first.outputs.commitHash);
  });

  it('writes nothing in a dry run but reports the outputs', async () => {
    const before = await snapshot(sandbox.workspacePath);

    const { outputs } = await publish(
      { repoUrl: pathToFileURL(remote).href },
      { isDryRun: true },
    );

    expect(await snapshot(sandbox.workspacePath)).toEqual(before);
    await expect(fs.stat(remote)).rejects.toThrow('ENOENT');
    expect(outputs).toEqual({
      remoteUrl: pathToFileURL(remote).href,
      repoContentsUrl: `${pathToFileURL(remote).href}#main`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('still validates its inputs in a dry run', async () => {
    await expect(
      publish({ sourcePath: 'missing' }, { isDryRun: true }),
    ).rejects.toThrow(
      "sourcePath 'missing' is not a folder in the task workspace",
    );
  });

  it('names the remote when the push fails, and succeeds when retried after the remote is fixed', async () => {
    await fs.mkdir(remote);
    git(remote, 'init', '-q', '--bare', '--initial-branch=main');
    const hook = path.join(remote, 'hooks', 'pre-receive');
    await fs.writeFile(
      hook,
      '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n',
    );
    await fs.chmod(hook, 0o755);

    const failed = publish();
    await expect(failed).rejects.toThrow(`Could not push to ${remote}`);
    await expect(failed).rejects.toThrow('pushes are frozen');

    await fs.rm(hook);
    const { outputs } = await publish();
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
    expect(git(remote, 'rev-parse', 'main')).toBe(outputs.commitHash);
    expect(git(sandbox.workspacePath, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('publishes to a corrected repoUrl after an attempt that reached no remote', async () => {
    const wrong = path.join(sandbox.remotes, 'not-a-repo');
    await sandbox.write({ 'notes.txt': 'not a repository' }, wrong);
    await expect(publish({ repoUrl: wrong })).rejects.toThrow(
      `Could not read ${wrong}`,
    );

    const { outputs } = await publish();

    expect(git(remote, 'rev-parse', 'main')).toBe(outputs.commitHash);
    expect(git(sandbox.workspacePath, 'remote', 'get-url', 'origin')).toBe(
      remote,
    );
  });

  it('names the remote when it is not a repository, and recovers once it is', async () => {
    await sandbox.write({ 'notes.txt': 'not a repository' }, remote);

    await expect(publish()).rejects.toThrow(`Could not read ${remote}`);

    await fs.rm(remote, { recursive: true });
    await sandbox.write({ 'src/index.ts': 'export const answer = 43;\n' });
    const { outputs } = await publish();
    expect(filesAt(remote, 'main')['src/index.ts']).toBe(
      'export const answer = 43;\n',
    );
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
    expect(outputs.commitHash).toBe(git(remote, 'rev-parse', 'main'));
  });

  it('sends the token to the https host only as a header, and never stores or logs it', async () => {
    const token = 'ghp_s3cretTokenValue';
    const seen: Array<string | undefined> = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(403).end('no');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const repoUrl = `http://127.0.0.1:${port}/acme/catalog-service.git`;
    const logger = captureLogger();
    try {
      const failed = publish({ repoUrl, token }, { logger });
      await expect(failed).rejects.toThrow(`Could not read ${repoUrl}`);
      const message = await failed.catch(e => String(e.message));
      const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
      expect(seen).toContain(`Basic ${encoded}`);
      const config = await fs.readFile(
        path.join(sandbox.workspacePath, '.git', 'config'),
        'utf8',
      );
      expect(config).toContain(repoUrl);
      for (const text of [message, config, logger.lines.join('\n')]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(encoded);
      }
    } finally {
      server.close();
    }
  });

  it('fails on an unreachable https remote without showing the token', async () => {
    const token = 'ghp_unreachableSecret';
    const logger = captureLogger();
    const failed = publish(
      { repoUrl: 'https://127.0.0.1:1/acme/catalog-service.git', token },
      { logger },
    );
    await expect(failed).rejects.toThrow(
      'Could not read https://127.0.0.1:1/acme/catalog-service.git',
    );
    const message = await failed.catch(e => String(e.message));
    expect(message).not.toContain(token);
    expect(logger.lines.join('\n')).not.toContain(token);
    expect(
      await fs.readFile(
        path.join(sandbox.workspacePath, '.git', 'config'),
        'utf8',
      ),
    ).not.toContain(token);
  });

  it('rejects bad input naming it, and writes nothing', async () => {
    const before = await snapshot(sandbox.workspacePath);
    await expect(publish({ sourcePath: '../..' })).rejects.toThrow(
      "sourcePath '../..' is outside the task workspace",
    );
    await expect(publish({ repoUrl: 'repos/catalog.git' })).rejects.toThrow(
      "repoUrl 'repos/catalog.git' is not a git remote; expected an https://",
    );
    await expect(
      publish({ repoUrl: 'https://me:hunter2@github.com/acme/x.git' }),
    ).rejects.toThrow('contains credentials; pass the token input instead');
    await expect(publish({ repoUrl: 'ext::sh' })).rejects.toThrow(
      "repoUrl 'ext::sh' names a git remote helper",
    );
    await expect(publish({ defaultBranch: 'feature..x' })).rejects.toThrow(
      "defaultBranch 'feature..x' is not a valid git branch name",
    );
    await expect(publish({ defaultBranch: '' })).rejects.toThrow(
      'defaultBranch is empty',
    );
    await expect(publish({ gitAuthorEmail: 'nobody' })).rejects.toThrow(
      "gitAuthorEmail 'nobody' is not an email address",
    );
    await expect(publish({ gitCommitMessage: ' ' })).rejects.toThrow(
      'gitCommitMessage is empty',
    );
    // Control characters git cannot take (they crashed the process start).
    await expect(publish({ gitAuthorName: 'Scaf\0folder' })).rejects.toThrow(
      "gitAuthorName 'Scaf\0folder' is not a valid author name",
    );
    await expect(
      publish({ gitAuthorEmail: 'a\0b@example.com' }),
    ).rejects.toThrow('is not an email address');
    await expect(publish({ gitCommitMessage: 'feat\0x' })).rejects.toThrow(
      'gitCommitMessage contains a NUL character',
    );
    expect(await snapshot(sandbox.workspacePath)).toEqual(before);
    await expect(fs.stat(remote)).rejects.toThrow('ENOENT');
  });

  it('refuses to publish a checkout of another repository as a new one', async () => {
    const other = path.join(sandbox.remotes, 'gitops.git');
    await createRemote(other);
    git(sandbox.workspacePath, 'clone', '-q', other, 'gitops');

    await expect(publish({ sourcePath: 'gitops' })).rejects.toThrow(
      `sourcePath 'gitops' is already a git checkout of ${other}`,
    );
  });

  it('keeps local remotes inside the configured folders', async () => {
    const restricted = createPublishGitAction({
      localRemoteRoots: [sandbox.remotes],
    });
    await expect(
      runAction(
        restricted,
        { repoUrl: path.join(sandbox.root, 'elsewhere.git') },
        { workspacePath: sandbox.workspacePath },
      ),
    ).rejects.toThrow('is outside the folders local repositories may live in');
    await runAction(
      restricted,
      { repoUrl: remote },
      { workspacePath: sandbox.workspacePath },
    );
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1');
  });
});
