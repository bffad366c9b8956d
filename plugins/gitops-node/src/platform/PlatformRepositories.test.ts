import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { git } from '../testUtils';
import { PlatformRepositories } from './PlatformRepositories';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('PlatformRepositories', () => {
  it('reads the checked-in folders named in config', async () => {
    const repositories = PlatformRepositories.fromConfig(
      new ConfigReader({
        goldenpath: {
          repositories: {
            gitopsConfig: path.join(repoRoot, 'gitops-config'),
            infrastructure: path.join(repoRoot, 'infrastructure'),
          },
        },
      }),
      { reader: { readTree: jest.fn() } as any },
    );
    const gitops = await repositories.gitops();
    expect(await gitops.services()).toContain('user-service');
    const terraform = await repositories.terraform();
    expect(await terraform.environments()).toEqual(['dev', 'staging', 'prod']);
  });

  it('keeps where the files of a folder can be viewed', () => {
    const repositories = PlatformRepositories.fromConfig(
      new ConfigReader({
        goldenpath: {
          repositories: {
            gitopsConfig: 'gitops-config',
            infrastructure: 'https://github.com/org/infrastructure/tree/main',
            browse: {
              gitopsConfig:
                'http://localhost:7007/local-git/gitops-config/blob/main/',
            },
          },
        },
      }),
      { reader: {} as any },
    );
    expect(repositories.options.gitopsConfig).toEqual({
      path: path.resolve('gitops-config'),
      browseUrl: 'http://localhost:7007/local-git/gitops-config/blob/main',
    });
    expect(repositories.options.infrastructure).toEqual({
      url: 'https://github.com/org/infrastructure/tree/main',
    });
  });

  it('hands out one files object per folder and interval', async () => {
    const repositories = new PlatformRepositories({
      gitopsConfig: { path: path.join(repoRoot, 'gitops-config') },
      infrastructure: { path: path.join(repoRoot, 'infrastructure') },
      refreshIntervalMs: 60_000,
    });
    const first = await repositories.files('gitopsConfig');
    expect(await repositories.files('gitopsConfig')).toBe(first);
    const renewing = new PlatformRepositories({
      ...repositories.options,
      refreshIntervalMs: 0,
    });
    const before = await renewing.files('gitopsConfig');
    expect(await renewing.files('gitopsConfig')).not.toBe(before);
  });

  it('reads a bare repository at its HEAD, and sees what is merged into it', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-bare-'));
    try {
      const work = path.join(tmp, 'work');
      const bare = path.join(tmp, 'gitops-config.git');
      const addApp = async (name: string) => {
        const folder = path.join(work, 'apps', name, 'base');
        await fs.mkdir(folder, { recursive: true });
        await fs.writeFile(
          path.join(folder, 'kustomization.yaml'),
          'resources: []\n',
        );
        git(work, 'add', '-A');
        git(work, 'commit', '-q', '-m', `add ${name}`);
        git(work, 'push', '-q', bare, 'HEAD:refs/heads/main');
      };
      git(tmp, 'init', '-q', '--bare', '--initial-branch=main', bare);
      git(tmp, 'init', '-q', '--initial-branch=main', work);
      await addApp('user-service');
      const repositories = new PlatformRepositories({
        gitopsConfig: { path: bare },
        infrastructure: { path: path.join(repoRoot, 'infrastructure') },
        refreshIntervalMs: 0,
      });
      expect(await (await repositories.gitops()).services()).toEqual([
        'user-service',
      ]);

      // What the golden path merges shows at the next interval; an unchanged
      // commit hands out the same files.
      const before = await repositories.files('gitopsConfig');
      expect(await repositories.files('gitopsConfig')).toBe(before);
      await addApp('inventory-service');
      expect(await (await repositories.gitops()).services()).toEqual([
        'inventory-service',
        'user-service',
      ]);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });

  it('says what to do when a folder or repository does not exist', async () => {
    const repositories = new PlatformRepositories({
      gitopsConfig: {
        path: path.join(os.tmpdir(), 'missing', 'gitops-config.git'),
      },
      infrastructure: { path: path.join(repoRoot, 'infrastructure') },
    });
    await expect(repositories.gitops()).rejects.toThrow(
      /goldenpath\.repositories\.gitopsConfig: .*gitops-config\.git does not exist; the portal creates its local git repositories when it first starts/,
    );
  });

  it('reuses reads for refreshIntervalSeconds: 60 s by default, 0 for none, never a negative time', () => {
    const withInterval = (refreshIntervalSeconds?: number) =>
      PlatformRepositories.fromConfig(
        new ConfigReader({
          goldenpath: {
            repositories: {
              gitopsConfig: 'gitops-config',
              infrastructure: 'infrastructure',
              ...(refreshIntervalSeconds !== undefined && {
                refreshIntervalSeconds,
              }),
            },
          },
        }),
        { reader: { readTree: jest.fn() } as any },
      );
    expect(withInterval().refreshIntervalMs).toBe(60_000);
    expect(withInterval(10).refreshIntervalMs).toBe(10_000);
    expect(withInterval(0).refreshIntervalMs).toBe(0);
    expect(() => withInterval(-5)).toThrow(
      "Invalid config value at 'goldenpath.repositories.refreshIntervalSeconds': -5; expected a number of seconds >= 0 (default 60)",
    );
  });

  it('names the missing key', () => {
    expect(() =>
      PlatformRepositories.fromConfig(new ConfigReader({}), {
        reader: {} as any,
      }),
    ).toThrow("'goldenpath.repositories.gitopsConfig'");
  });

  it('reuses a snapshot read through a URL until it is stale', async () => {
    const readTree = jest.fn(async () => ({
      files: async () => [
        {
          path: 'apps/kustomization.yaml',
          content: async () => Buffer.from('resources: []\n'),
        },
      ],
    }));
    const repositories = new PlatformRepositories(
      {
        gitopsConfig: { url: 'https://example.test/gitops/tree/main' },
        infrastructure: { url: 'https://example.test/infra/tree/main' },
        refreshIntervalMs: 60_000,
      },
      { reader: { readTree } as any },
    );
    const first = await repositories.files('gitopsConfig');
    const second = await repositories.files('gitopsConfig');
    expect(second).toBe(first);
    expect(readTree).toHaveBeenCalledTimes(1);
    expect(await first.read('apps/kustomization.yaml')).toBe('resources: []\n');
  });
});
