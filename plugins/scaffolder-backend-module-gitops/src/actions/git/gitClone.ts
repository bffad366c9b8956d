import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readHeadCommit } from '@goldenpath/backstage-plugin-gitops-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGit, Git, GitActionOptions, GitCommandError } from './git';
import { examples } from './gitClone.examples';
import { cachedCommittedFiles, markLazyCheckout } from './lazyCheckout';
import { GitRemote, isSameRemote, parseRemote } from './remote';
import {
  checkBranchName,
  isCheckout,
  tokenFor,
  withRemote,
  workspaceChild,
} from './repository';

/**
 * `git:clone` checks a branch of any git remote out into the task workspace,
 * so later steps edit a real checkout and publish:git:change proposes the
 * result.
 *
 * @public
 */
export function createGitCloneAction(options: GitActionOptions = {}) {
  return createTemplateAction({
    id: 'git:clone',
    description:
      'Checks out a branch of a git repository (a local path or file:// URL, or an https/ssh remote) into a folder of the task workspace, so later steps (gitops:app:create, infra:module:add, ...) edit a real checkout and publish:git:change proposes the result. A retried step reuses the checkout: it fetches and resets it to the remote branch. A dry run checks out too (it writes only inside the task workspace), so that later steps can plan their edits.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'The repository: an absolute path or file:// URL on the Backstage host, or an https://, ssh:// or git@host:owner/repo.git remote.',
          }),
        branch: z =>
          z
            .string({
              description:
                "The branch to check out. The default value is 'main'.",
            })
            .default('main')
            .optional(),
        targetPath: z =>
          z.string({
            description:
              "Folder of the task workspace to check out into, relative to it, e.g. 'gitops'. It must be new, empty, or a checkout of the same repository.",
          }),
        lazy: z =>
          z
            .boolean({
              description:
                "Write no files: the folder starts with only .git and the commit's .gitignore files, the actions of this module (gitops:*, infra:module:add, cost:estimate) read the commit's files from git and write only what they change, and publish:git:change commits those files over the commit (a file missing from the folder is unchanged, not deleted). The folder then holds exactly the change, which is also what publish:github:pull-request sends. Faster for large repositories. The default value is false.",
            })
            .default(false)
            .optional(),
        token: z =>
          z
            .string({
              description:
                'Token for an https remote, e.g. ${{ secrets.USER_OAUTH_TOKEN }}. It is sent as an HTTP header to that host only and never stored in the checkout or logged.',
            })
            .optional(),
      },
      output: {
        targetPath: z =>
          z.string({
            description:
              'The checkout, relative to the task workspace (use it as sourcePath of publish:git:change).',
          }),
        commitHash: z =>
          z.string({
            description: 'The commit checked out (the tip of the branch).',
          }),
      },
    },
    async handler(ctx) {
      const remote = parseRemote(ctx.input.repoUrl, options);
      const branch = ctx.input.branch ?? 'main';
      const targetPath = ctx.input.targetPath;
      const targetDir = workspaceChild(
        ctx.workspacePath,
        targetPath,
        'targetPath',
      );
      if (path.resolve(targetDir) === path.resolve(ctx.workspacePath)) {
        throw new InputError(
          `targetPath '${targetPath}' is the workspace itself; give a sub-folder to check out into, e.g. 'gitops'`,
        );
      }
      const git = createGit({
        gitBinary: options.gitBinary,
        token: tokenFor(remote, ctx.input.token, ctx.logger),
        tokenOrigin: remote.kind === 'http' ? remote.tokenOrigin : undefined,
        signal: ctx.signal,
      });
      checkBranchName(branch, 'branch');
      const existing = await existingCheckout(
        git,
        targetDir,
        targetPath,
        remote,
      );
      const relativeTarget = path
        .relative(ctx.workspacePath, targetDir)
        .split(path.sep)
        .join('/');

      // The checkout only writes inside the task workspace, and cloning
      // again refreshes an existing checkout, so it runs in a dry run too
      // (later steps need it) and is not checkpointed: a retried task starts
      // from a fresh workspace and must get its checkout back.
      const lazy = ctx.input.lazy ?? false;
      const commitHash = existing
        ? await refresh(git, remote, branch, targetDir, lazy)
        : await clone(git, remote, branch, targetDir, lazy);
      if (lazy) await checkOutIgnoreRules(git, targetDir);
      await markLazyCheckout(targetDir, lazy);
      ctx.logger.info(
        `Checked out ${
          remote.display
        } (${branch} at ${commitHash}) into ${relativeTarget}${
          lazy ? ' (lazily: no files until steps write them)' : ''
        }`,
      );
      ctx.output('targetPath', relativeTarget);
      ctx.output('commitHash', commitHash);
    },
  });
}

function missingBranch(remote: GitRemote, branch: string) {
  return new InputError(
    `${remote.display} has no branch ${branch}; check the branch input`,
  );
}

/**
 * Whether targetPath already holds a checkout of this remote (an earlier
 * attempt of this step). Any other content is refused rather than replaced.
 */
async function existingCheckout(
  git: Git,
  targetDir: string,
  targetPath: string,
  remote: GitRemote,
): Promise<boolean> {
  const entries = await fs.readdir(targetDir).catch(error => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') return ['(a file)'];
    throw error;
  });
  if (entries.length === 0) return false;
  if (await isCheckout(targetDir)) {
    const origin = await git.text(['config', '--get', 'remote.origin.url'], {
      cwd: targetDir,
      okExitCodes: [1],
    });
    if (isSameRemote(origin, remote)) return true;
    throw new InputError(
      `targetPath '${targetPath}' is already a checkout of ${
        origin || 'a repository without origin'
      }, not of ${remote.display}; choose another targetPath`,
    );
  }
  throw new InputError(
    `targetPath '${targetPath}' already exists and is not empty; choose a new folder to check ${remote.display} out into`,
  );
}

async function clone(
  git: Git,
  remote: GitRemote,
  branch: string,
  targetDir: string,
  lazy: boolean,
): Promise<string> {
  await fs.mkdir(path.dirname(targetDir), { recursive: true });
  await withRemote(remote, 'clone', async () => {
    try {
      await git.run([
        'clone',
        '-q',
        ...(lazy ? ['--no-checkout'] : []),
        '--branch',
        branch,
        '--',
        remote.url,
        targetDir,
      ]);
    } catch (error) {
      // git removes what it created; a missing branch is the input's fault.
      if (
        error instanceof GitCommandError &&
        /Remote branch .* not found/.test(error.stderr)
      ) {
        throw missingBranch(remote, branch);
      }
      throw error;
    }
  });
  return headOf(git, targetDir);
}

/** The commit a checkout is at, from .git itself when it can. */
async function headOf(git: Git, cwd: string): Promise<string> {
  return (
    (await readHeadCommit(cwd)) ?? git.text(['rev-parse', 'HEAD'], { cwd })
  );
}

/** Brings a checkout to exactly the remote branch, as a fresh clone would be. */
async function refresh(
  git: Git,
  remote: GitRemote,
  branch: string,
  targetDir: string,
  lazy: boolean,
): Promise<string> {
  const cwd = targetDir;
  const tracking = `refs/remotes/origin/${branch}`;
  await withRemote(remote, 'fetch from', () =>
    git.run(
      [
        'fetch',
        '-q',
        '--no-tags',
        'origin',
        `+refs/heads/${branch}:${tracking}`,
      ],
      { cwd },
    ),
  );
  if (lazy) {
    // No files, as a fresh lazy clone: what an earlier attempt wrote goes.
    await git.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd });
    await git.run(['update-ref', `refs/heads/${branch}`, tracking], { cwd });
    const entries = await fs.readdir(cwd);
    await Promise.all(
      entries
        .filter(entry => entry !== '.git')
        .map(entry => fs.rm(path.join(cwd, entry), { recursive: true })),
    );
    await fs.rm(path.join(cwd, '.git', 'index'), { force: true });
  } else {
    await git.run(['checkout', '-q', '-f', '-B', branch, tracking], { cwd });
    await git.run(['reset', '-q', '--hard', tracking], { cwd });
    await git.run(['clean', '-q', '-f', '-d', '-x'], { cwd });
  }
  return headOf(git, cwd);
}

/**
 * The .gitignore files of a lazy checkout, so that what git ignores there is
 * what it ignores in a full one (a file a step leaves in an ignored place is
 * not published). A repository without any is fine. When the actions read
 * this commit before (the platform repositories, checked out by task after
 * task), they come from those files without starting git; git itself does
 * not follow a .gitignore that is a symbolic link, which those files leave
 * out too.
 */
async function checkOutIgnoreRules(git: Git, cwd: string): Promise<void> {
  const cached = await cachedCommittedFiles(cwd);
  if (cached) {
    const { files } = cached;
    await Promise.all(
      files
        .paths()
        .filter(file => path.posix.basename(file) === '.gitignore')
        .map(async file => {
          const target = path.join(cwd, ...file.split('/'));
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.writeFile(target, (await files.read(file))!);
        }),
    );
    return;
  }
  const result = await git.run(
    ['checkout', 'HEAD', '--', ':(glob)**/.gitignore'],
    { cwd, okExitCodes: [1] },
  );
  if (result.exitCode !== 0 && !/did not match any file/.test(result.stderr)) {
    throw new GitCommandError(
      `git checkout failed: ${result.stderr.trim()}`,
      result.exitCode,
      result.stderr,
    );
  }
}
