import { ConfigReader } from '@backstage/config';
import { EnvironmentCost } from '@goldenpath/backstage-plugin-cost-common';
import { DirectoryFiles } from '@goldenpath/backstage-plugin-gitops-node';
import {
  copyRepositories,
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  lineOf,
} from '../__testUtils__/repositories';
import {
  defaultCostSettings,
  readCostSettings,
} from '../settings/costSettings';
import {
  computePlatformCost,
  PlatformCost,
  serviceCostOf,
} from './computePlatformCost';

const checkedIn = {
  gitops: new DirectoryFiles(GITOPS_CONFIG),
  infrastructure: new DirectoryFiles(INFRASTRUCTURE),
};

const round = (usd: number) => Math.round(usd * 100) / 100;

function environment(platform: PlatformCost, service: string, env: string) {
  const cost = serviceCostOf(platform, service, {
    generatedAt: 'now',
  }).environments.find(e => e.environment === env);
  if (!cost) throw new Error(`no ${env} figures for ${service}`);
  return cost;
}

function lineNamed(cost: EnvironmentCost, prefix: string) {
  const found = cost.lines.find(l => l.name.startsWith(prefix));
  if (!found) {
    throw new Error(
      `no line ${prefix} in ${cost.lines.map(l => l.name).join(', ')}`,
    );
  }
  return found;
}

describe('computePlatformCost on the checked-in repositories', () => {
  let platform: PlatformCost;

  beforeAll(async () => {
    platform = await computePlatformCost(checkedIn, defaultCostSettings());
  });

  it('prices user-service in prod by hand-checkable arithmetic', async () => {
    const prod = environment(platform, 'user-service', 'prod');

    // Node group "general": t3.large on-demand $0.0832/h, 2 vCPU + 8 GiB; the
    // "compute" group is tainted NoSchedule, so services do not run there.
    // A vCPU priced as 4 GiB: 0.0832 / (2 × 4 + 8) = $0.0052/GiB-h, × 4 =
    // $0.0208/vCPU-h.
    const gibHour = 0.0832 / (2 * 4 + 8);
    const vcpuHour = 4 * gibHour;
    // overlays/prod: 5 replicas of 500m / 1Gi; HPA 3..20.
    const perReplica = (0.5 * vcpuHour + 1 * gibHour) * 730;
    const compute = lineNamed(prod, 'user-service containers');
    expect(compute.category).toBe('compute');
    expect(compute.monthlyUsd).toBe(round(5 * perReplica)); // 56.94
    expect(compute.monthlyUsd).toBe(56.94);
    expect(compute.band).toEqual({
      minMonthlyUsd: round(3 * perReplica), // 34.16
      maxMonthlyUsd: round(20 * perReplica), // 227.76
    });
    expect(compute.formula).toContain(
      '5 replicas × (0.5 vCPU × $0.0208/vCPU-h + 1 GiB × $0.0052/GiB-h) × 730 h',
    );
    expect(compute.formula).toContain('node group compute left out');

    // user_service_db: db.r6g.xlarge $0.45/h, Multi-AZ, 100 GB gp3 at $0.115.
    const db = lineNamed(prod, 'user_service_db');
    expect(db.category).toBe('infrastructure');
    expect(db.name).toBe('user_service_db (db.r6g.xlarge, Multi-AZ)');
    expect(db.monthlyUsd).toBe(round((0.45 * 730 + 100 * 0.115) * 2)); // 680

    // Shared in prod: EKS $0.10/h; 3 NAT gateways (one per public subnet) at
    // $0.045/h + 100 GB × $0.045; redis_cache 3 × cache.r6g.large $0.206/h;
    // one NLB $0.0225/h + 1 LCU × $0.006/h.
    const sharedTotal =
      0.1 * 730 +
      (3 * 0.045 * 730 + 100 * 0.045) +
      3 * 0.206 * 730 +
      round((0.0225 + 0.006) * 730);
    const breakdown = platform.environments.find(
      e => e.environment === 'prod',
    )!;
    expect(breakdown.sharedMonthlyUsd).toBe(round(sharedTotal)); // 648
    // CPU requested in prod (replicas × request): user 5 × 0.5, cart 4 ×
    // 0.25, frontend 3 × 0.2, notification 3 × 0.15, order 4 × 0.5, payment
    // 3 × 0.4, product-catalog 4 × 0.5, search 3 × 0.5 = 11.25 vCPU.
    const requested = 2.5 + 1 + 0.6 + 0.45 + 2 + 1.2 + 2 + 1.5;
    expect(breakdown.cpuRequestedCores).toBeCloseTo(requested, 10);
    expect(prod.byCategory.shared).toBe(round((sharedTotal * 2.5) / requested)); // 144

    expect(prod.monthlyUsd).toBe(round(56.94 + 680 + 144));
    expect(prod.band).toEqual({
      minMonthlyUsd: round(34.16 + 680 + 144),
      maxMonthlyUsd: round(227.76 + 680 + 144),
    });
  });

  it('links each figure to the line that sets it and the price to its page', async () => {
    const prod = environment(platform, 'user-service', 'prod');
    const compute = lineNamed(prod, 'user-service containers');
    const overlay = 'apps/user-service/overlays/prod';
    expect(compute.sources).toEqual(
      expect.arrayContaining([
        {
          label: 'replicas',
          file: `gitops-config/${overlay}/patch-replicas.yaml`,
          line: await lineOf(
            GITOPS_CONFIG,
            `${overlay}/patch-replicas.yaml`,
            'replicas:',
          ),
        },
        {
          label: 'HPA maxReplicas',
          file: `gitops-config/${overlay}/hpa.yaml`,
          line: await lineOf(
            GITOPS_CONFIG,
            `${overlay}/hpa.yaml`,
            'maxReplicas',
          ),
        },
        expect.objectContaining({
          file: 'infrastructure/terraform/environments/prod/main.tf',
          line: await lineOf(
            INFRASTRUCTURE,
            'terraform/environments/prod/main.tf',
            'general = {',
          ),
        }),
        {
          label: 'ec2:t3.large $0.0832/hour (2026-01)',
          url: 'https://aws.amazon.com/ec2/pricing/on-demand/',
        },
      ]),
    );
    expect(lineNamed(prod, 'user_service_db').sources[0]).toEqual({
      label: 'module "user_service_db" (rds)',
      file: 'infrastructure/terraform/environments/prod/main.tf',
      line: await lineOf(
        INFRASTRUCTURE,
        'terraform/environments/prod/main.tf',
        'module "user_service_db"',
      ),
    });
  });

  it('prices user-service in dev on its smaller nodes and database', () => {
    const dev = environment(platform, 'user-service', 'dev');
    // dev: t3.medium $0.0416/h, 2 vCPU + 4 GiB: 0.0416 / (2 × 4 + 4) per GiB-h.
    const gibHour = 0.0416 / (2 * 4 + 4);
    // 1 replica of 100m / 256Mi, no HPA.
    const compute = lineNamed(dev, 'user-service containers');
    expect(compute.monthlyUsd).toBe(
      round(1 * (0.1 * 4 * gibHour + 0.25 * gibHour) * 730),
    ); // 1.64
    expect(compute.band).toBeUndefined();
    // db.t4g.small $0.032/h single-AZ + 20 GB gp3.
    expect(lineNamed(dev, 'user_service_db').monthlyUsd).toBe(
      round(0.032 * 730 + 20 * 0.115),
    ); // 25.66
    expect(dev.band.minMonthlyUsd).toBe(dev.monthlyUsd);
  });

  it('splits every shared item so that the shares add up to its total', () => {
    for (const breakdown of platform.environments) {
      for (const item of breakdown.shared) {
        if (item.monthlyUsd === undefined) continue;
        const shares = [...breakdown.services.values()].map(
          cost =>
            cost.lines.find(
              l => l.category === 'shared' && l.name === item.name,
            )!.monthlyUsd!,
        );
        expect(round(shares.reduce((a, b) => a + b, 0))).toBe(item.monthlyUsd);
      }
      const carried = [...breakdown.services.values()].reduce(
        (sum, cost) => sum + cost.byCategory.shared,
        0,
      );
      expect(round(carried)).toBe(breakdown.sharedMonthlyUsd);
    }
  });

  it('reports shared modules without a pricing rule as unpriced, with what to configure', () => {
    const prod = environment(platform, 'user-service', 'prod');
    expect(prod.unpriced).toEqual(
      expect.arrayContaining([
        {
          name: 'sns_alerts (sns)',
          reason: expect.stringContaining(
            "no pricing rule for module kind 'sns'; set cost.assumptions.flatMonthlyUsd.sns",
          ),
        },
      ]),
    );
    expect(lineNamed(prod, 'sns_alerts').monthlyUsd).toBeUndefined();
  });

  it('names the services it knows when asked for another', () => {
    expect(() =>
      serviceCostOf(platform, 'billing', { generatedAt: 'now' }),
    ).toThrow("Unknown service 'billing'; expected one of: cart-service");
  });
});

describe('links into repositories read from tree URLs', () => {
  it('points each file and line at the repository host', async () => {
    const platform = await computePlatformCost(
      {
        ...checkedIn,
        locations: {
          gitopsConfig: {
            url: 'https://github.com/ecommerce-platform/gitops-config/tree/main',
          },
          infrastructure: {
            url: 'https://github.com/ecommerce-platform/infrastructure/tree/v2.1.0',
          },
        },
      },
      defaultCostSettings(),
    );
    const prod = environment(platform, 'user-service', 'prod');
    const replicas = 'apps/user-service/overlays/prod/patch-replicas.yaml';
    const replicasLine = await lineOf(GITOPS_CONFIG, replicas, 'replicas:');
    expect(lineNamed(prod, 'user-service containers').sources[0]).toEqual({
      label: 'replicas',
      file: `gitops-config/${replicas}`,
      line: replicasLine,
      url: `https://github.com/ecommerce-platform/gitops-config/blob/main/${replicas}#L${replicasLine}`,
    });
    expect(lineNamed(prod, 'user_service_db').sources[0].url).toBe(
      `https://github.com/ecommerce-platform/infrastructure/blob/v2.1.0/terraform/environments/prod/main.tf#L${await lineOf(
        INFRASTRUCTURE,
        'terraform/environments/prod/main.tf',
        'module "user_service_db"',
      )}`,
    );
  });
});

describe('computePlatformCost on edited copies', () => {
  it('reports a service without requests as unpriced, never as zero', async () => {
    const copies = await copyRepositories();
    copies.edit(
      'gitops',
      'apps/cart-service/overlays/prod/patch-resources.yaml',
      '            requests:\n              cpu: 250m\n              memory: 384Mi\n',
      '',
    );
    copies.edit(
      'gitops',
      'apps/cart-service/base/deployment.yaml',
      '            requests:\n              cpu: 50m\n              memory: 128Mi\n',
      '',
    );
    const platform = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    const prod = environment(platform, 'cart-service', 'prod');
    const compute = lineNamed(prod, 'cart-service containers');
    expect(compute.monthlyUsd).toBeUndefined();
    expect(compute.unpricedReason).toMatch(
      /^no CPU request and no memory request in apps\/cart-service .*set resources.requests$/,
    );
    expect(prod.unpriced).toContainEqual({
      name: 'cart-service containers',
      reason: compute.unpricedReason,
    });
    expect(prod.byCategory.compute).toBe(0);
    // It requests no CPU, so it carries no shared cost; the others carry all.
    expect(prod.byCategory.shared).toBe(0);
  });

  it('reports every compute line unpriced when a node type has no price', async () => {
    const copies = await copyRepositories();
    copies.edit(
      'infrastructure',
      'terraform/environments/staging/main.tf',
      'instance_types = ["t3.large"]',
      'instance_types = ["x9.mega"]',
    );
    const platform = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    for (const service of platform.services) {
      const line = lineNamed(
        environment(platform, service, 'staging'),
        `${service} containers`,
      );
      expect(line.monthlyUsd).toBeUndefined();
      expect(line.unpricedReason).toBe(
        'instance type x9.mega (node group general) has no known vCPU and memory; add cost.instanceTypes.x9.mega: {vcpu, memoryGib}',
      );
    }
    // Known shape, unknown price: the reason names the price key to add.
    const settings = defaultCostSettings();
    settings.instanceTypes['x9.mega'] = { vcpu: 2, memoryGib: 8 };
    const priced = await computePlatformCost(copies.files(), settings);
    expect(
      lineNamed(
        environment(priced, 'user-service', 'staging'),
        'user-service containers',
      ).unpricedReason,
    ).toBe(
      'ec2:x9.mega is not in the price table; add {key: ec2:x9.mega, unit: hour, usd, source, date} to cost.prices',
    );
  });

  it('reports an untagged module as unattributed in every service, with the reason', async () => {
    const copies = await copyRepositories();
    copies.edit(
      'infrastructure',
      'terraform/environments/prod/main.tf',
      '    Service = "user-service"\n',
      '',
    );
    copies.edit(
      'infrastructure',
      'terraform/environments/prod/main.tf',
      'instance_class = "db.r6g.large"\n\n  allocated_storage     = 100',
      'instance_class = "db.z9.huge"\n\n  allocated_storage     = 100',
    );
    const platform = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    const user = environment(platform, 'user-service', 'prod');
    expect(user.lines.some(l => l.name.startsWith('user_service_db'))).toBe(
      false,
    );
    for (const service of platform.services) {
      expect(environment(platform, service, 'prod').unpriced).toContainEqual({
        name: 'module "user_service_db" (rds)',
        reason:
          'no Service or Shared tag, so no service carries it; tag it Service = "<service>" or Shared = "true"',
      });
    }
    const order = lineNamed(
      environment(platform, 'order-service', 'prod'),
      'order_service_db',
    );
    expect(order.monthlyUsd).toBeUndefined();
    expect(order.unpricedReason).toBe(
      'rds:db.z9.huge is not in the price table; add {key: rds:db.z9.huge, unit: hour, usd, source, date} to cost.prices',
    );
  });

  it('prices spot node groups at the spot discount', async () => {
    const copies = await copyRepositories();
    copies.edit(
      'infrastructure',
      'terraform/environments/dev/main.tf',
      'capacity_type  = "ON_DEMAND"',
      'capacity_type  = "SPOT"',
    );
    const platform = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    const dev = platform.environments.find(e => e.environment === 'dev')!;
    // t3.medium $0.0416/h less the default 60 % spot discount.
    expect(dev.rates!.gibHourUsd).toBeCloseTo((0.0416 * 0.4) / (2 * 4 + 4), 12);
    expect(dev.rates!.formula).toContain(
      'less 60 % (cost.compute.spotDiscount)',
    );
  });
});

describe('prices from config', () => {
  it('overrides a default price by key and keeps its source and date', async () => {
    const settings = readCostSettings(
      new ConfigReader({
        cost: {
          prices: [
            {
              key: 'ec2:t3.large',
              unit: 'hour',
              usd: 0.1,
              source: 'Enterprise discount program, contract 2026',
              date: '2026-02-01',
            },
          ],
        },
      }),
    );
    const platform = await computePlatformCost(checkedIn, settings);
    const cost = serviceCostOf(platform, 'user-service', {
      generatedAt: 'now',
    });
    const prod = cost.environments.find(e => e.environment === 'prod')!;
    // 0.1 / (2 × 4 + 8) per GiB-h; 5 × (0.5 vCPU × 4 + 1 GiB) of it × 730 h.
    expect(lineNamed(prod, 'user-service containers').monthlyUsd).toBe(
      round(5 * (0.5 * 4 + 1) * (0.1 / 16) * 730),
    ); // 68.44
    expect(cost.prices).toContainEqual({
      key: 'ec2:t3.large',
      unit: 'hour',
      usd: 0.1,
      source: 'Enterprise discount program, contract 2026',
      date: '2026-02-01',
    });
    expect(lineNamed(prod, 'user-service containers').sources).toContainEqual({
      label:
        'ec2:t3.large $0.10/hour (Enterprise discount program, contract 2026, 2026-02-01)',
    });
  });

  it('points into the view of a folder that names one', async () => {
    const platform = await computePlatformCost(
      {
        ...checkedIn,
        locations: {
          gitopsConfig: {
            path: GITOPS_CONFIG,
            browseUrl: 'http://portal.test/local-git/gitops-config/blob/main',
          },
          infrastructure: { path: INFRASTRUCTURE },
        },
      },
      defaultCostSettings(),
    );
    const prod = environment(platform, 'user-service', 'prod');
    const replicas = 'apps/user-service/overlays/prod/patch-replicas.yaml';
    expect(lineNamed(prod, 'user-service containers').sources[0].url).toBe(
      `http://portal.test/local-git/gitops-config/blob/main/${replicas}#L${await lineOf(
        GITOPS_CONFIG,
        replicas,
        'replicas:',
      )}`,
    );
    // A folder without a view: the file and line, and no link.
    expect(lineNamed(prod, 'user_service_db').sources[0].url).toBeUndefined();
  });
});
