import {
  cachedCheckedOutRevision,
  DirectoryFiles,
  GitRevisionCache,
  OverlayFiles,
  readCheckedOutRevision,
  RepositoryFiles,
  TreeFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { hasGitMarker } from './repository';

/**
 * A lazy checkout (git:clone with `lazy: true`) has the repository's history
 * in .git but starts with no files: steps read the checked-out commit through
 * the actions and write only what they change, so the folder ends up holding
 * exactly the change. This file in .git marks one.
 */
const MARKER = 'goldenpath-lazy-checkout';

/** The commits the steps of tasks read, shared by the actions. */
const committed = new GitRevisionCache(8);

/** Whether a checkout was made by git:clone with `lazy: true`. */
export async function isLazyCheckout(root: string): Promise<boolean> {
  return hasGitMarker(root, MARKER);
}

export async function markLazyCheckout(
  root: string,
  lazy: boolean,
): Promise<void> {
  const marker = path.join(root, '.git', MARKER);
  if (lazy) {
    await fs.writeFile(
      marker,
      'Checked out by git:clone with lazy: true: files not in the folder are as HEAD has them.\n',
    );
  } else {
    await fs.rm(marker, { force: true });
  }
}

/**
 * The files of the commit a checkout has checked out (read once per commit;
 * a commit read before costs no git process).
 */
export function committedFiles(root: string) {
  return readCheckedOutRevision(root, { cache: committed });
}

/** {@link committedFiles} if they were read before, else undefined. */
export function cachedCommittedFiles(root: string) {
  return cachedCheckedOutRevision(root, committed);
}

/**
 * A checkout's files as the steps see them: its folder, or for a lazy
 * checkout what was written there over the files of its commit. Written
 * files replace the old ones atomically but are not flushed to disk one by
 * one: a checkout is a working copy that git commits next (a task that
 * crashes starts again from fresh checkouts; the CLI's run is repeated).
 */
export async function checkoutFiles(root: string): Promise<RepositoryFiles> {
  const folder = new DirectoryFiles(root, { sync: false });
  if (!(await isLazyCheckout(root))) return folder;
  return new OverlayFiles((await committedFiles(root)).files, folder);
}

/**
 * The same files as {@link checkoutFiles}, read into memory at once, for a
 * step that reads a checkout many times and writes nothing (cost:estimate).
 */
export async function checkoutSnapshot(root: string): Promise<RepositoryFiles> {
  const [folder, lazy] = await Promise.all([
    TreeFiles.fromDirectory(root),
    isLazyCheckout(root),
  ]);
  return lazy
    ? new OverlayFiles((await committedFiles(root)).files, folder)
    : folder;
}
