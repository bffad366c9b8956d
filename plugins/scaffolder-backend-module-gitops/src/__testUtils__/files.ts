import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Every file under `root` (relative paths, sorted), without .git and node_modules. */
export async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(path.relative(root, full));
    }
  }
  await walk(root);
  return files.sort();
}
