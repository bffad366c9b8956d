import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  computePlatformCost,
  defaultCostSettings,
  diffPlatformCosts,
  PlatformCost,
  readCostSettings,
} from '@goldenpath/backstage-plugin-cost-node';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import {
  PlatformRepositories,
  RecentPromises,
  RepositoryFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { checkoutSnapshot, committedFiles } from '../git/lazyCheckout';
import { existingWorkspaceFolder, isCheckout } from '../git/repository';
import { examples } from './estimate.examples';

/** The checkout's committed state and its working copy. */
async function checkoutSides(
  workspacePath: string,
  value: string,
  inputName: string,
): Promise<{ base: RepositoryFiles; head: RepositoryFiles; commit: string }> {
  const folder = await existingWorkspaceFolder(
    workspacePath,
    value,
    inputName,
    'check out the repository there first (git:clone)',
  );
  if (!(await isCheckout(folder))) {
    throw new InputError(
      `${inputName} '${value}' is not a git checkout, so there is no committed state to compare with; check it out with git:clone`,
    );
  }
  // The working copy is read once into memory: the cost model reads some
  // files several times, and the step never writes.
  const [{ files, commit }, head] = await Promise.all([
    committedFiles(folder),
    checkoutSnapshot(folder),
  ]);
  return { base: files, head, commit };
}

/** The infrastructure of goldenpath.repositories, unchanged on both sides. */
async function configuredInfrastructure(
  repositories: PlatformRepositories | undefined,
): Promise<{ base: RepositoryFiles; head: RepositoryFiles }> {
  if (!repositories) {
    throw new InputError(
      'Give infrastructurePath (a checkout of the infrastructure repository): goldenpath.repositories.infrastructure is not configured',
    );
  }
  const configured = await repositories.files('infrastructure');
  return { base: configured, head: configured };
}

/**
 * `cost:estimate` prices the change a template is about to publish: the
 * working copy of a checked-out GitOps repository (and infrastructure
 * repository) against its last commit, with the cost model the cost plugin
 * uses (prices from `cost` in app-config).
 *
 * @public
 */
export function createCostEstimateAction(
  options: { config?: Config; reader?: UrlReaderService } = {},
) {
  const settings = options.config
    ? readCostSettings(options.config)
    : defaultCostSettings();
  // Made once, so that a configured URL's snapshot is reused between runs.
  // Without a URL reader a folder still reads; a URL fails saying so.
  const repositories =
    options.config?.has('goldenpath.repositories.gitopsConfig') &&
    options.config.has('goldenpath.repositories.infrastructure')
      ? PlatformRepositories.fromConfig(options.config, {
          reader: options.reader as UrlReaderService,
        })
      : undefined;
  // The cost of the committed sides, by commits: task after task checks
  // out the same commits of the platform repositories, and their cost
  // under these settings does not change.
  const recent = new RecentPromises<PlatformCost>(4);
  const committedCost = (
    gitops: { base: RepositoryFiles; commit?: string },
    infrastructure: { base: RepositoryFiles; commit?: string },
  ) => {
    const compute = () =>
      computePlatformCost(
        { gitops: gitops.base, infrastructure: infrastructure.base },
        settings,
      );
    return gitops.commit && infrastructure.commit
      ? recent.get(`${gitops.commit} ${infrastructure.commit}`, compute)
      : compute();
  };

  return createTemplateAction({
    id: 'cost:estimate',
    description:
      "Estimates what a change to the checked-out GitOps repository (and infrastructure repository) adds to or saves from the platform's monthly cost: its working copy, as the template's earlier steps edited it, against its last commit. Run it before the change is published; it writes nothing.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        gitopsPath: z =>
          z
            .string({
              description:
                'Folder of the checked-out GitOps repository (a git:clone), relative to the task workspace.',
            })
            .default('gitops'),
        infrastructurePath: z =>
          z
            .string({
              description:
                'Folder of the checked-out infrastructure repository, when the change touches it too. Without it, the infrastructure is read from goldenpath.repositories.infrastructure, unchanged.',
            })
            .optional(),
      },
      output: {
        summary: z =>
          z.string({
            description:
              'One line for the change description, e.g. "adds about $23 a month in prod".',
          }),
        diff: z =>
          z.object(
            {
              base: z.string(),
              head: z.string(),
              summary: z.string(),
              environments: z.array(
                z.object({
                  environment: z.enum(ENVIRONMENTS),
                  beforeMonthlyUsd: z.number(),
                  afterMonthlyUsd: z.number(),
                  deltaMonthlyUsd: z.number(),
                  changes: z.array(
                    z.object({
                      service: z.string(),
                      name: z.string(),
                      beforeMonthlyUsd: z.number().optional(),
                      afterMonthlyUsd: z.number().optional(),
                    }),
                  ),
                }),
              ),
              unpriced: z
                .array(
                  z.object({
                    environment: z.enum(ENVIRONMENTS),
                    service: z.string().optional(),
                    name: z.string(),
                    reason: z.string(),
                  }),
                )
                .optional(),
            },
            {
              description:
                'The cost change per environment and line, with what the change leaves unpriced (a CostDiff of @goldenpath/backstage-plugin-cost-common).',
            },
          ),
      },
    },
    async handler(ctx) {
      const gitopsPath = ctx.input.gitopsPath ?? 'gitops';
      const infrastructurePath = ctx.input.infrastructurePath;
      const [gitops, infrastructure] = await Promise.all([
        checkoutSides(ctx.workspacePath, gitopsPath, 'gitopsPath'),
        infrastructurePath
          ? checkoutSides(
              ctx.workspacePath,
              infrastructurePath,
              'infrastructurePath',
            )
          : configuredInfrastructure(repositories),
      ]);

      const [before, after] = await Promise.all([
        committedCost(gitops, infrastructure),
        computePlatformCost(
          { gitops: gitops.head, infrastructure: infrastructure.head },
          settings,
        ),
      ]);
      const diff = diffPlatformCosts(before, after, {
        base: `${gitopsPath}@${gitops.commit.slice(0, 7)}`,
        head: `${gitopsPath} working copy`,
      });
      ctx.logger.info(`Cost of this change: ${diff.summary}`);
      ctx.output('summary', diff.summary);
      ctx.output('diff', diff);
    },
  });
}
