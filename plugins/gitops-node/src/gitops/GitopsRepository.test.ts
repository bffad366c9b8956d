import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { startGithubDouble } from '../__testUtils__/githubDouble';
import { DirectoryFiles, TreeFiles } from '../files/RepositoryFiles';
import { GitopsRepository } from './GitopsRepository';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../../gitops-config');

async function copyOfGitopsConfig() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-repo-'));
  await fs.cp(GITOPS_CONFIG, dir, { recursive: true });
  return dir;
}

async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        files.set(path.relative(root, full), await fs.readFile(full, 'utf8'));
    }
  }
  await walk(root);
  return files;
}

async function changedFiles(before: Map<string, string>, root: string) {
  const after = await snapshot(root);
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter(n => before.get(n) !== after.get(n)).sort();
}

describe('GitopsRepository (read)', () => {
  const repository = new GitopsRepository(new DirectoryFiles(GITOPS_CONFIG));

  it('lists the environments in promotion order and the eight apps', async () => {
    await expect(repository.environments()).resolves.toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    await expect(repository.services()).resolves.toEqual([
      'cart-service',
      'frontend',
      'notification-service',
      'order-service',
      'payment-service',
      'product-catalog',
      'search-service',
      'user-service',
    ]);
  });

  it('reads what prod declares for user-service', async () => {
    const prod = await repository.deployment('user-service', 'prod');
    expect(prod).toMatchObject({
      service: 'user-service',
      environment: 'prod',
      path: 'apps/user-service/overlays/prod',
      image: { name: 'ghcr.io/ecommerce-platform/user-service', tag: 'v1.2.3' },
      replicas: 5,
      resources: {
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '2000m', memory: '2Gi' },
      },
      autoscaling: { minReplicas: 3, maxReplicas: 20 },
    });
    // Base values, merged with the overlay's (which win).
    expect(prod.config).toMatchObject({
      SERVICE_NAME: 'user-service',
      HTTP_PORT: '8080',
      ENVIRONMENT: 'prod',
      LOG_LEVEL: 'WARN',
      CACHE_TTL: '7200',
      DB_POOL_MAX_SIZE: '20',
    });
  });

  it('reads dev without an autoscaler and with the sha tag CI wrote', async () => {
    const dev = await repository.deployment('user-service', 'dev');
    expect(dev.image.tag).toBe('sha-8d41e07');
    expect(dev.replicas).toBe(1);
    expect(dev.autoscaling).toBeUndefined();
    expect(dev.config.CACHE_TTL).toBe('3600');
  });

  it('reads every service in every environment', async () => {
    for (const service of await repository.services()) {
      const deployments = await repository.deployments(service);
      expect(deployments.map(d => d.environment)).toEqual([
        'dev',
        'staging',
        'prod',
      ]);
      for (const d of deployments) {
        expect(d.image.name).toBe(`ghcr.io/ecommerce-platform/${service}`);
        expect(d.resources.limits.cpu).toBeDefined();
        expect(d.replicas).toBeGreaterThan(0);
      }
      expect(deployments[2].autoscaling?.maxReplicas).toBeGreaterThan(
        deployments[2].autoscaling?.minReplicas ?? Infinity,
      );
    }
  });

  it('reads the same from GitHub through the URL reader', async () => {
    const github = await startGithubDouble({
      'ecommerce-platform/gitops-config': GITOPS_CONFIG,
    });
    try {
      const reader = UrlReaders.default({
        logger: mockServices.logger.mock(),
        config: mockServices.rootConfig({
          data: {
            integrations: {
              github: [{ host: 'github.com', apiBaseUrl: github.apiBaseUrl }],
            },
          },
        }),
      });
      const files = await TreeFiles.fromUrl(
        reader,
        'https://github.com/ecommerce-platform/gitops-config/tree/main',
      );
      const fromGithub = new GitopsRepository(files);
      await expect(fromGithub.services()).resolves.toHaveLength(8);
      await expect(fromGithub.deployments('cart-service')).resolves.toEqual(
        await repository.deployments('cart-service'),
      );
      await expect(
        fromGithub.setImageTag('cart-service', 'dev', 'sha-1234567'),
      ).rejects.toThrow(/read-only/);
      expect(github.requests).toEqual([
        'GET /repos/ecommerce-platform/gitops-config/commits/main/status?per_page=0',
        expect.stringMatching(
          /^GET \/repos\/ecommerce-platform\/gitops-config\/tarball\/[0-9a-f]{40}$/,
        ),
      ]);
    } finally {
      await github.close();
    }
  });

  it('names the unknown service or environment and lists the known ones', async () => {
    await expect(repository.deployment('billing', 'dev')).rejects.toThrow(
      "Unknown service 'billing'; expected one of: cart-service, frontend,",
    );
    await expect(repository.deployment('user-service', 'qa')).rejects.toThrow(
      "Unknown environment 'qa'; expected one of: dev, staging, prod",
    );
  });
});

describe('GitopsRepository (edit)', () => {
  let root: string;
  let before: Map<string, string>;
  let repository: GitopsRepository;

  beforeEach(async () => {
    root = await copyOfGitopsConfig();
    before = await snapshot(root);
    repository = new GitopsRepository(new DirectoryFiles(root));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('sets an image tag and changes only that line', async () => {
    const edit = await repository.setImageTag(
      'user-service',
      'dev',
      'sha-abc1234',
    );
    expect(edit).toMatchObject({
      file: 'apps/user-service/overlays/dev/kustomization.yaml',
      changed: true,
      previousTag: 'sha-8d41e07',
      tag: 'sha-abc1234',
    });
    expect(await changedFiles(before, root)).toEqual([edit.file]);
    const oldText = before.get(edit.file)!;
    const newText = await fs.readFile(path.join(root, edit.file), 'utf8');
    expect(newText).toBe(
      oldText.replace('newTag: sha-8d41e07', 'newTag: sha-abc1234'),
    );
    await expect(
      repository.deployment('user-service', 'dev'),
    ).resolves.toMatchObject({ image: { tag: 'sha-abc1234' } });
  });

  it('changes nothing when the tag is already set', async () => {
    const edit = await repository.setImageTag('user-service', 'prod', 'v1.2.3');
    expect(edit.changed).toBe(false);
    expect(await changedFiles(before, root)).toEqual([]);
  });

  it('keeps comments and formatting of an edited file', async () => {
    const file = 'apps/cart-service/overlays/staging/kustomization.yaml';
    const commented = `# Staging of cart-service.\n${before
      .get(file)!
      .replace('images:', 'images: # set by CI')}`;
    await fs.writeFile(path.join(root, file), commented);
    await repository.setImageTag('cart-service', 'staging', 'v0.9.5');
    expect(await fs.readFile(path.join(root, file), 'utf8')).toBe(
      commented.replace('newTag: v0.9.4', 'newTag: v0.9.5'),
    );
  });

  it('adds an images entry to an overlay that has none', async () => {
    const file = 'apps/search-service/overlays/dev/kustomization.yaml';
    const text = before.get(file)!;
    const withoutImages = text.replace(/images:\n( {2}.*\n)+/, '');
    expect(withoutImages).not.toContain('images:');
    await fs.writeFile(path.join(root, file), withoutImages);
    await repository.setImageTag('search-service', 'dev', 'sha-0a1b2c3');
    const updated = await fs.readFile(path.join(root, file), 'utf8');
    expect(updated).toBe(
      `${withoutImages}images:\n  - name: ghcr.io/ecommerce-platform/search-service\n    newTag: sha-0a1b2c3\n`,
    );
  });

  it('refuses tags that break the convention, naming the tag and the rule', async () => {
    await expect(
      repository.setImageTag('user-service', 'prod', 'latest'),
    ).rejects.toThrow("tag 'latest' is not allowed in prod");
    await expect(
      repository.setImageTag('user-service', 'staging', 'sha-8d41e07'),
    ).rejects.toThrow(
      "tag 'sha-8d41e07' cannot run in staging: staging runs release tags vX.Y.Z",
    );
    await expect(
      repository.setImageTag('user-service', 'dev', 'bad tag'),
    ).rejects.toThrow("tag 'bad tag' is not a valid image tag");
    expect(await changedFiles(before, root)).toEqual([]);
  });

  it('promotes staging to prod with the same tag and chosen config', async () => {
    const file = 'apps/user-service/overlays/staging/kustomization.yaml';
    await fs.writeFile(
      path.join(root, file),
      before
        .get(file)!
        .replace(
          '      - LOG_LEVEL=INFO\n',
          '      - LOG_LEVEL=INFO\n      - FEATURE_PASSKEYS=true\n',
        ),
    );
    const edit = await repository.promote('user-service', 'staging', 'prod', {
      config: ['FEATURE_PASSKEYS', 'SESSION_TIMEOUT'],
    });
    expect(edit).toMatchObject({
      file: 'apps/user-service/overlays/prod/kustomization.yaml',
      changed: true,
      previousTag: 'v1.2.3',
      tag: 'v1.3.0',
      config: { FEATURE_PASSKEYS: 'true', SESSION_TIMEOUT: '1800' },
    });
    const prod = await repository.deployment('user-service', 'prod');
    expect(prod.image.tag).toBe('v1.3.0');
    expect(prod.config).toMatchObject({
      FEATURE_PASSKEYS: 'true',
      ENVIRONMENT: 'prod',
      LOG_LEVEL: 'WARN',
    });
    // Promoting again is a no-op.
    const again = await repository.promote('user-service', 'staging', 'prod', {
      config: ['FEATURE_PASSKEYS', 'SESSION_TIMEOUT'],
    });
    expect(again.changed).toBe(false);
  });

  it('promotes a dev build to staging under its release tag', async () => {
    await expect(
      repository.promote('cart-service', 'dev', 'staging'),
    ).rejects.toThrow(
      "dev tag 'sha-5e0a3d4' cannot run in staging: staging runs release tags vX.Y.Z",
    );
    const edit = await repository.promote('cart-service', 'dev', 'staging', {
      releaseTag: 'v0.10.0',
    });
    expect(edit).toMatchObject({ changed: true, tag: 'v0.10.0' });
  });

  it('only promotes to the next environment and names unknown config', async () => {
    await expect(
      repository.promote('cart-service', 'dev', 'prod', {
        releaseTag: 'v1.0.0',
      }),
    ).rejects.toThrow(
      'Cannot promote cart-service from dev to prod: releases go dev -> staging -> prod, so dev promotes to staging',
    );
    await expect(
      repository.promote('cart-service', 'staging', 'prod', {
        config: ['NOPE'],
      }),
    ).rejects.toThrow(
      "Config key 'NOPE' is not set for cart-service in staging",
    );
    for (const key of ['constructor', 'toString', '__proto__']) {
      await expect(
        repository.promote('cart-service', 'staging', 'prod', {
          config: [key],
        }),
      ).rejects.toThrow(
        `Config key '${key}' is not set for cart-service in staging`,
      );
    }
    expect(await changedFiles(before, root)).toEqual([]);
  });

  it('reports a malformed overlay with file and line, and writes nothing', async () => {
    const file = 'apps/order-service/overlays/dev/kustomization.yaml';
    await fs.writeFile(
      path.join(root, file),
      before.get(file)!.replace('images:\n', 'images:\n  - name: [unclosed\n'),
    );
    const broken = await fs.readFile(path.join(root, file), 'utf8');
    await expect(
      repository.setImageTag('order-service', 'dev', 'sha-1234567'),
    ).rejects.toThrow(
      /^apps\/order-service\/overlays\/dev\/kustomization\.yaml:\d+: invalid YAML: /,
    );
    expect(await fs.readFile(path.join(root, file), 'utf8')).toBe(broken);
  });
});
