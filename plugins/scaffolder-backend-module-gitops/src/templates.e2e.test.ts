import {
  componentEntityV1alpha1Validator,
  Entity,
} from '@backstage/catalog-model';
import {
  DirectoryFiles,
  validateTerraform,
} from '@goldenpath/backstage-plugin-gitops-node';
import { validateGitopsConfig } from '@goldenpath/backstage-plugin-gitops-node/validation';
import { DockerfileParser } from 'dockerfile-ast';
import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { actionlint } from './__testUtils__/actionlint';
import { startPortal } from './__testUtils__/portal';

jest.setTimeout(600_000);
const run = promisify(execFile);

const NEW_SERVICE = {
  name: 'inventory-service',
  description: 'Stock levels per product and warehouse.',
  owner: 'group:default/checkout-team',
  system: 'system:default/ecommerce-platform',
  dependencies: ['product-catalog'],
  database: 'postgresql',
  cache: false,
  queue: true,
  repoUrl: 'github.com?owner=ecommerce-platform&repo=inventory-service',
};

async function listFiles(root: string): Promise<string[]> {
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

describe('the node-service template, on local git repositories', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;

  beforeAll(async () => {
    portal = await startPortal(['node-service']);
  });
  afterAll(() => portal?.stop());

  it('creates the repository, the GitOps and infrastructure changes and the catalog entry', async () => {
    const gitopsBefore = await portal.git('gitops-config', 'rev-parse', 'main');
    const task = await portal.runTemplate(
      'template:default/node-service',
      NEW_SERVICE,
    );
    expect({
      status: task.status,
      log: task.status === 'completed' ? [] : task.log,
    }).toEqual({
      status: 'completed',
      log: [],
    });

    // Output links: the repository, both changes, the catalog entity.
    const links = task.output.links as Array<{
      title: string;
      url?: string;
      entityRef?: string;
    }>;
    expect(links.map(l => [l.title, l.url ?? l.entityRef])).toEqual([
      [
        'Repository',
        expect.stringMatching(
          /\/api\/scaffolder\/local-git\/inventory-service\/blob\/main$/,
        ),
      ],
      [
        'GitOps change',
        expect.stringMatching(
          /\/local-git\/gitops-config\/tree\/add-inventory-service$/,
        ),
      ],
      [
        'Infrastructure change',
        expect.stringMatching(
          /\/local-git\/infrastructure\/tree\/add-inventory-service$/,
        ),
      ],
      ['Open in catalog', 'component:default/inventory-service'],
    ]);
    for (const link of links.filter(l => l.url)) {
      const response = await portal.http.get(new URL(link.url!).pathname);
      expect(response.status).toBe(200);
    }

    // The service repository.
    const service = await portal.clone('inventory-service');
    const files = await listFiles(service);
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/build.yml',
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        '.github/workflows/security-scan.yml',
        'Dockerfile',
        'catalog-info.yaml',
        'mkdocs.yml',
        'package.json',
        'src/server.ts',
      ]),
    );
    expect(
      await portal.git('inventory-service', 'rev-list', '--count', 'main'),
    ).toBe('1');

    const workflows = files.filter(f => f.startsWith('.github/workflows/'));
    await expect(actionlint(workflows.map(f => path.join(service, f)))).resolves.toEqual([]);
    const build = await fs.readFile(
      path.join(service, '.github/workflows/build.yml'),
      'utf8',
    );
    expect(build).toContain(
      '@goldenpath/gitops-cli image set "${APP_NAME}" dev',
    );

    const dockerfile = DockerfileParser.parse(
      await fs.readFile(path.join(service, 'Dockerfile'), 'utf8'),
    );
    const instructions = dockerfile.getInstructions();
    expect(dockerfile.getFROMs().length).toBeGreaterThan(1);
    const lastUser = instructions.filter(i => i.getKeyword() === 'USER').pop();
    expect(lastUser?.getArgumentsContent()).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions.some(i => i.getKeyword() === 'HEALTHCHECK')).toBe(true);

    const catalogInfo = yaml.parse(
      await fs.readFile(path.join(service, 'catalog-info.yaml'), 'utf8'),
    ) as Entity;
    await expect(
      componentEntityV1alpha1Validator.check(catalogInfo),
    ).resolves.toBe(true);
    expect(catalogInfo.metadata.annotations).toMatchObject({
      'goldenpath.dev/gitops-path': 'apps/inventory-service',
      'backstage.io/kubernetes-id': 'inventory-service',
    });
    expect(catalogInfo.spec).toMatchObject({
      owner: 'group:default/checkout-team',
    });

    // The GitOps change: merged into main, one commit, valid.
    expect(
      await portal.git(
        'gitops-config',
        'rev-list',
        '--count',
        `${gitopsBefore}..main`,
      ),
    ).toBe('1');
    const gitops = await portal.clone('gitops-config');
    expect(
      await listFiles(path.join(gitops, 'apps/inventory-service')),
    ).toContain('overlays/prod/hpa.yaml');
    await expect(validateGitopsConfig(gitops)).resolves.toEqual([]);

    // The infrastructure change: the database and the queue in every environment.
    const infrastructure = await portal.clone('infrastructure');
    for (const env of ['dev', 'staging', 'prod']) {
      const main = await fs.readFile(
        path.join(infrastructure, `terraform/environments/${env}/main.tf`),
        'utf8',
      );
      expect(main).toContain('module "inventory_service_db" {');
      expect(main).toContain('module "inventory_service_queue" {');
    }
    await expect(
      validateTerraform(new DirectoryFiles(infrastructure)),
    ).resolves.toEqual([]);
    await run('terraform', ['fmt', '-check', '-recursive', 'terraform'], {
      cwd: infrastructure,
    });

    // The catalog has the new component.
    const component = await portal.waitFor('the new component', () =>
      portal.entity('component:default/inventory-service'),
    );
    expect(component.spec.owner).toBe('group:default/checkout-team');
  });

  it('rejects a taken name, an unknown owner and a path-like name before publishing anything', async () => {
    const repositories = await fs.readdir(portal.gitRoot);
    const gitopsMain = await portal.git('gitops-config', 'rev-parse', 'main');

    const taken = await portal.runTemplate('template:default/node-service', {
      ...NEW_SERVICE,
      name: 'user-service',
      repoUrl: 'github.com?owner=ecommerce-platform&repo=user-service',
    });
    expect(taken.status).toBe('failed');
    expect(taken.log.join('\n')).toContain('user-service');

    const unknownOwner = await portal.runTemplate(
      'template:default/node-service',
      {
        ...NEW_SERVICE,
        name: 'billing-service',
        owner: 'group:default/nobody',
        repoUrl: 'github.com?owner=ecommerce-platform&repo=billing-service',
      },
    );
    expect(unknownOwner.status).toBe('failed');
    expect(unknownOwner.log.join('\n')).toContain(
      "owner 'group:default/nobody' is not in the catalog",
    );

    for (const name of ['../x', 'Billing_Service']) {
      const response = await portal.http
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', portal.auth)
        .send({
          templateRef: 'template:default/node-service',
          values: { ...NEW_SERVICE, name },
        });
      expect([name, response.status]).toEqual([name, 400]);
    }

    expect(await fs.readdir(portal.gitRoot)).toEqual(repositories);
    expect(await portal.git('gitops-config', 'rev-parse', 'main')).toBe(
      gitopsMain,
    );
  });

  it('generates a service that installs, passes its own tests, starts and answers health and metrics', async () => {
    const service = await portal.clone('inventory-service');
    await run('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: service,
      maxBuffer: 64 * 1024 * 1024,
    });
    await run('npm', ['test'], { cwd: service, maxBuffer: 64 * 1024 * 1024 });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(process.execPath, ['dist/server.js'], {
      cwd: service,
      env: { ...process.env, PORT: String(port) },
      stdio: 'pipe',
    });
    try {
      const get = async (p: string) => {
        const deadline = Date.now() + 20_000;
        for (;;) {
          try {
            return await fetch(`http://127.0.0.1:${port}${p}`);
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await new Promise(resolve => setTimeout(resolve, 200));
          }
        }
      };
      expect((await get('/healthz/live')).status).toBe(200);
      expect((await get('/healthz/ready')).status).toBe(200);
      const metrics = await get('/metrics');
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^# HELP /m);
    } finally {
      server.kill();
    }
  });
});
