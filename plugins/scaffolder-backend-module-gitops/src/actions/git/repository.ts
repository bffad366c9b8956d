import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Git, GitAuthor, GitCommandError } from './git';
import { GitRemote } from './remote';

export const DEFAULT_AUTHOR: GitAuthor = {
  name: 'Scaffolder',
  email: 'scaffolder@backstage.io',
};

/**
 * A folder of the task workspace named by an input; refuses paths that leave
 * the workspace (`..`, absolute paths, symlinks pointing out).
 */
export function workspaceChild(
  workspacePath: string,
  value: string,
  inputName: string,
): string {
  try {
    return resolveSafeChildPath(workspacePath, value);
  } catch {
    throw new InputError(
      `${inputName} '${value}' is outside the task workspace; give a folder inside it, relative to the workspace, e.g. 'service'`,
    );
  }
}

/** Like {@link workspaceChild}, and the folder must exist. */
export async function existingWorkspaceFolder(
  workspacePath: string,
  value: string,
  inputName: string,
  hint: string,
): Promise<string> {
  const folder = workspaceChild(workspacePath, value, inputName);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(
      `${inputName} '${value}' is not a folder in the task workspace; ${hint}`,
    );
  }
  return folder;
}

/** A line break or other control character, which no name or identity takes. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** Whether a checkout's .git holds a marker file an action left there. */
export async function hasGitMarker(
  root: string,
  marker: string,
): Promise<boolean> {
  return fs.stat(path.join(root, '.git', marker)).then(
    () => true,
    () => false,
  );
}

/** Whether a folder is the top of a git checkout (not just inside one). */
export async function isCheckout(folder: string): Promise<boolean> {
  return fs
    .stat(path.join(folder, '.git'))
    .then(() => true)
    .catch(() => false);
}

/**
 * Whether git accepts a name for a new branch (what `git check-ref-format
 * --branch` checks), decided here rather than by a git process per name:
 * no control characters, space, '~', '^', ':', '?', '*', '[' or '\\'; no
 * '..' or '@{'; no empty component, none starting with '.' or ending in
 * '.lock'; not ending in '.'; not '-x' (read as an option), '@' or 'HEAD'.
 */
export function isValidBranchName(name: string): boolean {
  if (!name || name === '@' || name === 'HEAD' || name.startsWith('-')) {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  if (name.includes('..') || name.includes('@{') || name.endsWith('.')) {
    return false;
  }
  return name
    .split('/')
    .every(
      part => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'),
    );
}

/** The branch name, as git would accept it for `git branch <name>`. */
export function checkBranchName(name: string, inputName: string): void {
  if (!name.trim()) {
    throw new InputError(
      `${inputName} is empty; give a branch name, e.g. 'main' or 'add-catalog-service'`,
    );
  }
  if (!isValidBranchName(name)) {
    throw new InputError(
      `${inputName} '${name}' is not a valid git branch name; use letters, digits, '-', '_', '.' and '/', without spaces, '..', '~', '^', ':', '?', '*', '[' or a leading '-'`,
    );
  }
}

/** The author of commits from the gitAuthorName / gitAuthorEmail inputs. */
export function readAuthor(input: {
  gitAuthorName?: string;
  gitAuthorEmail?: string;
}): GitAuthor {
  const name = input.gitAuthorName ?? DEFAULT_AUTHOR.name;
  const email = input.gitAuthorEmail ?? DEFAULT_AUTHOR.email;
  // git drops '<' and '>' and refuses empty identities; say so up front.
  if (!name.trim() || /[<>]/.test(name) || CONTROL_CHARACTER.test(name)) {
    throw new InputError(
      `gitAuthorName '${name}' is not a valid author name; give a name without '<', '>' or line breaks, e.g. 'Scaffolder'`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (!/^[^\s<>@\x00-\x1f]+@[^\s<>@\x00-\x1f]+$/.test(email)) {
    throw new InputError(
      `gitAuthorEmail '${email}' is not an email address; e.g. 'scaffolder@backstage.io'`,
    );
  }
  return { name, email };
}

/** The commit message input, or its default; never blank. */
export function readMessage(
  value: string | undefined,
  fallback: string,
  inputName: string,
): string {
  const message = value ?? fallback;
  if (message.includes('\0')) {
    throw new InputError(
      `${inputName} contains a NUL character, which a commit message cannot hold`,
    );
  }
  if (!message.trim()) {
    throw new InputError(
      `${inputName} is empty; give the commit message, e.g. 'Add catalog-service'`,
    );
  }
  return message;
}

/** The token, if the remote is one it can be sent to. */
export function tokenFor(
  remote: GitRemote,
  token: string | undefined,
  logger: LoggerService,
): string | undefined {
  if (!token) return undefined;
  if (remote.kind !== 'http') {
    logger.warn(
      `The token input is only used with https remotes; ${remote.display} is reached without it`,
    );
    return undefined;
  }
  if (!remote.tokenOrigin) {
    logger.warn(
      `The token input is not sent over plain http to another machine; ${remote.display} is reached without it (use https)`,
    );
    return undefined;
  }
  return token;
}

/** Errors of git talking to a remote, named after the remote. */
export async function withRemote<T>(
  remote: GitRemote,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new Error(
        `Could not ${what} ${remote.display}: ${error.message.replace(
          /^git \S+ failed: /,
          '',
        )}`,
      );
    }
    throw error;
  }
}

/** The commit a branch of the remote points to, or undefined if it has none. */
export async function remoteBranchTip(
  git: Git,
  remote: GitRemote,
  branch: string,
  cwd?: string,
): Promise<string | undefined> {
  const result = await withRemote(remote, 'read', () =>
    git.run(['ls-remote', '--exit-code', remote.url, `refs/heads/${branch}`], {
      cwd: cwd ?? os.tmpdir(),
      okExitCodes: [2],
    }),
  );
  // Patterns match the tail of a ref: refs/heads/x/refs/heads/main matches too.
  const ref = `refs/heads/${branch}`;
  return result.stdout
    .split('\n')
    .map(line => line.split('\t'))
    .find(([, name]) => name === ref)?.[0];
}

/** Makes sure a commit of the remote is in the local object store. */
export async function fetchCommit(
  git: Git,
  remote: GitRemote,
  branch: string,
  commit: string,
  cwd: string,
): Promise<void> {
  const present = await git.run(['cat-file', '-e', `${commit}^{commit}`], {
    cwd,
    okExitCodes: [1, 128],
  });
  if (present.exitCode === 0) return;
  await withRemote(remote, 'fetch from', () =>
    git.run(['fetch', '-q', '--no-tags', remote.url, `refs/heads/${branch}`], {
      cwd,
    }),
  );
}

export async function treeOf(
  git: Git,
  commit: string,
  cwd: string,
): Promise<string> {
  return git.text(['rev-parse', `${commit}^{tree}`], { cwd });
}

/** Whether a commit is in the history of another (or is it). */
export async function isAncestor(
  git: Git,
  cwd: string,
  ancestor: string,
  of: string,
): Promise<boolean> {
  const result = await git.run(['merge-base', '--is-ancestor', ancestor, of], {
    cwd,
    okExitCodes: [1],
  });
  return result.exitCode === 0;
}

/**
 * Creates a bare repository at a local remote's path when nothing is there yet
 * (missing or an empty folder). Anything else is left for git to accept or
 * refuse, so a folder that is not a repository fails with git's own reason.
 */
export async function ensureLocalBareRepository(
  git: Git,
  remotePath: string,
  defaultBranch: string,
): Promise<boolean> {
  const entries = await fs.readdir(remotePath).catch(error => {
    if (error.code === 'ENOENT') return undefined;
    if (error.code === 'ENOTDIR') return ['(a file)'];
    throw error;
  });
  if (entries && entries.length > 0) return false;
  await fs.mkdir(remotePath, { recursive: true });
  await git.run([
    'init',
    '-q',
    '--bare',
    `--initial-branch=${defaultBranch}`,
    remotePath,
  ]);
  return true;
}

/**
 * Folders under `root` that are git checkouts of their own. Publishing them
 * as part of the parent would record a gitlink without a .gitmodules entry,
 * a broken submodule, so they are left out.
 */
export async function nestedCheckouts(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (await isCheckout(full)) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      } else {
        await walk(full);
      }
    }
  }
  await walk(root);
  return found.sort();
}

/** Adds `/folder/` lines to a repository's info/exclude (once each). */
export async function excludeFolders(
  gitDir: string,
  folders: string[],
): Promise<void> {
  if (folders.length === 0) return;
  const unwritable = folders.find(folder => CONTROL_CHARACTER.test(folder));
  if (unwritable !== undefined) {
    // One line per pattern: a line break would add a pattern of its own.
    throw new InputError(
      `The checkout ${JSON.stringify(
        unwritable,
      )} inside the published folder has a line break or control character in its name; rename it`,
    );
  }
  const file = path.join(gitDir, 'info', 'exclude');
  const current = await fs.readFile(file, 'utf8').catch(() => '');
  const lines = new Set(current.split('\n'));
  const missing = folders
    .map(folder => `/${folder.replace(/([*?[\\!#])/g, '\\$1')}/`)
    .filter(line => !lines.has(line));
  if (missing.length === 0) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(
    file,
    `${current}${current && !current.endsWith('\n') ? '\n' : ''}${missing.join(
      '\n',
    )}\n`,
  );
}

/** A temporary folder outside the workspace, removed afterwards. */
export async function withScratchFolder<T>(
  fn: (folder: string) => Promise<T>,
): Promise<T> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'scaffolder-git-'));
  try {
    return await fn(folder);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
