import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGit, Git, GitActionOptions, GitCommandError } from './git';
import { isLazyCheckout } from './lazyCheckout';
import { examples } from './publishGitChange.examples';
import { changeUrl, GitRemote, parseRemote } from './remote';
import {
  checkBranchName,
  existingWorkspaceFolder,
  fetchCommit,
  isAncestor,
  isCheckout,
  readAuthor,
  readMessage,
  remoteBranchTip,
  tokenFor,
  treeOf,
  withRemote,
  withScratchFolder,
} from './repository';

/**
 * `publish:git:change` commits what steps changed in a checkout on a new
 * branch and pushes it for review; for local repositories it can also merge
 * it, as there is no review system there.
 *
 * @public
 */
export function createPublishGitChangeAction(options: GitActionOptions = {}) {
  return createTemplateAction({
    id: 'publish:git:change',
    description:
      "Commits what changed in a checkout of the task workspace (made by git:clone) as one commit on a new branch and pushes that branch to the checkout's origin, as a change to review and merge into targetBranch. The checkout itself is left as it is. Nothing changed: succeeds with changed false and pushes nothing. With merge: true and a local repository (path or file://), the branch is also merged into targetBranch there: a local repository has no review system, so this stands for the auto-merged change.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z.string({
            description:
              "The checkout to commit, relative to the task workspace: the targetPath of git:clone, e.g. 'gitops'.",
          }),
        branchName: z =>
          z.string({
            description:
              "The new branch that carries the change, e.g. 'add-catalog-service'.",
          }),
        targetBranch: z =>
          z
            .string({
              description:
                "The branch the change is for (to review it against and to merge it into). The default value is 'main'.",
            })
            .default('main')
            .optional(),
        gitCommitMessage: z =>
          z
            .string({
              description:
                "Message of the commit: what the change does. The default value is 'Update from the scaffolder (<branchName>)'.",
            })
            .optional(),
        repoUrl: z =>
          z
            .string({
              description:
                "Where to push the branch, if not to the checkout's origin: an absolute path, file://, https://, ssh:// or git@host:owner/repo.git remote.",
            })
            .optional(),
        merge: z =>
          z
            .boolean({
              description:
                'Also merge the branch into targetBranch (fast-forward when possible, otherwise a merge commit). Only for local repositories (path or file://), which have no review system; on a hosted remote, open and merge a pull request instead. The default value is false.',
            })
            .default(false)
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
                'Token for an https remote, e.g. ${{ secrets.USER_OAUTH_TOKEN }}. It is sent as an HTTP header to that host only and never stored in the checkout or logged.',
            })
            .optional(),
      },
      output: {
        branchName: z =>
          z.string({ description: 'The branch that carries the change.' }),
        commitHash: z =>
          z.string({
            description:
              'The commit of the change on branchName; when nothing changed, the commit the checkout is at. In a dry run, the commit that would be made (its hash also depends on the time).',
          }),
        changed: z =>
          z.boolean({
            description:
              'False when the checkout had no change: nothing was committed or pushed.',
          }),
        changeUrl: z =>
          z
            .string({
              description:
                'Where to review the change: for a local repository its file:// URL with #<branch>; for GitHub the compare page (which offers the pull request); for GitLab and Bitbucket their new merge/pull request page. Absent when nothing changed.',
            })
            .optional(),
        merged: z =>
          z.boolean({
            description: 'Whether the branch was merged into targetBranch.',
          }),
      },
    },
    async handler(ctx) {
      const { branchName } = ctx.input;
      const targetBranch = ctx.input.targetBranch ?? 'main';
      const merge = ctx.input.merge ?? false;
      const message = readMessage(
        ctx.input.gitCommitMessage,
        `Update from the scaffolder (${branchName})`,
        'gitCommitMessage',
      );
      const author = readAuthor(ctx.input);
      const checkoutDir = await existingWorkspaceFolder(
        ctx.workspacePath,
        ctx.input.sourcePath,
        'sourcePath',
        'check the repository out there first (git:clone)',
      );
      if (!(await isCheckout(checkoutDir))) {
        throw new InputError(
          `sourcePath '${ctx.input.sourcePath}' is not a git checkout; check the repository out there with git:clone first`,
        );
      }
      checkBranchName(branchName, 'branchName');
      checkBranchName(targetBranch, 'targetBranch');
      if (branchName === targetBranch) {
        throw new InputError(
          `branchName '${branchName}' is targetBranch itself; the change needs a branch of its own (to merge it into ${targetBranch} right away, use merge: true with a local repository)`,
        );
      }
      const cwd = checkoutDir;
      // What the checkout holds, asked of git all at once.
      const local = createGit({ gitBinary: options.gitBinary });
      const [remote, head, earlier] = await Promise.all([
        pushRemote(
          checkoutDir,
          ctx.input.sourcePath,
          ctx.input.repoUrl,
          options,
        ),
        readHead(local, cwd),
        localBranch(local, cwd, branchName),
      ]);
      if (!head) {
        throw new InputError(
          `sourcePath '${ctx.input.sourcePath}' is a checkout without any commit; check out an existing branch with git:clone`,
        );
      }
      if (merge && remote.kind !== 'local') {
        throw new InputError(
          `merge: true only works with a local repository (path or file://), not ${remote.display}; there, open a pull request from changeUrl and merge it after review`,
        );
      }
      const git = createGit({
        gitBinary: options.gitBinary,
        author,
        token: tokenFor(remote, ctx.input.token, ctx.logger),
        tokenOrigin: remote.kind === 'http' ? remote.tokenOrigin : undefined,
        signal: ctx.signal,
      });

      ctx.output('branchName', branchName);
      const result = ctx.isDryRun
        ? await previewChange(git, cwd, head, message)
        : await ctx.checkpoint({
            key: `publish.git.change.${remote.url}.${branchName}`,
            fn: () =>
              publishChange({
                git,
                cwd,
                remote,
                head,
                earlier,
                branchName,
                targetBranch,
                message,
                merge,
                log: text => ctx.logger.info(text),
              }),
          });
      const merged = result.changed && merge;
      if (!result.changed) {
        ctx.logger.info(
          `Nothing changed in ${ctx.input.sourcePath}; no branch pushed`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would push ${branchName} to ${remote.display}${
            merge ? ` and merge it into ${targetBranch}` : ''
          }; nothing was written`,
        );
      }
      ctx.output('commitHash', result.commitHash);
      ctx.output('changed', result.changed);
      ctx.output('merged', merged);
      if (result.changed) {
        ctx.output('changeUrl', changeUrl(remote, targetBranch, branchName));
      }
    },
  });
}

/** repoUrl if given, otherwise the checkout's origin. */
async function pushRemote(
  checkoutDir: string,
  sourcePath: string,
  repoUrl: string | undefined,
  options: GitActionOptions,
): Promise<GitRemote> {
  if (repoUrl) return parseRemote(repoUrl, options);
  const git = createGit({ gitBinary: options.gitBinary });
  const origin = await git.text(['config', '--get', 'remote.origin.url'], {
    cwd: checkoutDir,
    okExitCodes: [1],
  });
  if (!origin) {
    throw new InputError(
      `sourcePath '${sourcePath}' is a checkout without an origin remote; give repoUrl`,
    );
  }
  return parseRemote(origin, {
    ...options,
    inputName: `The origin of sourcePath '${sourcePath}'`,
  });
}

type ChangeResult = { changed: boolean; commitHash: string };

/** What a checkout has checked out, read by one git process. */
interface CheckoutHead {
  gitDir: string;
  commit: string;
  tree: string;
  /** `refs/heads/<branch>`, or `HEAD` when detached. */
  ref: string;
}

/** The checkout's HEAD, or undefined when it has no commit yet. */
async function readHead(
  git: Git,
  cwd: string,
): Promise<CheckoutHead | undefined> {
  const result = await git.run(
    [
      'rev-parse',
      '--absolute-git-dir',
      'HEAD^{commit}',
      'HEAD^{tree}',
      '--symbolic-full-name',
      'HEAD',
    ],
    { cwd, okExitCodes: [128] },
  );
  const [gitDir, commit, tree, ref] = result.stdout.split('\n');
  if (result.exitCode === 0) return { gitDir, commit, tree, ref };
  if (/unknown revision/.test(result.stderr)) return undefined;
  throw new GitCommandError(
    `git rev-parse failed: ${result.stderr.trim()}`,
    result.exitCode,
    result.stderr,
  );
}

/**
 * The tree of the checkout as it is now (tracked and untracked files, minus
 * ignored ones), staged in a scratch index so that the checkout's own index,
 * HEAD and files stay as they are. For a lazy checkout (git:clone with
 * `lazy: true`), its files over HEAD's: a missing file is unchanged.
 */
async function workingTree(
  git: Git,
  cwd: string,
  gitDir: string,
  scratch: string,
  env: Record<string, string> = {},
): Promise<string> {
  const index = path.join(scratch, 'index');
  const scratchEnv = { ...env, GIT_INDEX_FILE: index };
  if (await isLazyCheckout(cwd)) {
    await git.run(['read-tree', 'HEAD'], { cwd, env: scratchEnv });
    await git.run(['add', '--ignore-removal', '.'], { cwd, env: scratchEnv });
    return git.text(['write-tree'], { cwd, env: scratchEnv });
  }
  const original = path.join(gitDir, 'index');
  const stat = await fs.stat(original).catch(error => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat) {
    await fs.copyFile(original, index);
    // git trusts an entry whose size and mtime match unless the entry is as
    // new as the index file ("racily clean"). A copy with a fresh mtime would
    // hide files edited in the same second as the checkout; keep the
    // original's (Date rounds down, which only makes git check more files).
    await fs.utimes(index, stat.atime, stat.mtime);
  }
  await git.run(['add', '-A'], { cwd, env: scratchEnv });
  return git.text(['write-tree'], { cwd, env: scratchEnv });
}

/**
 * What publishing would do, computed with a scratch object store in front of
 * the checkout's (git reads both, writes only the scratch one), so a dry run
 * leaves even .git untouched.
 */
async function previewChange(
  git: Git,
  cwd: string,
  head: CheckoutHead,
  message: string,
): Promise<ChangeResult> {
  return withScratchFolder(async scratch => {
    const objects = path.resolve(
      cwd,
      await git.text(['rev-parse', '--git-path', 'objects'], { cwd }),
    );
    const env = {
      GIT_OBJECT_DIRECTORY: path.join(scratch, 'objects'),
      GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
    };
    await fs.mkdir(env.GIT_OBJECT_DIRECTORY);
    const tree = await workingTree(git, cwd, head.gitDir, scratch, env);
    if (tree === head.tree) {
      return { changed: false, commitHash: head.commit };
    }
    const commitHash = await git.text(
      ['commit-tree', tree, '-p', head.commit, '-m', message],
      { cwd, env },
    );
    return { changed: true, commitHash };
  });
}

interface PublishOptions {
  git: Git;
  cwd: string;
  remote: GitRemote;
  head: CheckoutHead;
  /** The branch in the checkout, left by an earlier attempt. */
  earlier?: LocalBranch;
  branchName: string;
  targetBranch: string;
  message: string;
  merge: boolean;
  log: (text: string) => void;
}

async function publishChange(options: PublishOptions): Promise<ChangeResult> {
  const { git, cwd, head, earlier, branchName, targetBranch, message, log } =
    options;
  const tree = await withScratchFolder(scratch =>
    workingTree(git, cwd, head.gitDir, scratch),
  );
  if (tree === head.tree) {
    return { changed: false, commitHash: head.commit };
  }
  // An earlier attempt's commit of the same files on the same base is
  // pushed again rather than a new one.
  let commit =
    earlier?.parents === head.commit && earlier.tree === tree
      ? earlier.commit
      : await git.text(
          ['commit-tree', tree, '-p', head.commit, '-m', message],
          {
            cwd,
          },
        );
  // The branch in the checkout too, for a retry to find its commit.
  const keepLocal = (hash: string) =>
    head.ref === `refs/heads/${branchName}` || hash === earlier?.commit
      ? Promise.resolve()
      : git.run(['update-ref', `refs/heads/${branchName}`, hash], { cwd });
  const [pushed] = await Promise.all([
    pushNewBranch(options, commit),
    keepLocal(commit),
  ]);
  if (pushed) {
    log(
      options.merge
        ? `Pushed ${branchName} (${commit}) to ${options.remote.display} and fast-forwarded ${targetBranch} to it`
        : `Pushed ${branchName} (${commit}) to ${options.remote.display}`,
    );
    return { changed: true, commitHash: commit };
  }
  // The branch is there already (a retry, or someone else's) or
  // targetBranch moved on: look closer.
  const pushedCommit = await pushBranch(options, tree, commit);
  if (pushedCommit !== commit) {
    commit = pushedCommit;
    await keepLocal(commit);
  }
  if (options.merge) {
    await mergeIntoTarget(git, cwd, options.remote, commit, options);
  }
  return { changed: true, commitHash: commit };
}

/**
 * The usual case in one push: the branch is new (and, with merge,
 * targetBranch has not moved, so it fast-forwards in the same atomic push).
 * False when git refuses only because a branch is not where that assumes;
 * any other refusal is an error naming the remote.
 */
async function pushNewBranch(
  options: PublishOptions,
  commit: string,
): Promise<boolean> {
  const { git, cwd, remote, branchName, targetBranch, merge } = options;
  const refspecs = [`${commit}:refs/heads/${branchName}`];
  if (merge) refspecs.push(`${commit}:refs/heads/${targetBranch}`);
  const result = await withRemote(remote, 'push to', () =>
    git.run(
      [
        'push',
        '-q',
        '--porcelain',
        // The branch must be new: one that exists, even at an ancestor of
        // this commit, is someone's and is looked at closer, not advanced.
        `--force-with-lease=refs/heads/${branchName}:`,
        ...(merge ? ['--atomic'] : []),
        remote.url,
        ...refspecs,
      ],
      { cwd, okExitCodes: [1] },
    ),
  );
  if (result.exitCode === 0) return true;
  const refused = result.stdout
    .split('\n')
    .filter(line => line.startsWith('!'));
  if (
    refused.length > 0 &&
    refused.every(line => /\t\[rejected\]/.test(line))
  ) {
    return false;
  }
  throw new Error(
    `Could not push to ${remote.display}: ${
      result.stderr.trim() || refused.join('; ') || 'git push failed'
    }`,
  );
}

/**
 * Pushes the change's branch when the remote may have it already: this
 * commit, or one with the same files (an earlier attempt's), is taken as
 * pushed rather than pushed again.
 */
async function pushBranch(
  options: PublishOptions,
  tree: string,
  fresh: string,
): Promise<string> {
  const { git, cwd, remote, branchName, log } = options;
  let commit = fresh;
  const remoteTip = await remoteBranchTip(git, remote, branchName, cwd);
  if (remoteTip) await fetchCommit(git, remote, branchName, remoteTip, cwd);
  if (remoteTip && (await isAncestor(git, cwd, commit, remoteTip))) {
    // This task's commit is there, maybe with review fixes on top.
    log(
      `${remote.display} already has ${branchName} with ${commit}; not pushing`,
    );
  } else if (remoteTip) {
    if ((await treeOf(git, remoteTip, cwd)) !== tree) {
      throw new InputError(
        `${remote.display} already has a branch ${branchName} with other content (commit ${remoteTip}); choose another branchName`,
      );
    }
    log(
      `${remote.display} already has ${branchName} with this change (${remoteTip}); not pushing`,
    );
    commit = remoteTip;
  } else {
    await withRemote(remote, 'push to', () =>
      git.run(
        ['push', '-q', remote.url, `${commit}:refs/heads/${branchName}`],
        { cwd },
      ),
    );
    log(`Pushed ${branchName} (${commit}) to ${remote.display}`);
  }
  return commit;
}

interface LocalBranch {
  commit: string;
  tree: string;
  /** Its parents, one per line (as `rev-parse <commit>^@` prints them). */
  parents: string;
}

/** A branch of the checkout, if it has one of that name. */
async function localBranch(
  git: Git,
  cwd: string,
  branchName: string,
): Promise<LocalBranch | undefined> {
  const ref = `refs/heads/${branchName}`;
  // for-each-ref also lists refs below the name (refs/heads/<name>/x).
  const listing = await git.text(
    [
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(tree)%00%(parent)',
      ref,
    ],
    { cwd },
  );
  const line = listing
    .split('\n')
    .map(entry => entry.split('\0'))
    .find(([name]) => name === ref);
  if (!line) return undefined;
  const [, commit, tree, parents] = line;
  return { commit, tree, parents: parents.split(' ').join('\n') };
}

/**
 * Merges the pushed branch into targetBranch of a local repository: a
 * fast-forward when targetBranch has not moved, otherwise a merge commit.
 * Already merged (a retry) is left alone.
 */
async function mergeIntoTarget(
  git: Git,
  cwd: string,
  remote: GitRemote,
  commit: string,
  options: {
    branchName: string;
    targetBranch: string;
    log: (text: string) => void;
  },
) {
  const { branchName, targetBranch, log } = options;
  const targetTip = await remoteBranchTip(git, remote, targetBranch, cwd);
  if (!targetTip) {
    throw new InputError(
      `${remote.display} has no branch ${targetBranch} to merge ${branchName} into; check targetBranch (${branchName} was pushed)`,
    );
  }
  await fetchCommit(git, remote, targetBranch, targetTip, cwd);
  if (await isAncestor(git, cwd, commit, targetTip)) {
    log(`${targetBranch} of ${remote.display} already contains ${branchName}`);
    return;
  }
  let merged = commit;
  if (!(await isAncestor(git, cwd, targetTip, commit))) {
    const mergeTree = await git.run(
      ['merge-tree', '--write-tree', '--name-only', targetTip, commit],
      { cwd, okExitCodes: [1] },
    );
    if (mergeTree.exitCode === 1) {
      const conflicts = mergeTree.stdout
        .split('\n\n')[0]
        .split('\n')
        .slice(1)
        .filter(Boolean);
      throw new Error(
        `Could not merge ${branchName} into ${targetBranch} of ${
          remote.display
        }: both changed ${conflicts.join(
          ', ',
        )}. ${branchName} was pushed; merge it by hand`,
      );
    }
    merged = await git.text(
      [
        'commit-tree',
        mergeTree.stdout.split('\n')[0],
        '-p',
        targetTip,
        '-p',
        commit,
        '-m',
        `Merge branch '${branchName}' into ${targetBranch}`,
      ],
      { cwd },
    );
  }
  // Not forced: if targetBranch moved meanwhile, git refuses instead of
  // dropping what was added there.
  await withRemote(remote, 'push to', () =>
    git.run(
      ['push', '-q', remote.url, `${merged}:refs/heads/${targetBranch}`],
      {
        cwd,
      },
    ),
  );
  log(
    `Merged ${branchName} into ${targetBranch} of ${remote.display} (${merged})`,
  );
}
