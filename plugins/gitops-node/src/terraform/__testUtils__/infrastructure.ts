import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The checked-in infrastructure repository (read only, never written). */
export const INFRASTRUCTURE = path.resolve(
  __dirname,
  '../../../../../infrastructure',
);

/** A scratch copy of the infrastructure repository to edit. */
export async function copyOfInfrastructure(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'infrastructure-'));
  await fs.cp(INFRASTRUCTURE, dir, { recursive: true });
  return dir;
}

/** Every file under `root` by relative slash path, e.g. for TreeFiles. */
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

/** Replaces `search` (which must occur exactly once) in a file of `root`. */
export async function editFile(
  root: string,
  file: string,
  search: string,
  replacement: string,
): Promise<string> {
  const full = path.join(root, file);
  const text = await fs.readFile(full, 'utf8');
  const first = text.indexOf(search);
  if (first === -1 || text.indexOf(search, first + 1) !== -1) {
    throw new Error(`${file}: expected exactly one '${search}'`);
  }
  const edited = text.replace(search, () => replacement);
  await fs.writeFile(full, edited);
  return edited;
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineContaining(text: string, needle: string): number {
  const index = text.split('\n').findIndex(line => line.includes(needle));
  if (index === -1) throw new Error(`no line contains '${needle}'`);
  return index + 1;
}
