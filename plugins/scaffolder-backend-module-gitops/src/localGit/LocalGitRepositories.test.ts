import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from '../actions/git/__testUtils__/gitFixtures';
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
    const counts = git(
      dir,
      '--git-dir',
      local.pathOf('gitops-config'),
      'count-objects',
      '-v',
    );
    expect(counts).toMatch(/^count: 0$/m);
    expect(counts).toMatch(/^packs: 1$/m);
  });

  it('follows edits of the seed folder until the repository has commits of its own', async () => {
    const local = repositories('seed');
    const logger = mockServices.logger.mock();
    await local.ensureSeeded(logger);
    const gitDir = local.pathOf('gitops-config');
    const log = () =>
      git(dir, '--git-dir', gitDir, 'log', '--format=%s', 'main').split('\n');

    // Unchanged folder: nothing happens.
    await local.ensureSeeded(logger);
    expect(log()).toEqual(['Seed from seed']);

    // An edit of the folder, nothing merged yet: main is seeded again.
    await fs.writeFile(path.join(dir, 'seed/README.md'), '# changed\n');
    await local.ensureSeeded(logger);
    expect(
      String(await local.readFile('gitops-config', 'main', 'README.md')),
    ).toBe('# changed\n');
    expect(log()).toEqual(['Seed from seed']);

    // Once the golden path has merged something, the repository stays as it
    // is, and the portal says how to start again.
    const work = path.join(dir, 'work');
    git(dir, 'clone', '-q', gitDir, work);
    await fs.writeFile(path.join(work, 'new.yaml'), 'a: 1\n');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'feat: add a service');
    git(work, 'push', '-q', 'origin', 'HEAD:main');
    await fs.writeFile(path.join(dir, 'seed/README.md'), '# again\n');
    await local.ensureSeeded(logger);
    expect(log()).toEqual(['feat: add a service', 'Seed from seed']);
    expect(
      String(await local.readFile('gitops-config', 'main', 'README.md')),
    ).toBe('# changed\n');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Delete ${gitDir} to seed it again`),
    );
  });

  it('reads only branches and commits, refusing anything git would take for an option or a range', async () => {
    const local = repositories('seed');
    await local.ensureSeeded(mockServices.logger.mock());
    const head = git(
      dir,
      '--git-dir',
      local.pathOf('gitops-config'),
      'rev-parse',
      'main',
    );
    expect(await local.listFiles('gitops-config', head)).toContain('README.md');

    for (const ref of ['--output=/tmp/x', '-r', 'main..HEAD', 'main~1^', '']) {
      await expect(local.listFiles('gitops-config', ref)).rejects.toThrow(
        `'${ref}' is not a branch or commit`,
      );
      await expect(
        local.readFile('gitops-config', ref, 'README.md'),
      ).rejects.toThrow(`'${ref}' is not a branch or commit`);
    }
    await expect(local.listFiles('gitops-config', 'nope')).rejects.toThrow(
      'gitops-config has no branch or commit nope',
    );
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
