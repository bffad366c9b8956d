import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { excludeFolders } from './repository';

describe('excludeFolders', () => {
  let gitDir: string;
  beforeEach(async () => {
    gitDir = await fs.mkdtemp(path.join(os.tmpdir(), 'exclude-'));
  });
  afterEach(() => fs.rm(gitDir, { recursive: true, force: true }));

  const exclude = () =>
    fs.readFile(path.join(gitDir, 'info', 'exclude'), 'utf8');

  it('adds one anchored line per folder, once, escaping pattern characters', async () => {
    await excludeFolders(gitDir, ['gitops', 'a*b']);
    await excludeFolders(gitDir, ['gitops']);
    expect(await exclude()).toBe('/gitops/\n/a\\*b/\n');
  });

  it('refuses a name with a line break, which would add a pattern of its own', async () => {
    await expect(excludeFolders(gitDir, ['a\n*'])).rejects.toThrow(
      'The checkout "a\\n*" inside the published folder has a line break or control character in its name',
    );
    await expect(exclude()).rejects.toThrow('ENOENT');
  });
});
