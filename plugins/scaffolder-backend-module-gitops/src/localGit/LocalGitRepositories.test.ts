import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitRepositories } from './LocalGitRepositories';

describe('LocalGitRepositories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'local-git-'));
    await fs.mkdir(path.join(dir, 'seed/apps/orders'), { recursive: true });
    await fs.writeFile(path.join(dir, 'seed/README.md'), '# gitops\n');
    await fs.writeFile(
      path.join(dir, 'seed/apps/orders/kustomization.yaml'),
      'resources: []\n',
    );
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const repositories = (seed: string) =>
    LocalGitRepositories.fromConfig(
      new ConfigReader({
        goldenpath: {
          localGit: { root: 'git', seed: { 'gitops-config': seed } },
        },
      }),
      { baseDir: dir },
    )!;

  it('seeds a packed repository from a folder, once', async () => {
    const local = repositories('seed');
    await local.ensureSeeded(mockServices.logger.mock());

    expect(await local.listFiles('gitops-config', 'main')).toEqual([
      'README.md',
      'apps/orders/kustomization.yaml',
    ]);
    expect(
      String(await local.readFile('gitops-config', 'main', 'README.md')),
    ).toBe('# gitops\n');
    // One pack, as a hosted remote serves it: a clone links one file
    // instead of one per object.
    const counts = execFileSync(
      'git',
      ['--git-dir', local.pathOf('gitops-config'), 'count-objects', '-v'],
      { encoding: 'utf8' },
    );
    expect(counts).toMatch(/^count: 0$/m);
    expect(counts).toMatch(/^packs: 1$/m);

    // Seeding again leaves the repository (and what was pushed since) alone.
    await fs.writeFile(path.join(dir, 'seed/README.md'), '# changed\n');
    await local.ensureSeeded(mockServices.logger.mock());
    expect(
      String(await local.readFile('gitops-config', 'main', 'README.md')),
    ).toBe('# gitops\n');
  });

  it('names a seed folder that does not exist', async () => {
    await expect(
      repositories('missing').ensureSeeded(mockServices.logger.mock()),
    ).rejects.toThrow(
      `goldenpath.localGit.seed.gitops-config: ${path.join(
        dir,
        'missing',
      )} does not exist`,
    );
  });
});
