import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EnvironmentCost,
  RightSizingRule,
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';
import {
  computePlatformCost,
  CostSettings,
  diffPlatformCosts,
  PlatformCost,
  rightSizingRecommendation,
  serviceCostOf,
} from '@goldenpath/backstage-plugin-cost-node';
import { gitopsServiceOf } from '@goldenpath/backstage-plugin-gitops-common';
import {
  gitHeadOf,
  GitRevisionCache,
  PlatformRepositories,
  readGitRevision,
  RepositoryFiles,
  RepositoryLocation,
  TreeFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { DateTime } from 'luxon';
import { UsageService } from '../UsageService/types';
import { treeUrlIn } from './treeUrl';
import { CostService, RevisionPair } from './types';

type Repository = 'gitopsConfig' | 'infrastructure';

const NAMES: Record<Repository, string> = {
  gitopsConfig: 'gitops-config',
  infrastructure: 'infrastructure',
};

/** The part of a tree URL before `/tree/<ref>`: the repository itself. */
function repositoryOfUrl(url: string) {
  const index = url.lastIndexOf('/tree/');
  return index === -1 ? url.replace(/\/+$/, '') : url.slice(0, index);
}

function refOfUrl(url: string) {
  const index = url.lastIndexOf('/tree/');
  return index === -1 ? undefined : url.slice(index + '/tree/'.length);
}

/**
 * Prices services from the configured repositories on request. Figures are
 * computed from one snapshot of both repositories; the same snapshot (a
 * tree read through a URL, reused for goldenpath.repositories'
 * refresh interval) is computed once.
 */
export function createCostService(options: {
  repositories: PlatformRepositories;
  settings: CostSettings;
  catalog: CatalogService;
  reader: UrlReaderService;
  logger: LoggerService;
  usage?: UsageService;
  defaultRule: RightSizingRule;
}): CostService {
  const { repositories, settings, catalog, reader, usage, defaultRule } =
    options;
  const locations = repositories.options;
  /** Commits read for diffs: asked again, only which commit they are. */
  const commits = new GitRevisionCache();
  /** A platform's figures and the revisions they were computed from. */
  type Snapshot = {
    platform: PlatformCost;
    revisions?: { gitops?: string; infrastructure?: string };
  };
  const computed = new WeakMap<
    RepositoryFiles,
    WeakMap<RepositoryFiles, Promise<Snapshot>>
  >();

  async function current(): Promise<Snapshot> {
    const [gitops, infrastructure] = await Promise.all([
      repositories.files('gitopsConfig'),
      repositories.files('infrastructure'),
    ]);
    let byInfrastructure = computed.get(gitops);
    if (!byInfrastructure) {
      byInfrastructure = new WeakMap();
      computed.set(gitops, byInfrastructure);
    }
    let snapshot = byInfrastructure.get(infrastructure);
    if (!snapshot) {
      snapshot = Promise.all([
        computePlatformCost({ gitops, infrastructure, locations }, settings),
        revisionOf('gitopsConfig'),
        revisionOf('infrastructure'),
      ]).then(([platform, gitopsRevision, infrastructureRevision]) => ({
        platform,
        revisions:
          gitopsRevision || infrastructureRevision
            ? {
                ...(gitopsRevision && { gitops: gitopsRevision }),
                ...(infrastructureRevision && {
                  infrastructure: infrastructureRevision,
                }),
              }
            : undefined,
      }));
      byInfrastructure.set(infrastructure, snapshot);
      snapshot.catch(() => byInfrastructure!.delete(infrastructure));
    }
    return snapshot;
  }

  async function revisionOf(which: Repository) {
    const location = locations[which];
    return 'path' in location
      ? gitHeadOf(location.path)
      : refOfUrl(location.url);
  }

  async function withRecommendations(
    platform: PlatformCost,
    cost: ServiceCost,
    rule: RightSizingRule,
  ): Promise<ServiceCost> {
    const environments = cost.environments.map(e => e.environment);
    const usageByEnvironment = usage
      ? await usage.containerUsage({
          service: cost.service,
          container: cost.service,
          environments,
        })
      : undefined;
    const annotated: EnvironmentCost[] = cost.environments.map(env => {
      const breakdown = platform.environments.find(
        e => e.environment === env.environment,
      )!;
      const workload = breakdown.workloads.get(cost.service);
      const unavailable = (reason: string) => ({
        ...env,
        usageUnavailableReason: reason,
      });
      if (!usageByEnvironment) {
        return unavailable(
          'no usage: cost.prometheus.baseUrl is not configured',
        );
      }
      if (!workload) {
        return unavailable(
          `no recommendation: the ${env.environment} deployment could not be read`,
        );
      }
      if (!breakdown.rates) {
        return unavailable(
          `no recommendation: ${
            breakdown.ratesUnpricedReason ?? 'no compute prices'
          }`,
        );
      }
      const observed = usageByEnvironment.get(env.environment);
      if (!observed || 'reason' in observed) {
        return unavailable(observed?.reason ?? 'no usage');
      }
      const recommendation = rightSizingRecommendation({
        rule,
        workload,
        usage: observed.usage,
        rates: breakdown.rates,
        sources: observed.sources,
      });
      if ('reason' in recommendation) return unavailable(recommendation.reason);
      return { ...env, recommendations: [recommendation] };
    });
    return { ...cost, environments: annotated };
  }

  async function serviceCost(
    service: string,
    rule: RightSizingRule | undefined,
    entityRef?: string,
  ) {
    const { platform, revisions } = await current();
    const cost = serviceCostOf(platform, service, {
      generatedAt: DateTime.now().toUTC().toISO()!,
      entityRef,
      revisions,
    });
    return withRecommendations(platform, cost, rule ?? defaultRule);
  }

  async function filesAt(which: Repository, revision: string) {
    const location: RepositoryLocation = locations[which];
    const key = `goldenpath.repositories.${which}`;
    if ('path' in location) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(revision)) {
        throw new InputError(
          `${NAMES[which]} is read from a folder (${key}); give git revisions of it, not URLs`,
        );
      }
      return (
        await readGitRevision(location.path, revision, { cache: commits })
      ).files;
    }
    const repository = repositoryOfUrl(location.url);
    const url = treeUrlIn(repository, revision);
    if (!url) {
      throw new InputError(
        `${NAMES[which]} is read from ${location.url} (${key}); give tree URLs of that repository, e.g. ${repository}/tree/main, not '${revision}'`,
      );
    }
    return TreeFiles.fromUrl(reader, url);
  }

  return {
    serviceCost: ({ service, rule }) => serviceCost(service, rule),

    async entityCost({ entityRef, rule, credentials }) {
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(
          `No entity ${stringifyEntityRef(entityRef)} in the catalog`,
        );
      }
      return serviceCost(
        gitopsServiceOf(entity),
        rule,
        stringifyEntityRef(entity),
      );
    },

    async systemCost({ system, sort, credentials }) {
      const systemRef = stringifyEntityRef({ kind: 'system', ...system });
      const systemEntity = await catalog.getEntityByRef(systemRef, {
        credentials,
      });
      if (!systemEntity) {
        throw new NotFoundError(`No system ${systemRef} in the catalog`);
      }
      const { items } = await catalog.getEntities(
        { filter: { kind: 'Component', 'relations.partOf': systemRef } },
        { credentials },
      );
      const { platform } = await current();
      const services: SystemCost['services'] = items.map(entity => {
        const service = gitopsServiceOf(entity);
        const entityRef = stringifyEntityRef(entity);
        if (!platform.services.includes(service)) {
          return {
            service,
            entityRef,
            perEnvironment: {},
            monthlyUsd: 0,
            unpricedCount: 1,
            unpricedReason: `gitops-config has no apps/${service}, so nothing of it is priced`,
          };
        }
        const cost = serviceCostOf(platform, service, { generatedAt: '' });
        return {
          service,
          entityRef,
          perEnvironment: Object.fromEntries(
            cost.environments.map(e => [e.environment, e.monthlyUsd]),
          ),
          monthlyUsd:
            Math.round(
              cost.environments.reduce((sum, e) => sum + e.monthlyUsd, 0) * 100,
            ) / 100,
          unpricedCount: cost.environments.reduce(
            (sum, e) => sum + e.unpriced.length,
            0,
          ),
        };
      });
      services.sort((a, b) =>
        sort === 'name'
          ? a.service.localeCompare(b.service)
          : b.monthlyUsd - a.monthlyUsd || a.service.localeCompare(b.service),
      );
      return {
        system: stringifyEntityRef(systemEntity),
        services,
        monthlyUsd:
          Math.round(services.reduce((sum, s) => sum + s.monthlyUsd, 0) * 100) /
          100,
      };
    },

    async prices() {
      return [...settings.prices].sort((a, b) => a.key.localeCompare(b.key));
    },

    async diff(request) {
      const given = (Object.keys(NAMES) as Repository[]).filter(
        which => request[which],
      );
      if (!given.length) {
        throw new InputError(
          'Give base and head revisions of gitopsConfig, infrastructure or both',
        );
      }
      const side = async (which: Repository, pick: keyof RevisionPair) => {
        const pair = request[which];
        return pair ? filesAt(which, pair[pick]) : repositories.files(which);
      };
      // Links of a revision read through a URL point into that revision.
      const locationAt = (which: Repository, pick: keyof RevisionPair) => {
        const location = locations[which];
        const pair = request[which];
        return pair && 'url' in location ? { url: pair[pick] } : location;
      };
      const inputs = async (pick: keyof RevisionPair) => {
        const [gitops, infrastructure] = await Promise.all([
          side('gitopsConfig', pick),
          side('infrastructure', pick),
        ]);
        return {
          gitops,
          infrastructure,
          locations: {
            gitopsConfig: locationAt('gitopsConfig', pick),
            infrastructure: locationAt('infrastructure', pick),
          },
        };
      };
      const [base, head] = await Promise.all([
        inputs('base').then(i => computePlatformCost(i, settings)),
        inputs('head').then(i => computePlatformCost(i, settings)),
      ]);
      const label = (pick: keyof RevisionPair) =>
        given
          .map(which => `${NAMES[which]}@${request[which]![pick]}`)
          .join(', ');
      return diffPlatformCosts(base, head, {
        base: label('base'),
        head: label('head'),
      });
    },
  };
}
