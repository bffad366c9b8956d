import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The real gitops-config folder of this repository (read only in tests). */
export const GITOPS_CONFIG = path.resolve(
  __dirname,
  '../../../../../gitops-config',
);

/** Every file under `root`, as sorted slash paths relative to it, with its text. */
export async function readTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(folder: string) {
    for (const entry of await fs.readdir(path.join(root, folder), {
      withFileTypes: true,
    })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(relative);
      } else {
        files.set(
          relative,
          await fs.readFile(path.join(root, relative), 'utf8'),
        );
      }
    }
  }
  await walk('');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A scratch copy of gitops-config, removed again by the returned function. */
export async function copyGitopsConfig(): Promise<{
  root: string;
  remove: () => Promise<void>;
}> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-apps-'));
  const root = path.join(temp, 'gitops-config');
  await fs.cp(GITOPS_CONFIG, root, { recursive: true });
  return { root, remove: () => fs.rm(temp, { recursive: true, force: true }) };
}
