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
import { listFiles } from './__testUtils__/files';
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

let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  portal = await startPortal(
    [
      'node-service',
      'spring-boot-service',
      'react-frontend',
      'promote-release',
    ],
    [],
    { platformComponents: true },
  );
});
afterAll(() => portal?.stop());

function expectCompleted(task: { status: string; log: string[] }) {
  expect({
    status: task.status,
    log: task.status === 'completed' ? [] : task.log,
  }).toEqual({ status: 'completed', log: [] });
}

async function expectCleanRepository(name: string, runtime: string) {
  const service = await portal.clone(name);
  const files = await listFiles(service);
  const workflows = files.filter(f => f.startsWith('.github/workflows/'));
  expect(workflows.map(f => path.basename(f)).sort()).toEqual([
    'build.yml',
    'ci.yml',
    'release.yml',
    'security-scan.yml',
  ]);
  await expect(
    actionlint(workflows.map(f => path.join(service, f))),
  ).resolves.toEqual([]);
  const dockerfile = DockerfileParser.parse(
    await fs.readFile(path.join(service, 'Dockerfile'), 'utf8'),
  );
  expect(dockerfile.getFROMs().length).toBeGreaterThan(1);
  const lastUser = dockerfile
    .getInstructions()
    .filter(i => i.getKeyword() === 'USER')
    .pop();
  expect(lastUser?.getArgumentsContent()).toMatch(/^\d+|^[a-z]/);
  expect(lastUser?.getArgumentsContent()).not.toMatch(/^(root|0)(:|$)/);
  expect(
    dockerfile.getInstructions().some(i => i.getKeyword() === 'HEALTHCHECK'),
  ).toBe(true);
  const catalogInfo = yaml.parse(
    await fs.readFile(path.join(service, 'catalog-info.yaml'), 'utf8'),
  ) as Entity;
  await expect(
    componentEntityV1alpha1Validator.check(catalogInfo),
  ).resolves.toBe(true);
  expect(catalogInfo.metadata.annotations).toMatchObject({
    'goldenpath.dev/gitops-path': `apps/${name}`,
    'goldenpath.dev/runtime': runtime,
  });
  return { service, files };
}

describe('the node-service template, on local git repositories', () => {
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

    // The service repository: one commit, workflows, image, catalog entry.
    const { files } = await expectCleanRepository('inventory-service', 'node');
    expect(files).toEqual(
      expect.arrayContaining(['mkdocs.yml', 'package.json', 'src/server.ts']),
    );
    expect(
      await portal.git('inventory-service', 'rev-list', '--count', 'main'),
    ).toBe('1');
    const service = await portal.clone('inventory-service');
    const build = await fs.readFile(
      path.join(service, '.github/workflows/build.yml'),
      'utf8',
    );
    expect(build).toContain(
      '@goldenpath/gitops-cli image set "${APP_NAME}" dev',
    );

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
    // Both changes say what they add to the bill (cost:estimate): the new
    // pods, the database and the queue.
    for (const repository of ['gitops-config', 'infrastructure']) {
      expect(
        await portal.git(repository, 'log', '-1', '--format=%b', 'main'),
      ).toMatch(/^Cost: .*adds about \$[\d,.]+ a month in prod$/m);
    }

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

describe('a run that fails half-way', () => {
  it('is retried without duplicating repositories or commits', async () => {
    const infrastructure = path.join(portal.gitRoot, 'infrastructure.git');
    const gitopsBefore = await portal.git('gitops-config', 'rev-parse', 'main');
    // The infrastructure repository is unreachable for the first attempt,
    // after the service repository and the GitOps change are published.
    await fs.rename(infrastructure, `${infrastructure}.away`);
    const first = await portal.runTemplate('template:default/node-service', {
      ...NEW_SERVICE,
      name: 'returns-service',
      repoUrl: 'github.com?owner=ecommerce-platform&repo=returns-service',
    });
    await fs.rename(`${infrastructure}.away`, infrastructure);
    expect(first.status).toBe('failed');
    expect(first.log.join('\n')).toContain('infra-checkout');

    const retried = await portal.http
      .post(`/api/scaffolder/v2/tasks/${first.id}/retry`)
      .set('Authorization', portal.auth)
      .send({});
    expect(retried.status).toBe(201);
    const task = await portal.waitFor(
      'the retried task',
      async () => {
        const response = await portal.http
          .get(`/api/scaffolder/v2/tasks/${first.id}`)
          .set('Authorization', portal.auth);
        return ['completed', 'failed'].includes(response.body.status)
          ? response.body
          : undefined;
      },
      300,
    );
    const events = await portal.http
      .get(`/api/scaffolder/v2/tasks/${first.id}/events`)
      .set('Authorization', portal.auth);
    const log = (events.body as any[])
      .filter(e => e.type === 'log')
      .map(e => `${e.body.stepId ?? ''} ${e.body.message}`);
    expect({
      status: task.status,
      log: task.status === 'completed' ? [] : log.slice(-15),
    }).toEqual({
      status: 'completed',
      log: [],
    });
    // One repository with one commit, one GitOps commit, one infrastructure commit.
    expect(
      await portal.git('returns-service', 'rev-list', '--count', 'main'),
    ).toBe('1');
    expect(
      await portal.git(
        'gitops-config',
        'rev-list',
        '--count',
        `${gitopsBefore}..main`,
      ),
    ).toBe('1');
    expect(
      await portal.git(
        'infrastructure',
        'log',
        '--format=%s',
        '--grep',
        'returns-service',
        'main',
      ),
    ).toBe('feat(returns-service): data stores of the service');
    await portal.waitFor('the component', () =>
      portal.entity('component:default/returns-service'),
    );
  });
});

describe('the spring-boot-service template', () => {
  it('creates the Java service with its database', async () => {
    const task = await portal.runTemplate(
      'template:default/spring-boot-service',
      {
        name: 'loyalty-service',
        description: 'Points and rewards.',
        owner: 'group:default/engagement-team',
        system: 'system:default/ecommerce-platform',
        dependencies: ['user-service'],
        database: 'postgresql',
        cache: true,
        queue: false,
        repoUrl: 'github.com?owner=ecommerce-platform&repo=loyalty-service',
      },
    );
    expectCompleted(task);
    const { files } = await expectCleanRepository('loyalty-service', 'java');
    expect(files).toEqual(
      expect.arrayContaining([
        'pom.xml',
        'src/main/java/com/ecommerce/loyaltyservice/Application.java',
        'src/main/resources/application.yml',
        'src/main/resources/application-prod.yml',
        'src/main/resources/db/migration/V1__init.sql',
        'docs/index.md',
      ]),
    );
    const gitops = await portal.clone('gitops-config');
    const service = await fs.readFile(
      path.join(gitops, 'apps/loyalty-service/base/service.yaml'),
      'utf8',
    );
    expect(service).toContain('8081');
    await expect(validateGitopsConfig(gitops)).resolves.toEqual([]);
    const infrastructure = await portal.clone('infrastructure');
    const prod = await fs.readFile(
      path.join(infrastructure, 'terraform/environments/prod/main.tf'),
      'utf8',
    );
    expect(prod).toContain('module "loyalty_service_db" {');
    expect(prod).not.toContain('module "loyalty_service_queue" {');
  });
});

describe('the react-frontend template', () => {
  it('creates a frontend that installs, passes its tests and builds', async () => {
    const task = await portal.runTemplate('template:default/react-frontend', {
      name: 'seller-portal',
      description: 'Where sellers manage their products.',
      owner: 'group:default/web-team',
      system: 'system:default/ecommerce-platform',
      dependencies: ['product-catalog'],
      repoUrl: 'github.com?owner=ecommerce-platform&repo=seller-portal',
    });
    expectCompleted(task);
    const { service } = await expectCleanRepository(
      'seller-portal',
      'frontend',
    );
    const links = task.output.links as Array<{ title: string }>;
    expect(links.map(l => l.title)).not.toContain('Infrastructure change');
    const options = { cwd: service, maxBuffer: 64 * 1024 * 1024 };
    await run('npm', ['ci', '--no-audit', '--no-fund'], options);
    await run('npm', ['test'], options);
    await run('npm', ['run', 'build'], options);
    await expect(
      fs.stat(path.join(service, 'dist/index.html')),
    ).resolves.toBeDefined();
  });
});

describe('the promote-release template', () => {
  const values = {
    component: 'component:default/user-service',
    from: 'staging',
    config: [],
  };

  it("refuses prod while the release's pre-deployment items are open", async () => {
    const before = await portal.git('gitops-config', 'rev-parse', 'main');
    const task = await portal.runTemplate(
      'template:default/promote-release',
      values,
    );
    expect(task.status).toBe('failed');
    const log = task.log.join('\n');
    expect(log).toContain(
      'component:default/user-service v1.3.0: pre-deployment is not complete; 6 open item(s):',
    );
    expect(log).toContain('- code-review-approved (');
    expect(await portal.git('gitops-config', 'rev-parse', 'main')).toBe(before);
  });

  it('promotes staging to prod as one change once they are done', async () => {
    // The owners work through the release's pre-deployment items: they tick
    // the manual ones and waive CI, which is not on GitHub Actions here.
    const releases = await portal.http
      .get('/api/deployment-checklist/releases')
      .query({ entityRef: 'component:default/user-service' })
      .set('Authorization', portal.auth);
    const release = (
      releases.body as Array<{ id: string; version: string }>
    ).find(r => r.version === 'v1.3.0')!;
    const detail = await portal.http
      .get(`/api/deployment-checklist/releases/${release.id}`)
      .set('Authorization', portal.auth);
    for (const item of detail.body.items) {
      if (item.phase !== 'pre-deployment') continue;
      const response = await portal.http
        .post(
          `/api/deployment-checklist/releases/${release.id}/items/${item.id}`,
        )
        .set('Authorization', portal.auth)
        .send(
          item.provider
            ? {
                action: 'not-applicable',
                comment: 'CI runs elsewhere in this test',
                revision: item.revision,
              }
            : { action: 'tick', revision: item.revision },
        );
      expect(response.status).toBe(200);
    }

    const before = await portal.git('gitops-config', 'rev-parse', 'main');
    const task = await portal.runTemplate(
      'template:default/promote-release',
      values,
    );
    expectCompleted(task);
    expect(
      await portal.git(
        'gitops-config',
        'rev-list',
        '--count',
        `${before}..main`,
      ),
    ).toBe('1');
    const overlay = await portal.git(
      'gitops-config',
      'show',
      'main:apps/user-service/overlays/prod/kustomization.yaml',
    );
    expect(overlay).toContain('newTag: v1.3.0');
    expect(
      await portal.git('gitops-config', 'log', '-1', '--format=%s', 'main'),
    ).toBe('deploy(user-service): promote v1.3.0 to prod');
  });
});
