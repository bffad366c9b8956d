import {
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from '@goldenpath/backstage-plugin-gitops-node/testUtils';
import request from 'supertest';
import {
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  startCostBackend,
} from './__testUtils__/backend';

const round = (usd: number) => Math.round(usd * 100) / 100;

describe('cost routes on the checked-in repositories', () => {
  let server: Awaited<ReturnType<typeof startCostBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startCostBackend({
      cost: {
        prices: [
          {
            key: 'eks:control-plane',
            unit: 'hour',
            usd: 0.2,
            source: 'EKS extended support pricing',
            date: '2026-03',
          },
        ],
      },
    }));
  });

  it('GET /services/:service answers what a service costs in every environment', async () => {
    const response = await request(server).get(
      '/api/cost/services/user-service',
    );
    expect(response.status).toBe(200);
    const cost: ServiceCost = response.body;
    expect(cost.service).toBe('user-service');
    expect(cost.environments.map(e => e.environment)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    const prod = cost.environments[2];
    // 5 replicas × (0.5 vCPU × $0.0208 + 1 GiB × $0.0052) × 730 h and the
    // Multi-AZ db.r6g.xlarge with 100 GB: (0.45 × 730 + 100 × 0.115) × 2.
    expect(prod.byCategory.compute).toBe(
      round(5 * (0.5 * 0.0208 + 0.0052) * 730),
    );
    expect(prod.byCategory.infrastructure).toBe(round((0.45 * 730 + 11.5) * 2));
    expect(prod.usageUnavailableReason).toBe(
      'no usage: cost.prometheus.baseUrl is not configured',
    );
    expect(prod.recommendations).toBeUndefined();
    expect(cost.prices).toContainEqual({
      key: 'eks:control-plane',
      unit: 'hour',
      usd: 0.2,
      source: 'EKS extended support pricing',
      date: '2026-03',
    });
    // The overridden EKS price ($0.20/h) is what the shared line carries.
    expect(prod.lines.find(l => l.name.startsWith('eks'))!.formula).toContain(
      '$146.00 a month (1 cluster × $0.20/h × 730 h)',
    );
    const head = (() => {
      try {
        return git(GITOPS_CONFIG, 'rev-parse', '--short', 'HEAD');
      } catch {
        return undefined;
      }
    })();
    expect(cost.revisions?.gitops).toBe(head);
    expect(Date.parse(cost.generatedAt)).not.toBeNaN();
  });

  it('answers 404 naming the known services, and 400 for an unknown rule', async () => {
    const unknown = await request(server).get('/api/cost/services/billing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "Unknown service 'billing'; expected one of: cart-service, frontend, notification-service, order-service, payment-service, product-catalog, search-service, user-service",
    );
    const badRule = await request(server).get(
      '/api/cost/services/user-service?rule=cheapest',
    );
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.message).toMatch(
      /^Invalid rule \(expected design, vpa, krr\)/,
    );
  });

  it('GET /entity/:namespace/:kind/:name finds the service through the gitops-path annotation', async () => {
    const response = await request(server).get(
      '/api/cost/entity/default/component/storefront',
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      service: 'frontend',
      entityRef: 'component:default/storefront',
    });
    const direct = await request(server).get('/api/cost/services/frontend');
    expect(response.body.environments).toEqual(direct.body.environments);

    const missing = await request(server).get(
      '/api/cost/entity/default/component/nothing',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No entity component:default/nothing in the catalog',
    );
  });

  it('GET /systems/:system sums its components, most expensive first', async () => {
    const response = await request(server).get(
      '/api/cost/systems/ecommerce-platform',
    );
    expect(response.status).toBe(200);
    const system: SystemCost = response.body;
    expect(system.system).toBe('system:default/ecommerce-platform');
    expect(system.services).toHaveLength(9);
    const totals = system.services.map(s => s.monthlyUsd);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(system.monthlyUsd).toBe(round(totals.reduce((a, b) => a + b, 0)));
    const user = await request(server).get('/api/cost/services/user-service');
    const userRow = system.services.find(s => s.service === 'user-service')!;
    expect(userRow.perEnvironment).toEqual(
      Object.fromEntries(
        (user.body as ServiceCost).environments.map(e => [
          e.environment,
          e.monthlyUsd,
        ]),
      ),
    );
    expect(system.services.find(s => s.service === 'legacy-billing')).toEqual({
      service: 'legacy-billing',
      entityRef: 'component:default/legacy-billing',
      perEnvironment: {},
      monthlyUsd: 0,
      unpricedCount: 1,
      unpricedReason:
        'gitops-config has no apps/legacy-billing, so nothing of it is priced',
    });

    const byName = await request(server).get(
      '/api/cost/systems/ecommerce-platform?sort=name',
    );
    const names = (byName.body as SystemCost).services.map(s => s.service);
    expect(names).toEqual([...names].sort());

    const byRef = await request(server).get(
      `/api/cost/systems/${encodeURIComponent(
        'system:default/ecommerce-platform',
      )}`,
    );
    expect(byRef.body.monthlyUsd).toBe(system.monthlyUsd);
    expect(
      (await request(server).get('/api/cost/systems/nothing')).status,
    ).toBe(404);
    expect(
      (await request(server).get('/api/cost/systems/component%3Auser-service'))
        .status,
    ).toBe(400);
    for (const bad of ['system%3A%2Fx', 'system%3Adefault%2F']) {
      const refused = await request(server).get(`/api/cost/systems/${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        `'${decodeURIComponent(bad)}' is not a system reference`,
      );
    }
  });

  it('GET /prices lists the price table with each source and date', async () => {
    const response = await request(server).get('/api/cost/prices');
    expect(response.status).toBe(200);
    expect(response.body).toContainEqual({
      key: 'ec2:m5.large',
      unit: 'hour',
      usd: 0.096,
      source: 'https://aws.amazon.com/ec2/pricing/on-demand/',
      date: '2026-01',
    });
    expect(
      response.body.filter(
        (p: { key: string }) => p.key === 'eks:control-plane',
      ),
    ).toEqual([expect.objectContaining({ usd: 0.2 })]);
  });
});

describe('POST /diff', () => {
  let root: string;
  let server: Awaited<ReturnType<typeof startCostBackend>>['server'];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-diff-'));
    await fs.cp(GITOPS_CONFIG, path.join(root, 'gitops-config'), {
      recursive: true,
    });
    await fs.cp(INFRASTRUCTURE, path.join(root, 'infrastructure'), {
      recursive: true,
    });
    git(root, 'init', '-q', '--initial-branch=main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'base');
    const replicas = path.join(
      root,
      'gitops-config/apps/user-service/overlays/prod/patch-replicas.yaml',
    );
    await fs.writeFile(
      replicas,
      (
        await fs.readFile(replicas, 'utf8')
      ).replace('replicas: 5', 'replicas: 7'),
    );
    git(root, 'commit', '-q', '-am', 'two more user-service replicas');
    ({ server } = await startCostBackend({
      goldenpath: {
        repositories: {
          gitopsConfig: path.join(root, 'gitops-config'),
          infrastructure: path.join(root, 'infrastructure'),
        },
      },
    }));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('prices the change between two git revisions of the repositories', async () => {
    const response = await request(server)
      .post('/api/cost/diff')
      .send({ gitopsConfig: { base: 'HEAD~1', head: 'main' } });
    expect(response.status).toBe(200);
    // Two user-service replicas in prod: 2 × (0.5 × $0.0208 + 1 × $0.0052) × 730 h.
    const prod = response.body.environments.find(
      (e: { environment: string }) => e.environment === 'prod',
    );
    expect(prod.deltaMonthlyUsd).toBe(
      round(round(7 * 11.388) - round(5 * 11.388)),
    );
    expect(response.body).toMatchObject({
      base: 'gitops-config@HEAD~1',
      head: 'gitops-config@main',
      summary: 'adds about $23 a month in prod',
    });
  });

  it('rejects a body or revision it cannot use, naming it', async () => {
    const empty = await request(server).post('/api/cost/diff').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      'Give base and head revisions of gitopsConfig, infrastructure or both',
    );
    const extra = await request(server)
      .post('/api/cost/diff')
      .send({ gitops: { base: 'a', head: 'b' } });
    expect(extra.status).toBe(400);
    const unknown = await request(server)
      .post('/api/cost/diff')
      .send({ infrastructure: { base: 'v9.9.9', head: 'main' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      `Unknown git revision 'v9.9.9' in ${path.join(root, 'infrastructure')}`,
    );
    const url = await request(server)
      .post('/api/cost/diff')
      .send({
        gitopsConfig: {
          base: 'https://github.com/o/gitops-config/tree/main',
          head: 'main',
        },
      });
    expect(url.status).toBe(400);
    expect(url.body.error.message).toMatch(
      /^gitops-config is read from a folder \(goldenpath\.repositories\.gitopsConfig\); give git revisions/,
    );
  });
});
