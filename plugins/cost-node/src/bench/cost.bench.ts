// The cost model benchmark (bench/cost): the whole platform priced for 500
// generated services × 3 environments against 50 × 3, alternating, in the
// same run. Run with bench/cost/run.sh; not part of the test command.
import { TreeFiles } from '@goldenpath/backstage-plugin-gitops-node';
// The benchmark is a Jest run too, on the tests' copies of the repositories.
// eslint-disable-next-line no-restricted-imports
import {
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  readTree,
} from '../__testUtils__/repositories';
import { computePlatformCost } from '../model/computePlatformCost';
import { defaultCostSettings } from '../settings/costSettings';

jest.setTimeout(10 * 60_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Every how many services one gets a database in each environment. */
const DB_EVERY = Number(process.env.BENCH_DB_EVERY ?? 10);
const ENVIRONMENTS = ['dev', 'staging', 'prod'];

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * gitops-config and infrastructure with `count` services shaped like
 * user-service (its base and three overlays, HPA in prod, sizes varied),
 * and an RDS instance for every DB_EVERY-th service in each environment,
 * next to the checked-in shared platform (EKS, VPC, cache, ...).
 */
function generate(
  gitops: Record<string, string>,
  infrastructure: Record<string, string>,
  count: number,
) {
  const app = Object.entries(gitops).filter(([file]) =>
    file.startsWith('apps/user-service/'),
  );
  const gitopsFiles: Record<string, string> = Object.fromEntries(
    Object.entries(gitops).filter(([file]) => file.startsWith('clusters/')),
  );
  const main = Object.fromEntries(
    ENVIRONMENTS.map(env => [
      env,
      infrastructure[`terraform/environments/${env}/main.tf`],
    ]),
  );
  const database = (env: string) => {
    const text = main[env];
    const start = text.indexOf('# RDS PostgreSQL for User Service');
    return text.slice(start, text.indexOf('\n}\n', start) + 3);
  };
  const extra: Record<string, string[]> = { dev: [], staging: [], prod: [] };
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    const replicas = 1 + (i % 4);
    for (const [file, text] of app) {
      let content = text.split('user-service').join(name);
      if (file.endsWith('patch-replicas.yaml')) {
        content = content.replace(/replicas: \d+/, `replicas: ${replicas}`);
      }
      if (file.endsWith('overlays/prod/patch-resources.yaml')) {
        content = content.replace('cpu: 500m', `cpu: ${100 + (i % 9) * 50}m`);
      }
      gitopsFiles[file.replace('apps/user-service/', `apps/${name}/`)] =
        content;
    }
    if (i % DB_EVERY === 0) {
      for (const env of ENVIRONMENTS) {
        extra[env].push(
          database(env)
            .split('user_service_db')
            .join(`${name.replace(/-/g, '_')}_db`)
            .split('user-service')
            .join(name),
        );
      }
    }
  }
  const infrastructureFiles = { ...infrastructure };
  for (const env of ENVIRONMENTS) {
    infrastructureFiles[`terraform/environments/${env}/main.tf`] = `${
      main[env]
    }\n${extra[env].join('\n')}`;
  }
  return {
    gitops: TreeFiles.fromEntries(gitopsFiles),
    infrastructure: TreeFiles.fromEntries(infrastructureFiles),
  };
}

it(`prices 500 services × 3 environments within 11× of 50 × 3 (${ROUNDS} rounds)`, async () => {
  const gitops = await readTree(GITOPS_CONFIG);
  const infrastructure = await readTree(INFRASTRUCTURE);
  const small = generate(gitops, infrastructure, 50);
  const large = generate(gitops, infrastructure, 500);
  const settings = defaultCostSettings();

  const timed = async (repositories: typeof small, expected: number) => {
    const started = process.hrtime.bigint();
    const platform = await computePlatformCost(repositories, settings);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Every service priced in every environment, not skipped.
    expect(platform.services).toHaveLength(expected);
    for (const environment of platform.environments) {
      expect(
        [...environment.services.values()].filter(
          cost => cost.byCategory.compute > 0,
        ),
      ).toHaveLength(expected);
    }
    return ms;
  };

  // One unmeasured run of each warms the HCL parser and the JIT.
  await timed(small, 50);
  await timed(large, 500);

  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    smallMs.push(await timed(small, 50));
    largeMs.push(await timed(large, 500));
  }
  const ratio = median(largeMs) / median(smallMs);
  const format = (xs: number[]) => xs.map(x => x.toFixed(0)).join(', ');
  process.stdout.write(
    [
      '',
      `50 services × 3 environments:    median ${median(smallMs).toFixed(
        0,
      )} ms  [${format(smallMs)}]`,
      `500 services × 3 environments:   median ${median(largeMs).toFixed(
        0,
      )} ms  [${format(largeMs)}]  (target < 1000 ms)`,
      `ratio 500/50:                    ${ratio.toFixed(
        2,
      )}x  (target <= 11.00x)`,
      `(one RDS instance per ${DB_EVERY} services per environment)`,
      '',
    ].join('\n'),
  );
  expect(ratio).toBeGreaterThan(0);
});
