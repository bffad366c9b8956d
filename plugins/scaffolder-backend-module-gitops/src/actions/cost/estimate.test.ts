import { ConfigReader } from '@backstage/config';
import {
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  mockContext,
  snapshot,
} from '../__testUtils__/gitopsWorkspace';
import { createCheckouts, PROD_REPLICAS } from './__testUtils__/checkouts';
import { createGitCloneAction } from '../git/gitClone';
import { checkoutFiles } from '../git/lazyCheckout';
import { git, runAction } from '../git/__testUtils__/gitFixtures';
import { createCostEstimateAction } from './estimate';

/** What the test reads of the diff output. */
interface Diff {
  base: string;
  head: string;
  environments: Array<{
    environment: string;
    deltaMonthlyUsd: number;
    changes: Array<{ name: string }>;
  }>;
}

const round = (usd: number) => Math.round(usd * 100) / 100;
/** A user-service replica in prod: 0.5 vCPU × $0.0208 + 1 GiB × $0.0052, × 730 h. */
const REPLICA = (0.5 * 0.0208 + 1 * 0.0052) * 730;

describe('cost:estimate', () => {
  const action = createCostEstimateAction();
  let workspace: Awaited<ReturnType<typeof createCheckouts>>;

  beforeEach(async () => {
    workspace = await createCheckouts();
  });
  afterEach(() => workspace.remove());

  const run = async (input: Record<string, unknown>, isDryRun = false) => {
    const ctx = mockContext(workspace.workspacePath, input, { isDryRun });
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return outputs as { summary: string; diff: Diff };
  };

  it('prices what the working copies change against their last commit', async () => {
    await workspace.edit(PROD_REPLICAS, 'replicas: 5', 'replicas: 7');
    // user_service_db in prod: db.r6g.xlarge ($0.45/h) to db.r6g.2xlarge
    // ($0.899/h), Multi-AZ: × 2.
    await workspace.edit(
      'infrastructure/terraform/environments/prod/main.tf',
      'instance_class = "db.r6g.xlarge"',
      'instance_class = "db.r6g.2xlarge"',
    );
    const { summary, diff } = await run({
      gitopsPath: 'gitops',
      infrastructurePath: 'infrastructure',
    });
    const compute = round(7 * REPLICA) - round(5 * REPLICA);
    const database = round((0.899 - 0.45) * 730 * 2);
    const prod = diff.environments.find(e => e.environment === 'prod')!;
    expect(prod.deltaMonthlyUsd).toBe(round(compute + database));
    expect(prod.changes.map(c => c.name)).toEqual([
      'user_service_db (db.r6g.2xlarge, Multi-AZ)',
      'user-service containers',
    ]);
    expect(summary).toBe(
      `adds about $${Math.round(compute + database)} a month in prod`,
    );
    expect(diff.head).toBe('gitops working copy');
    expect(diff.base).toMatch(/^gitops@[0-9a-f]{7}$/);
  });

  it('prices a lazy checkout (git:clone with lazy: true) as it prices a full one', async () => {
    const clone = createGitCloneAction();
    for (const folder of ['gitops', 'infrastructure']) {
      await runAction(
        clone,
        {
          repoUrl: `${workspace.workspacePath}/${folder}`,
          targetPath: `lazy-${folder}`,
          lazy: true,
        },
        { workspacePath: workspace.workspacePath },
      );
    }
    // The same edit, written as the actions write: only that file is there.
    const lazyGitops = await checkoutFiles(
      `${workspace.workspacePath}/lazy-gitops`,
    );
    const replicas = PROD_REPLICAS.replace(/^gitops\//, '');
    await lazyGitops.write(
      replicas,
      (await lazyGitops.read(replicas))!.replace('replicas: 5', 'replicas: 7'),
    );
    await workspace.edit(PROD_REPLICAS, 'replicas: 5', 'replicas: 7');

    const lazy = await run({
      gitopsPath: 'lazy-gitops',
      infrastructurePath: 'lazy-infrastructure',
    });
    const full = await run({
      gitopsPath: 'gitops',
      infrastructurePath: 'infrastructure',
    });

    expect(lazy.summary).toBe(
      `adds about $${Math.round(
        round(7 * REPLICA) - round(5 * REPLICA),
      )} a month in prod`,
    );
    expect(lazy.diff.environments).toEqual(full.diff.environments);
  });

  it('prices a new commit anew: the committed side of task after task is kept by commit only', async () => {
    const both = { gitopsPath: 'gitops', infrastructurePath: 'infrastructure' };
    await workspace.edit(PROD_REPLICAS, 'replicas: 5', 'replicas: 7');
    const first = await run(both);
    // The next task: the same commits, another working copy.
    await workspace.edit(PROD_REPLICAS, 'replicas: 7', 'replicas: 6');
    const second = await run(both);
    expect(second.diff.environments).toEqual(
      (
        await (async () => {
          const fresh = createCostEstimateAction();
          const ctx = mockContext(workspace.workspacePath, both);
          await fresh.handler(ctx as any);
          return (ctx.output as jest.Mock).mock.calls.find(
            ([name]) => name === 'diff',
          )![1] as Diff;
        })()
      ).environments,
    );
    expect(second.summary).toBe(
      `adds about $${Math.round(
        round(6 * REPLICA) - round(5 * REPLICA),
      )} a month in prod`,
    );
    // The change is merged: 6 replicas are the committed state now.
    git(`${workspace.workspacePath}/gitops`, 'commit', '-q', '-am', 'scale');
    await workspace.edit(PROD_REPLICAS, 'replicas: 6', 'replicas: 8');
    const third = await run(both);
    expect(third.diff.base).not.toBe(first.diff.base);
    expect(third.summary).toBe(
      `adds about $${Math.round(
        round(8 * REPLICA) - round(6 * REPLICA),
      )} a month in prod`,
    );
  });

  it('says so when the change costs nothing, and writes nothing in a dry run', async () => {
    await workspace.edit(
      'gitops/apps/user-service/overlays/dev/kustomization.yaml',
      'newTag: sha-8d41e07',
      'newTag: sha-1234567',
    );
    const before = await snapshot(workspace.workspacePath);
    const { summary } = await run(
      { gitopsPath: 'gitops', infrastructurePath: 'infrastructure' },
      true,
    );
    expect(summary).toBe('no change to the monthly cost');
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });

  it('reads the configured infrastructure when the template did not check it out', async () => {
    const configured = createCostEstimateAction({
      config: new ConfigReader({
        goldenpath: {
          repositories: {
            gitopsConfig: GITOPS_CONFIG,
            infrastructure: INFRASTRUCTURE,
          },
        },
        cost: {
          prices: [
            {
              key: 'ec2:t3.large',
              unit: 'hour',
              usd: 0.1664,
              source: 'a price twice the list price',
              date: '2026-02',
            },
          ],
        },
      }),
    });
    await workspace.edit(PROD_REPLICAS, 'replicas: 5', 'replicas: 6');
    const ctx = mockContext(workspace.workspacePath, { gitopsPath: 'gitops' });
    await configured.handler(ctx as any);
    // The configured price doubles the rates: one replica costs 2 × REPLICA.
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      `adds about $${Math.round(
        round(6 * 2 * REPLICA) - round(5 * 2 * REPLICA),
      )} a month in prod`,
    );
  });

  it('names the input it cannot use', async () => {
    await expect(run({ gitopsPath: 'gitops' })).rejects.toThrow(
      'Give infrastructurePath (a checkout of the infrastructure repository): goldenpath.repositories.infrastructure is not configured',
    );
    await expect(
      run({ gitopsPath: 'gitops/apps', infrastructurePath: 'infrastructure' }),
    ).rejects.toThrow(
      "gitopsPath 'gitops/apps' is not a git checkout, so there is no committed state to compare with",
    );
    await expect(
      run({ gitopsPath: '../..', infrastructurePath: 'infrastructure' }),
    ).rejects.toThrow("gitopsPath '../..' is outside the task workspace");
  });
});
