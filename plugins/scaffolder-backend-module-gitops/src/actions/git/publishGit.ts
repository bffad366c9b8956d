import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGit, Git, GitActionOptions, GitRunOptions } from './git';
import { examples } from './publishGit.examples';
import {
  GitRemote,
  isSameRemote,
  parseRemote,
  repoContentsUrl,
} from './remote';
import {
  checkBranchName,
  ensureLocalBareRepository,
  excludeFolders,
  existingWorkspaceFolder,
  fetchCommit,
  hasGitMarker,
  isAncestor,
  isCheckout,
  nestedCheckouts,
  readAuthor,
  readMessage,
  remoteBranchTip,
  tokenFor,
  treeOf,
  withRemote,
  withScratchFolder,
} from './repository';

/**
 * `publish:git` publishes a workspace folder as a new repository on any git
 * remote, with the git binary: a local path or file:// URL (the bare
 * repository is created there), or an https/ssh remote that already exists.
 *
 * @public
 */
export function createPublishGitAction(options: GitActionOptions = {}) {
  return createTemplateAction({
    id: 'publish:git',
    description:
      'Publishes a folder of the task workspace as a new git repository: commits its files and pushes them to any git remote. For a local path or file:// URL the bare repository is created when missing; https and ssh remotes must already exist (create them first, e.g. with github:repo:create). Refuses a remote whose branch already holds other content. The folder becomes a checkout of the new repository, so publish:git:change can follow.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'The new repository: an absolute path or file:// URL on the Backstage host, or an https://, ssh:// or git@host:owner/repo.git remote.',
          }),
        sourcePath: z =>
          z
            .string({
              description:
                'Folder of the task workspace to publish, relative to it. Defaults to the whole workspace. Git checkouts inside it (from git:clone) are left out.',
            })
            .optional(),
        defaultBranch: z =>
          z
            .string({
              description:
                "The branch to publish to, and the default branch of a repository created here. The default value is 'main'.",
            })
            .default('main')
            .optional(),
        gitCommitMessage: z =>
          z
            .string({
              description:
                "Message of the repository's first commit. The default value is 'Initial commit'.",
            })
            .default('Initial commit')
            .optional(),
        gitAuthorName: z =>
          z
            .string({
              description:
                "Author and committer name of the commit. The default value is 'Scaffolder'.",
            })
            .default('Scaffolder')
            .optional(),
        gitAuthorEmail: z =>
          z
            .string({
              description:
                "Author and committer email of the commit. The default value is 'scaffolder@backstage.io'.",
            })
            .default('scaffolder@backstage.io')
            .optional(),
        token: z =>
          z
            .string({
              description:
                'Token for an https remote, e.g. ${{ secrets.USER_OAUTH_TOKEN }}. It is sent as an HTTP header to that host only and never stored in the repository or logged.',
            })
            .optional(),
      },
      output: {
        remoteUrl: z =>
          z.string({
            description: 'The remote the repository was pushed to.',
          }),
        repoContentsUrl: z =>
          z.string({
            description:
              "Where the published branch's files are: for a local remote its file:// URL with #<branch>, otherwise the branch's page on the host.",
          }),
        commitHash: z =>
          z.string({
            description:
              'The published commit. In a dry run, the commit that would be made (its hash also depends on the time).',
          }),
      },
    },
    async handler(ctx) {
      const remote = parseRemote(ctx.input.repoUrl, options);
      const branch = ctx.input.defaultBranch ?? 'main';
      const author = readAuthor(ctx.input);
      const message = readMessage(
        ctx.input.gitCommitMessage,
        'Initial commit',
        'gitCommitMessage',
      );
      const sourcePath = ctx.input.sourcePath ?? '.';
      const sourceDir = await existingWorkspaceFolder(
        ctx.workspacePath,
        sourcePath,
        'sourcePath',
        'write the files there first (fetch:template)',
      );
      const git = createGit({
        gitBinary: options.gitBinary,
        author,
        token: tokenFor(remote, ctx.input.token, ctx.logger),
        tokenOrigin: remote.kind === 'http' ? remote.tokenOrigin : undefined,
        signal: ctx.signal,
      });
      checkBranchName(branch, 'defaultBranch');
      await checkNotOtherCheckout(git, sourceDir, sourcePath, remote);
      const skipped = await nestedCheckouts(sourceDir);
      for (const folder of skipped) {
        ctx.logger.info(
          `Leaving out ${folder}/: it is a git checkout of its own`,
        );
      }

      const contentsUrl = repoContentsUrl(remote, branch);
      const commitHash = ctx.isDryRun
        ? await previewCommit(git, sourceDir, skipped, message)
        : await ctx.checkpoint({
            key: `publish.git.${remote.url}.${branch}`,
            fn: () =>
              publish({
                git,
                remote,
                branch,
                sourceDir,
                skipped,
                message,
                log: text => ctx.logger.info(text),
              }),
          });
      ctx.logger.info(
        ctx.isDryRun
          ? `Dry run: would publish ${sourcePath} to ${remote.display} (${branch}); nothing was written`
          : `Published ${sourcePath} to ${remote.display} (${branch} at ${commitHash})`,
      );
      ctx.output('remoteUrl', remote.display);
      ctx.output('repoContentsUrl', contentsUrl);
      ctx.output('commitHash', commitHash);
    },
  });
}

/**
 * Marks, in .git, a repository this step initialised, so that a retry knows
 * its own from a checkout of the same remote (git:clone), whose changes a
 * publish of a new repository would silently drop.
 */
const MARKER = 'goldenpath-publish-git';

/**
 * The folder may already be a repository: the one a failed earlier attempt
 * of this step initialised. A checkout of this or another remote is not
 * published as a new repository.
 */
async function checkNotOtherCheckout(
  git: Git,
  sourceDir: string,
  sourcePath: string,
  remote: GitRemote,
) {
  if (!(await isCheckout(sourceDir))) return;
  const origin = await git.text(['config', '--get', 'remote.origin.url'], {
    cwd: sourceDir,
    okExitCodes: [1],
  });
  if (isSameRemote(origin, remote)) {
    if (await hasGitMarker(sourceDir, MARKER)) return;
    throw new InputError(
      `sourcePath '${sourcePath}' is a checkout of ${remote.display}, which exists already; publish:git publishes new repositories. To change that one, use publish:git:change`,
    );
  }
  // An attempt that failed before anything reached a remote leaves a
  // repository that never fetched or pushed: publish() points it at the new
  // remote. A real checkout (git:clone) has remote-tracking refs.
  const neverPublished =
    origin &&
    !(await git.text(['for-each-ref', '--count=1', 'refs/remotes'], {
      cwd: sourceDir,
    }));
  if (!neverPublished) {
    throw new InputError(
      `sourcePath '${sourcePath}' is already a git checkout${
        origin ? ` of ${origin}` : ''
      }, not a folder to publish as the new repository ${
        remote.display
      }; to change that repository use publish:git:change, or publish a folder that is not a checkout`,
    );
  }
}

async function publish(options: {
  git: Git;
  remote: GitRemote;
  branch: string;
  sourceDir: string;
  skipped: string[];
  message: string;
  log: (text: string) => void;
}): Promise<string> {
  const { git, remote, branch, sourceDir, skipped, message, log } = options;
  const cwd = sourceDir;
  if (remote.kind === 'local') {
    if (await ensureLocalBareRepository(git, remote.path, branch)) {
      log(`Created the bare repository ${remote.path}`);
    }
  }
  if (!(await isCheckout(sourceDir))) {
    await git.run(['init', '-q', `--initial-branch=${branch}`], { cwd });
    await fs.writeFile(
      path.join(sourceDir, '.git', MARKER),
      'Initialised by publish:git: a retry of the step continues here.\n',
    );
    await git.run(['remote', 'add', 'origin', remote.url], { cwd });
  } else {
    await git.run(['remote', 'set-url', 'origin', remote.url], { cwd });
  }
  await excludeFolders(path.join(sourceDir, '.git'), skipped);

  const head = await localHead(git, cwd);
  const remoteTip = await remoteBranchTip(git, remote, branch, cwd);
  if (remoteTip) await fetchCommit(git, remote, branch, remoteTip, cwd);
  if (head && remoteTip && (await isAncestor(git, cwd, head, remoteTip))) {
    // This task's commit is there (maybe with later commits by others).
    log(`${remote.display} already has this commit (${head}); not pushing`);
    return head;
  }

  await git.run(['add', '-A'], { cwd });
  const tree = await git.text(['write-tree'], { cwd });
  if (!head) {
    // A retried init may have left HEAD on another unborn branch name.
    await git.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd });
    await commit(git, { cwd }, message);
  } else if ((await treeOf(git, head, cwd)) !== tree) {
    // The earlier attempt's commit was never pushed: replace it, so the new
    // repository still starts with a single commit.
    await commit(git, { cwd }, message, ['--amend']);
  }
  let published = (await localHead(git, cwd))!;

  if (remoteTip) {
    if ((await treeOf(git, remoteTip, cwd)) !== tree) {
      throw new InputError(
        `${remote.display} already has a branch ${branch} with other content (commit ${remoteTip}); publish:git only publishes new repositories. Choose another repoUrl, or change that repository with git:clone and publish:git:change`,
      );
    }
    // Same files: a commit of an earlier attempt whose result was lost.
    await git.run(['reset', '-q', '--soft', remoteTip], { cwd });
    await git.run(['update-ref', `refs/remotes/origin/${branch}`, remoteTip], {
      cwd,
    });
    log(
      `${remote.display} already has these files (${remoteTip}); not pushing`,
    );
    published = remoteTip;
  } else {
    await withRemote(remote, 'push to', () =>
      git.run(['push', '-q', 'origin', `HEAD:refs/heads/${branch}`], { cwd }),
    );
  }
  await git.run(['branch', '-q', `--set-upstream-to=origin/${branch}`], {
    cwd,
  });
  return published;
}

/** A commit of everything staged; a folder without files makes an empty one. */
function commit(
  git: Git,
  runOptions: GitRunOptions,
  message: string,
  extra: string[] = [],
) {
  return git.run(
    ['commit', '-q', '--allow-empty', '--no-verify', ...extra, '-m', message],
    runOptions,
  );
}

async function localHead(git: Git, cwd: string): Promise<string | undefined> {
  const head = await git.text(
    ['rev-parse', '-q', '--verify', 'HEAD^{commit}'],
    { cwd, okExitCodes: [1] },
  );
  return head || undefined;
}

/**
 * The commit publishing would make, built in a scratch repository whose work
 * tree is the folder: nothing is written to the workspace or the remote.
 */
async function previewCommit(
  git: Git,
  sourceDir: string,
  skipped: string[],
  message: string,
): Promise<string> {
  return withScratchFolder(async gitDir => {
    await git.run(['init', '-q', gitDir]);
    const env = {
      GIT_DIR: path.join(gitDir, '.git'),
      GIT_WORK_TREE: sourceDir,
    };
    await excludeFolders(env.GIT_DIR, skipped);
    await git.run(['add', '-A'], { cwd: sourceDir, env });
    await commit(git, { cwd: sourceDir, env }, message);
    return git.text(['rev-parse', 'HEAD'], { cwd: sourceDir, env });
  });
}
