import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never
 * a part: the content goes to a temporary file in the same folder, is flushed
 * to disk (unless `sync` is false), and replaces the target with a rename.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  options: { sync?: boolean } = {},
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    if (options.sync !== false) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
