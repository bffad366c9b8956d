import { InputError } from '@backstage/errors';
import { RecentPromises } from '../recentPromises';
import { TreeFiles } from './RepositoryFiles';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Files larger than this are not configuration; they are left out. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A full object name (SHA-1, or SHA-256 in a repository using it). */
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A revision as git names one: a commit, branch, tag, `HEAD~1`, `main@{1}`. */
const REVISION = /^[A-Za-z0-9_][\w./@{}^~-]*$/;

function git(
  args: string[],
  cwd: string,
  input?: string,
): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', chunk => out.push(chunk));
    child.stderr!.on('data', chunk => {
      stderr += String(chunk);
    });
    child.once('error', reject);
    child.once('close', code =>
      resolve({ stdout: Buffer.concat(out), stderr, code: code ?? 1 }),
    );
    if (child.stdin) {
      // git may exit (a bad object) before it has read everything.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

/**
 * The short commit a folder's git working copy has checked out, or
 * undefined when the folder is not in one.
 *
 * @public
 */
export async function gitHeadOf(folder: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--short', 'HEAD'], folder).catch(
    () => undefined,
  );
  return result?.code === 0 ? result.stdout.toString().trim() : undefined;
}

/** What {@link readGitRevision} read. @public */
export interface GitRevisionFiles {
  /** The full commit the revision names. */
  commit: string;
  /** The folder's files at that commit. */
  files: TreeFiles;
}

/**
 * Recently read revisions, so that reading a commit again (a scaffolder
 * task's checkout, read by several actions; the next task's fresh clone of
 * the same commit) asks git only which commit it is, or nothing at all
 * ({@link readCheckedOutRevision}). A commit's files are the
 * same in every clone and never change, so entries are keyed by commit and
 * folder only and need no expiry; the least recently used goes when the
 * cache is full.
 *
 * @public
 */
export class GitRevisionCache extends RecentPromises<GitRevisionFiles> {
  constructor(size = 8) {
    super(size);
  }
}

/**
 * The files of `folder` (a git working copy, or a folder inside one) as
 * they are at `revision`, read from git's object store: nothing is checked
 * out, so the working copy stays as it is.
 *
 * @public
 */
export async function readGitRevision(
  folder: string,
  revision: string,
  options: { cache?: GitRevisionCache } = {},
): Promise<GitRevisionFiles> {
  if (!REVISION.test(revision) || revision.includes('..')) {
    throw new InputError(
      `'${revision}' is not a git revision; expected a commit, branch or tag, e.g. main, HEAD~1 or 3f2a9c1`,
    );
  }
  const resolved = await git(
    [
      'rev-parse',
      '--absolute-git-dir',
      '--show-prefix',
      '--verify',
      '--quiet',
      `${revision}^{commit}`,
    ],
    folder,
  );
  const [gitDir, prefix, commit] = resolved.stdout.toString().split('\n');
  if (resolved.code !== 0 || !commit) {
    throw new InputError(
      gitDir && resolved.code === 1
        ? `Unknown git revision '${revision}' in ${folder}`
        : `${folder} is not in a git working copy, so revision '${revision}' cannot be read`,
    );
  }
  const read = () => readCommit(folder, commit);
  return options.cache
    ? options.cache.get(revisionKey(prefix, commit), read)
    : read();
}

/**
 * The full commit a working copy checked out at `root` (the folder holding
 * `.git`) is at, read from its `.git` folder without starting git: HEAD
 * naming a commit, or a branch whose ref is a loose file or in packed-refs.
 * Undefined for anything else (no commit yet, a `.git` file of a worktree, a
 * reftable repository, a symbolic ref chain): then ask git.
 *
 * @public
 */
export async function readHeadCommit(
  root: string,
): Promise<string | undefined> {
  const gitDir = path.join(root, '.git');
  const read = (file: string) =>
    fs.readFile(path.join(gitDir, file), 'utf8').then(
      text => text,
      () => undefined,
    );
  const head = (await read('HEAD'))?.trim();
  if (!head) return undefined;
  if (OBJECT_ID.test(head)) return head;
  const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
  // A name git would not write stays with git (and out of other folders).
  if (!ref || ref.split('/').some(part => part === '' || part === '..')) {
    return undefined;
  }
  const loose = await read(ref);
  if (loose !== undefined) {
    const commit = loose.trim();
    return OBJECT_ID.test(commit) ? commit : undefined;
  }
  for (const line of (await read('packed-refs'))?.split('\n') ?? []) {
    const [commit, name] = line.split(' ');
    if (name === ref && OBJECT_ID.test(commit)) return commit;
  }
  return undefined;
}

/**
 * The files of the commit checked out at `root` (the folder holding `.git`),
 * as `readGitRevision(root, 'HEAD')` reads them, but with HEAD read from
 * `.git` when {@link readHeadCommit} can: a commit the cache holds then costs
 * no git process at all.
 *
 * @public
 */
export async function readCheckedOutRevision(
  root: string,
  options: { cache?: GitRevisionCache } = {},
): Promise<GitRevisionFiles> {
  const commit = await readHeadCommit(root);
  if (!commit) return readGitRevision(root, 'HEAD', options);
  const read = () => readCommit(root, commit);
  return options.cache
    ? options.cache.get(revisionKey('', commit), read)
    : read();
}

/**
 * What {@link readCheckedOutRevision} would answer from the cache alone, or
 * undefined when that needs git.
 *
 * @public
 */
export async function cachedCheckedOutRevision(
  root: string,
  cache: GitRevisionCache,
): Promise<GitRevisionFiles | undefined> {
  const commit = await readHeadCommit(root);
  return commit ? cache.peek(revisionKey('', commit)) : undefined;
}

/**
 * A commit's files of a folder, by the folder's path in the repository
 * (`git rev-parse --show-prefix`, '' for its root).
 */
function revisionKey(prefix: string, commit: string) {
  return `${prefix}:${commit}`;
}

async function readCommit(
  folder: string,
  commit: string,
): Promise<GitRevisionFiles> {
  // Paths come relative to the folder (ls-tree's default without --full-name).
  const listing = await git(
    ['ls-tree', '-r', '-z', '-l', commit, '--', '.'],
    folder,
  );
  if (listing.code !== 0) {
    throw new Error(
      `git ls-tree ${commit} failed in ${folder}: ${listing.stderr}`,
    );
  }
  const blobs: Array<{ object: string; path: string }> = [];
  for (const entry of listing.stdout.toString('utf8').split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(entry);
    if (!match) continue;
    const [, mode, type, object, size, file] = match;
    if (type !== 'blob' || mode === '120000' || Number(size) > MAX_FILE_BYTES) {
      continue;
    }
    blobs.push({ object, path: file });
  }

  const contents = await git(
    ['cat-file', '--batch'],
    folder,
    blobs.map(b => b.object).join('\n') + (blobs.length ? '\n' : ''),
  );
  if (contents.code !== 0) {
    throw new Error(`git cat-file failed in ${folder}: ${contents.stderr}`);
  }
  const entries: Record<string, string> = {};
  const out = contents.stdout;
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = out.indexOf(10, offset);
    const [, , size] = out.toString('utf8', offset, headerEnd).split(' ');
    const start = headerEnd + 1;
    const end = start + Number(size);
    entries[blob.path] = out.toString('utf8', start, end);
    offset = end + 1;
  }
  return { commit, files: TreeFiles.fromEntries(entries) };
}
