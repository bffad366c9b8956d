import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseValue, run } from './cli';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../gitops-config');

describe('gitops CLI', () => {
  let repo: string;
  let out: string[];
  let err: string[];
  const gitops = (...argv: string[]) =>
    run(argv, {
      io: { log: l => out.push(l), error: l => err.push(l) },
      env: {},
      cwd: repo,
    });

  beforeEach(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-cli-test-'));
    await fs.cp(GITOPS_CONFIG, repo, { recursive: true });
    out = [];
    err = [];
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  const overlay = (service: string, env: string) =>
    fs.readFile(
      path.join(repo, `apps/${service}/overlays/${env}/kustomization.yaml`),
      'utf8',
    );

  it('sets an image tag in the current folder, as CI does', async () => {
    await expect(
      gitops('image', 'set', 'cart-service', 'dev', 'sha-feed123'),
    ).resolves.toBe(0);
    expect(await overlay('cart-service', 'dev')).toContain(
      'newTag: sha-feed123',
    );
    expect(out).toEqual([
      'cart-service in dev: sha-5e0a3d4 -> sha-feed123',
      'file=apps/cart-service/overlays/dev/kustomization.yaml',
      'changed=true',
      'previousTag=sha-5e0a3d4',
    ]);
  });

  it('promotes with --json output and copies config', async () => {
    await expect(
      gitops(
        'promote',
        'search-service',
        '--from',
        'dev',
        '--release-tag',
        'v1.2.0',
        '--config',
        'LOG_LEVEL',
        '--json',
      ),
    ).resolves.toBe(0);
    expect(JSON.parse(out[out.length - 1])).toEqual({
      file: 'apps/search-service/overlays/staging/kustomization.yaml',
      changed: true,
      tag: 'v1.2.0',
      to: 'staging',
      previousTag: 'v1.1.0',
    });
    expect(await overlay('search-service', 'staging')).toContain(
      '- LOG_LEVEL=DEBUG',
    );
  });

  it('changes nothing with --dry-run', async () => {
    const before = await overlay('user-service', 'prod');
    await expect(
      gitops('promote', 'user-service', '--from', 'staging', '--dry-run'),
    ).resolves.toBe(0);
    expect(out[0]).toBe(
      'user-service: prod v1.2.3 -> v1.3.0 (from staging) (dry run, nothing written)',
    );
    expect(await overlay('user-service', 'prod')).toBe(before);
  });

  it('fails with a message that names the bad argument', async () => {
    await expect(
      gitops('image', 'set', 'user-service', 'prod', 'latest'),
    ).resolves.toBe(1);
    expect(err).toEqual([
      "error: tag 'latest' is not allowed in prod: pin the build, e.g. sha-8d41e07 or v1.2.3",
    ]);
    err = [];
    await expect(gitops('image', 'set', 'user-service')).resolves.toBe(1);
    expect(err).toEqual(["error: missing required argument 'environment'"]);
    err = [];
    await expect(gitops('promote', 'user-service')).resolves.toBe(1);
    expect(err).toEqual([
      "error: required option '--from <environment>' not specified",
    ]);
    err = [];
    await expect(
      gitops('image', 'set', 'billing', 'dev', 'sha-1234567'),
    ).resolves.toBe(1);
    expect(err[0]).toMatch(
      /^error: Unknown service 'billing'; expected one of: cart-service/,
    );
  });

  it('adds a service to the GitOps repository, and nothing the second time', async () => {
    const create = (...extra: string[]) =>
      gitops(
        'app',
        'create',
        'inventory-service',
        '--kind',
        'node',
        '--owner',
        'checkout-team',
        '--database',
        '--calls',
        'product-catalog',
        ...extra,
      );
    await expect(create('--json')).resolves.toBe(0);
    const outputs = JSON.parse(out[out.length - 1]);
    expect(outputs).toMatchObject({
      path: 'apps/inventory-service',
      changed: true,
    });
    expect(outputs.created).toContain(
      'apps/inventory-service/overlays/prod/hpa.yaml',
    );
    await expect(
      fs.stat(path.join(repo, 'apps/inventory-service/base/deployment.yaml')),
    ).resolves.toBeDefined();
    out = [];
    await expect(create()).resolves.toBe(0);
    expect(out).toContain('changed=false');
    await expect(
      gitops(
        'app',
        'create',
        'Inventory',
        '--kind',
        'node',
        '--owner',
        'checkout-team',
      ),
    ).resolves.toBe(1);
    expect(err[err.length - 1]).toMatch(/^error: .*name/);
    await expect(
      gitops(
        'app',
        'create',
        'x-service',
        '--kind',
        'cobol',
        '--owner',
        'checkout-team',
      ),
    ).resolves.toBe(1);
    expect(err[err.length - 1]).toMatch(/^error: .*kind/);
  });

  it('prints help for every command', async () => {
    for (const command of [
      [],
      ['app', 'create'],
      ['image', 'set'],
      ['promote'],
      ['template', 'run'],
    ]) {
      out = [];
      await expect(gitops(...command, '--help')).resolves.toBe(0);
      expect(out.join('\n')).toMatch(/^Usage: gitops/);
    }
  });

  it('asks for the portal token before starting a template', async () => {
    await expect(
      gitops(
        'template',
        'run',
        'template:default/promote-release',
        '--portal-url',
        'http://127.0.0.1:1',
        '--values',
        'service=user-service',
      ),
    ).resolves.toBe(1);
    expect(err[0]).toMatch(/^error: GITOPS_PORTAL_TOKEN is not set/);
  });
});

describe('--values', () => {
  it('keeps numbers, booleans and lists typed, and text as written', () => {
    const values = [
      'replicas=2',
      'public=true',
      'envs=[dev, staging]',
      'version=1.10',
      'id=007',
      'name=user-service',
      'note=a: [',
      'empty=',
    ].reduce<Record<string, unknown>>((all, text) => parseValue(text, all), {});
    expect(values).toEqual({
      replicas: 2,
      public: true,
      envs: ['dev', 'staging'],
      version: '1.10',
      id: '007',
      name: 'user-service',
      note: 'a: [',
      empty: '',
    });
    expect(() => parseValue('=x')).toThrow("--values '=x' is not key=value");
  });
});
