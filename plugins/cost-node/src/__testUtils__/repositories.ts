import { TreeFiles } from '@goldenpath/backstage-plugin-gitops-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The checked-in repositories (read only, never written). */
export const GITOPS_CONFIG = path.resolve(
  __dirname,
  '../../../../gitops-config',
);
export const INFRASTRUCTURE = path.resolve(
  __dirname,
  '../../../../infrastructure',
);

/** Every file under `root` by relative slash path. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        files[path.relative(root, full).split(path.sep).join('/')] =
          await fs.readFile(full, 'utf8');
      }
    }
  }
  await walk(root);
  return files;
}

/**
 * In-memory copies of the checked-in repositories that a test edits with
 * {@link Copies.edit} before reading them as TreeFiles.
 */
export interface Copies {
  gitops: Record<string, string>;
  infrastructure: Record<string, string>;
  /** Replaces `search`, which must occur exactly once in the file. */
  edit(
    repository: 'gitops' | 'infrastructure',
    file: string,
    search: string,
    replacement: string,
  ): void;
  files(): { gitops: TreeFiles; infrastructure: TreeFiles };
}

export async function copyRepositories(): Promise<Copies> {
  const copies = {
    gitops: await readTree(GITOPS_CONFIG),
    infrastructure: await readTree(INFRASTRUCTURE),
  };
  return {
    ...copies,
    edit(repository, file, search, replacement) {
      const text = copies[repository][file];
      if (text === undefined) throw new Error(`no ${file} in ${repository}`);
      const first = text.indexOf(search);
      if (first === -1 || text.indexOf(search, first + 1) !== -1) {
        throw new Error(`${file}: expected exactly one '${search}'`);
      }
      copies[repository][file] = text.replace(search, () => replacement);
    },
    files: () => ({
      gitops: TreeFiles.fromEntries(copies.gitops),
      infrastructure: TreeFiles.fromEntries(copies.infrastructure),
    }),
  };
}

/** 1-based line of the first line of a checked-in file containing `needle`. */
export async function lineOf(
  root: string,
  file: string,
  needle: string,
): Promise<number> {
  const lines = (await fs.readFile(path.join(root, file), 'utf8')).split('\n');
  const index = lines.findIndex(l => l.includes(needle));
  if (index === -1) throw new Error(`${file} has no '${needle}'`);
  return index + 1;
}
