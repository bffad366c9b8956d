import { copyRepositories } from '../__testUtils__/repositories';
import { computePlatformCost } from '../model/computePlatformCost';
import { defaultCostSettings } from '../settings/costSettings';
import { diffPlatformCosts } from './diffPlatformCosts';

const round = (usd: number) => Math.round(usd * 100) / 100;
const REPLICAS = 'apps/user-service/overlays/prod/patch-replicas.yaml';

describe('diffPlatformCosts', () => {
  it('prices a changed replica count and says it in one line', async () => {
    const copies = await copyRepositories();
    const base = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    copies.edit('gitops', REPLICAS, 'replicas: 5', 'replicas: 7');
    const head = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );

    const diff = diffPlatformCosts(base, head, {
      base: 'main',
      head: 'scale-up',
    });

    // One user-service replica in prod: 0.5 vCPU × $0.0208 + 1 GiB × $0.0052
    // an hour (t3.large nodes), × 730 h.
    const perReplica = (0.5 * 0.0208 + 1 * 0.0052) * 730;
    const prod = diff.environments.find(e => e.environment === 'prod')!;
    expect(prod.changes).toEqual([
      {
        service: 'user-service',
        name: 'user-service containers',
        beforeMonthlyUsd: round(5 * perReplica),
        afterMonthlyUsd: round(7 * perReplica),
      },
    ]);
    expect(prod.deltaMonthlyUsd).toBe(
      round(7 * perReplica) - round(5 * perReplica),
    );
    expect(prod.afterMonthlyUsd).toBe(
      round(prod.beforeMonthlyUsd + prod.deltaMonthlyUsd),
    );
    for (const other of diff.environments.filter(
      e => e.environment !== 'prod',
    )) {
      expect(other.deltaMonthlyUsd).toBe(0);
      expect(other.changes).toEqual([]);
    }
    expect(diff.summary).toBe('adds about $23 a month in prod');
    expect(diff).toMatchObject({ base: 'main', head: 'scale-up' });
    expect(diff.unpriced).toBeUndefined();
  });

  it('says when nothing changes', async () => {
    const copies = await copyRepositories();
    const platform = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    expect(
      diffPlatformCosts(platform, platform, { base: 'a', head: 'b' }).summary,
    ).toBe('no change to the monthly cost');
  });

  it('does not pass off a cost it can no longer price as a saving', async () => {
    const copies = await copyRepositories();
    const base = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
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
    const head = await computePlatformCost(
      copies.files(),
      defaultCostSettings(),
    );
    const diff = diffPlatformCosts(base, head, {
      base: 'HEAD',
      head: 'working copy',
    });
    expect(diff.unpriced).toEqual(
      expect.arrayContaining([
        {
          environment: 'prod',
          service: 'cart-service',
          name: 'cart-service containers',
          reason: expect.stringContaining(
            'no CPU request and no memory request',
          ),
        },
      ]),
    );
    // Only prod loses its requests (dev and staging set their own): the
    // 4 × (0.25 vCPU × $0.0208 + 0.375 GiB × $0.0052) × 730 h = $20.88 it
    // cost is no saving, and the summary says so.
    expect(diff.summary).toBe(
      'saves about $21 a month in prod; 1 new item not priced: cart-service containers in prod',
    );
    const prod = diff.environments.find(e => e.environment === 'prod')!;
    expect(prod.changes).toContainEqual({
      service: 'cart-service',
      name: 'cart-service containers',
      beforeMonthlyUsd: expect.any(Number),
    });
  });
});
