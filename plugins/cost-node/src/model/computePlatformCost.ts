import { InputError, NotFoundError } from '@backstage/errors';
import {
  ContainerResources,
  CostCategory,
  CostLine,
  CostSource,
  EnvironmentCost,
  HOURS_PER_MONTH,
  ServiceCost,
} from '@goldenpath/backstage-plugin-cost-common';
import {
  ENVIRONMENTS,
  EnvironmentName,
  TerraformModuleInstance,
} from '@goldenpath/backstage-plugin-gitops-common';
import {
  DeploymentFigures,
  DeploymentFiguresReader,
  DeploymentSources,
  GitopsRepository,
  readNodeGroups,
  RepositoryFiles,
  RepositoryLocation,
  SnapshotFiles,
  TerraformRepository,
  UnknownNameError,
} from '@goldenpath/backstage-plugin-gitops-node';
import { CostSettings } from '../settings/costSettings';
import { computeRates, ComputeRates } from './computeRates';
import { amount, cents, count, money, percent, unitPrice } from './format';
import { PricedItem, priceLoadBalancers, priceModule } from './infrastructure';
import { distinctPrices, PriceBook } from './PriceBook';
import { GIB, quantity } from './quantities';
import { SourceLinks } from './sources';

/**
 * The two repositories the model reads, any {@link RepositoryFiles}: folders
 * on disk, trees read through a URL, git revisions.
 *
 * @public
 */
export interface CostRepositories {
  gitops: RepositoryFiles;
  infrastructure: RepositoryFiles;
  /** Where they live, to link each figure to its line when they are URLs. */
  locations?: {
    gitopsConfig?: RepositoryLocation;
    infrastructure?: RepositoryLocation;
  };
  /** The Terraform folder in the infrastructure repository; `terraform`. */
  terraformRoot?: string;
}

/**
 * What one service runs in one environment, in numbers: what right-sizing
 * starts from.
 *
 * @public
 */
export interface Workload {
  service: string;
  environment: EnvironmentName;
  /** The container the requests belong to (the service's own). */
  container: string;
  /** Replicas priced: the Deployment's, kept within the HPA's bounds. */
  replicas: number;
  autoscaling?: { minReplicas: number; maxReplicas: number };
  /** CPU in cores, memory in bytes. */
  current: ContainerResources;
  sources: CostSource[];
}

/** Something no service carries, with the reason. @public */
export interface UnattributedItem {
  name: string;
  reason: string;
  sources: CostSource[];
}

/**
 * One environment: every service's cost, the shared items before they are
 * split, and what could not be attributed.
 *
 * @public
 */
export interface EnvironmentBreakdown {
  environment: EnvironmentName;
  rates?: ComputeRates;
  ratesUnpricedReason?: string;
  services: Map<string, EnvironmentCost>;
  workloads: Map<string, Workload>;
  /** Shared platform items at their full monthly figure. */
  shared: CostLine[];
  sharedMonthlyUsd: number;
  /** vCPU requested by all services (requests × replicas): the split's base. */
  cpuRequestedCores: number;
  unattributed: UnattributedItem[];
}

/** Every service in every environment. @public */
export interface PlatformCost {
  services: string[];
  environments: EnvironmentBreakdown[];
}

/** Module kinds that serve the whole platform even without a Shared tag. */
const PLATFORM_KINDS = ['eks', 'vpc', 'nat-gateway'];

const H = `${HOURS_PER_MONTH} h`;

function isShared(instance: TerraformModuleInstance) {
  return (
    instance.tags.Shared === 'true' ||
    (!instance.service && PLATFORM_KINDS.includes(instance.kind))
  );
}

function line(category: CostCategory, item: PricedItem): CostLine {
  return {
    category,
    name: item.name,
    formula: item.formula,
    ...(item.monthlyUsd !== undefined && {
      monthlyUsd: cents(item.monthlyUsd),
    }),
    ...(item.unpricedReason !== undefined && {
      unpricedReason: item.unpricedReason,
    }),
    prices: item.prices,
    sources: item.sources,
  };
}

function deploymentLinks(
  links: SourceLinks,
  sources: DeploymentSources,
): CostSource[] {
  const labels: Array<[keyof DeploymentSources, string]> = [
    ['replicas', 'replicas'],
    ['cpuRequest', 'CPU request'],
    ['memoryRequest', 'memory request'],
    ['minReplicas', 'HPA minReplicas'],
    ['maxReplicas', 'HPA maxReplicas'],
  ];
  return labels.flatMap(([field, label]) => {
    const location = sources[field];
    return location
      ? [links.file('gitops-config', label, location.file, location.line)]
      : [];
  });
}

interface WorkloadResult {
  workload?: Workload;
  /** The compute line and extra unpriced entries. */
  line: CostLine;
  unpriced: Array<{ name: string; reason: string }>;
}

/** A compute line that could not be priced, and why. */
function unpricedCompute(
  name: string,
  reason: string,
  sources: CostLine['sources'] = [],
): CostLine {
  return {
    category: 'compute',
    name,
    formula: 'not priced',
    unpricedReason: reason,
    prices: [],
    sources,
  };
}

function request(
  kind: 'CPU' | 'memory',
  text: string | undefined,
): { value?: number; problem?: string } {
  if (text === undefined) return { problem: `no ${kind} request` };
  const value = quantity(text);
  return value === undefined
    ? { problem: `${kind} request '${text}' is not a Kubernetes quantity` }
    : { value };
}

function priceWorkload(
  deployment: DeploymentFigures,
  rates: ComputeRates | undefined,
  ratesReason: string | undefined,
  links: SourceLinks,
): WorkloadResult {
  const { service, environment, autoscaling } = deployment;
  const name = `${service} containers`;
  const cpu = request('CPU', deployment.resources.requests.cpu);
  const memory = request('memory', deployment.resources.requests.memory);
  const replicas = autoscaling
    ? Math.min(
        Math.max(deployment.replicas, autoscaling.minReplicas),
        autoscaling.maxReplicas,
      )
    : deployment.replicas;
  const workloadSources = deploymentLinks(links, deployment.sources);
  const workload: Workload = {
    service,
    environment,
    container: service,
    replicas,
    ...(autoscaling && { autoscaling }),
    current: {
      cpuRequest: cpu.value,
      memoryRequest: memory.value,
      cpuLimit: quantity(deployment.resources.limits.cpu),
      memoryLimit: quantity(deployment.resources.limits.memory),
    },
    sources: workloadSources,
  };
  const where = `apps/${service} (${environment} overlay and base)`;

  if (cpu.value === undefined && memory.value === undefined) {
    const reason = `${cpu.problem} and ${memory.problem} in ${where}: the scheduler reserves nothing for it, so its share of the nodes cannot be priced; set resources.requests`;
    return {
      workload,
      line: unpricedCompute(name, reason, workloadSources),
      unpriced: [],
    };
  }
  if (!rates) {
    return {
      workload,
      line: unpricedCompute(
        name,
        ratesReason ?? 'no compute prices',
        workloadSources,
      ),
      unpriced: [],
    };
  }

  const terms: string[] = [];
  let hourUsd = 0;
  if (cpu.value !== undefined) {
    hourUsd += cpu.value * rates.vcpuHourUsd;
    terms.push(
      `${amount(cpu.value)} vCPU × ${unitPrice(rates.vcpuHourUsd)}/vCPU-h`,
    );
  }
  if (memory.value !== undefined) {
    const gib = memory.value / GIB;
    hourUsd += gib * rates.gibHourUsd;
    terms.push(`${amount(gib)} GiB × ${unitPrice(rates.gibHourUsd)}/GiB-h`);
  }
  const perReplica = hourUsd * HOURS_PER_MONTH;
  let formula = `${count(replicas, 'replica')} × (${terms.join(' + ')}) × ${H}`;
  if (autoscaling && replicas !== deployment.replicas) {
    formula += ` (the Deployment says ${deployment.replicas}; the HPA keeps it within ${autoscaling.minReplicas}–${autoscaling.maxReplicas})`;
  }
  let band: CostLine['band'];
  if (autoscaling) {
    band = {
      minMonthlyUsd: cents(autoscaling.minReplicas * perReplica),
      maxMonthlyUsd: cents(autoscaling.maxReplicas * perReplica),
    };
    formula += `; HPA ${autoscaling.minReplicas}–${
      autoscaling.maxReplicas
    } replicas: ${money(band.minMonthlyUsd)}–${money(band.maxMonthlyUsd)}`;
  }
  formula += `; rates: ${rates.formula}`;

  const unpriced = [cpu, memory]
    .filter(q => q.problem)
    .map(q => ({
      name: `${name} (${q === cpu ? 'CPU' : 'memory'})`,
      reason: `${q.problem} in ${where}, so only the ${
        q === cpu ? 'memory' : 'CPU'
      } request is priced; set resources.requests.${
        q === cpu ? 'cpu' : 'memory'
      }`,
    }));
  return {
    workload,
    line: {
      category: 'compute',
      name,
      formula,
      monthlyUsd: cents(replicas * perReplica),
      ...(band && { band }),
      prices: rates.prices,
      sources: [
        ...workloadSources,
        ...rates.sources,
        ...rates.prices.map(p => links.price(p)),
      ],
    },
    unpriced,
  };
}

/**
 * Splits `total` in proportion to `weights`, in whole cents that add up to
 * the total rounded to cents (largest remainder first).
 */
function splitInCents(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const totalCents = Math.round(total * 100);
  const exact = weights.map(w => (totalCents * w) / sum);
  const floors = exact.map(Math.floor);
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - floors[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index]++;
    left--;
  }
  return floors.map(c => c / 100);
}

function environmentCost(
  environment: EnvironmentName,
  lines: CostLine[],
  extraUnpriced: Array<{ name: string; reason: string }>,
): EnvironmentCost {
  const byCategory: Record<CostCategory, number> = {
    compute: 0,
    infrastructure: 0,
    shared: 0,
  };
  let min = 0;
  let max = 0;
  for (const l of lines) {
    if (l.monthlyUsd === undefined) continue;
    byCategory[l.category] += l.monthlyUsd;
    min += l.band?.minMonthlyUsd ?? l.monthlyUsd;
    max += l.band?.maxMonthlyUsd ?? l.monthlyUsd;
  }
  const total =
    byCategory.compute + byCategory.infrastructure + byCategory.shared;
  return {
    environment,
    monthlyUsd: cents(total),
    band: { minMonthlyUsd: cents(min), maxMonthlyUsd: cents(max) },
    byCategory: {
      compute: cents(byCategory.compute),
      infrastructure: cents(byCategory.infrastructure),
      shared: cents(byCategory.shared),
    },
    lines,
    unpriced: [
      ...lines
        .filter(l => l.unpricedReason !== undefined)
        .map(l => ({ name: l.name, reason: l.unpricedReason! })),
      ...extraUnpriced,
    ],
  };
}

function isModelInputError(error: unknown): error is Error {
  return error instanceof InputError || error instanceof NotFoundError;
}

interface EnvironmentInputs {
  environment: EnvironmentName;
  services: string[];
  /** Absent when gitops-config has no cluster for the environment. */
  gitops?: DeploymentFiguresReader;
  /** Absent when the infrastructure has no Terraform for the environment. */
  terraform?: TerraformRepository;
  infrastructure: RepositoryFiles;
  terraformRoot: string;
  context: { settings: CostSettings; book: PriceBook; links: SourceLinks };
}

async function computeEnvironment({
  environment,
  services,
  gitops,
  terraform,
  infrastructure,
  terraformRoot,
  context,
}: EnvironmentInputs): Promise<EnvironmentBreakdown> {
  const { settings, book, links } = context;
  const instances = terraform
    ? await terraform.moduleInstances(environment)
    : [];
  const groups = terraform
    ? await readNodeGroups(infrastructure, environment, {
        instances,
        root: terraformRoot,
      })
    : [];
  const rated = terraform
    ? computeRates(environment, groups, settings, book, links)
    : {
        unpricedReason: `the infrastructure repository has no ${terraformRoot}/environments/${environment}, so vCPU and memory have no price`,
        sources: [],
      };
  const rates = 'rates' in rated ? rated.rates : undefined;
  const ratesReason = 'rates' in rated ? undefined : rated.unpricedReason;

  // Compute: what each service requests.
  const workloads = new Map<string, Workload>();
  const serviceLines = new Map<string, CostLine[]>();
  const serviceUnpriced = new Map<
    string,
    Array<{ name: string; reason: string }>
  >();
  for (const service of gitops ? services : []) {
    let result: WorkloadResult;
    try {
      const deployment = await gitops!.figures(service, environment);
      result = priceWorkload(deployment, rates, ratesReason, links);
    } catch (error) {
      if (!isModelInputError(error)) throw error;
      result = {
        line: unpricedCompute(`${service} containers`, error.message),
        unpriced: [],
      };
    }
    if (result.workload) workloads.set(service, result.workload);
    serviceLines.set(service, [result.line]);
    serviceUnpriced.set(service, result.unpriced);
  }

  // Infrastructure: modules by their tags.
  const shared: CostLine[] = [];
  const unattributed: UnattributedItem[] = [];
  for (const instance of instances) {
    const source = links.file(
      'infrastructure',
      `module "${instance.name}"`,
      instance.file,
      instance.line,
    );
    if (instance.service && serviceLines.has(instance.service)) {
      serviceLines
        .get(instance.service)!
        .push(line('infrastructure', priceModule(instance, context)));
    } else if (instance.service) {
      unattributed.push({
        name: `module "${instance.name}" (${instance.kind})`,
        reason: gitops
          ? `tagged Service = "${instance.service}", which has no apps/${instance.service} in gitops-config; fix the tag or add the service`
          : `tagged Service = "${instance.service}", but gitops-config has no cluster for ${environment}, so no service runs there`,
        sources: [source],
      });
    } else if (isShared(instance)) {
      shared.push(line('shared', priceModule(instance, context)));
    } else {
      unattributed.push({
        name: `module "${instance.name}" (${instance.kind})`,
        reason: `no Service or Shared tag, so no service carries it; tag it Service = "<service>" or Shared = "true"`,
        sources: [source],
      });
    }
  }
  if (terraform) {
    const balancers = priceLoadBalancers(context);
    if (balancers) shared.push(line('shared', balancers));
  }

  // Shared: split by each service's share of the CPU requested.
  const weights = [...serviceLines.keys()].map(service => {
    const w = workloads.get(service);
    return (w?.current.cpuRequest ?? 0) * (w?.replicas ?? 0);
  });
  const cpuRequestedCores = weights.reduce((a, b) => a + b, 0);
  const serviceNames = [...serviceLines.keys()];
  const requested = `${amount(
    cpuRequestedCores,
  )} vCPU requested in ${environment}`;
  for (const item of shared) {
    const split =
      item.monthlyUsd !== undefined && cpuRequestedCores > 0
        ? splitInCents(item.monthlyUsd, weights)
        : undefined;
    const whole =
      item.monthlyUsd === undefined
        ? ''
        : `${money(item.monthlyUsd)} a month (${item.formula})`;
    serviceNames.forEach((service, index) => {
      const share = weights[index] / (cpuRequestedCores || 1);
      const base: CostLine = {
        category: 'shared',
        name: item.name,
        formula: '',
        prices: item.prices,
        sources: item.sources,
      };
      if (item.monthlyUsd === undefined) {
        base.formula = 'not priced';
        base.unpricedReason = item.unpricedReason;
      } else if (!split) {
        base.formula = 'not split';
        base.unpricedReason = `no service in ${environment} requests CPU, so shared costs cannot be split`;
      } else {
        base.monthlyUsd = split[index];
        base.formula = `${whole} × ${amount(
          weights[index],
        )} of ${requested} (${percent(share)})`;
      }
      serviceLines.get(service)!.push(base);
    });
  }

  const unattributedEntries = unattributed.map(u => ({
    name: u.name,
    reason: u.reason,
  }));
  const costs = new Map<string, EnvironmentCost>();
  for (const [service, lines] of serviceLines) {
    costs.set(
      service,
      environmentCost(environment, lines, [
        ...(serviceUnpriced.get(service) ?? []),
        ...unattributedEntries,
      ]),
    );
  }
  return {
    environment,
    ...(rates && { rates }),
    ...(ratesReason && { ratesUnpricedReason: ratesReason }),
    services: costs,
    workloads,
    shared,
    sharedMonthlyUsd: cents(
      shared.reduce((sum, l) => sum + (l.monthlyUsd ?? 0), 0),
    ),
    cpuRequestedCores,
    unattributed,
  };
}

/**
 * Prices every service in every environment from the repositories:
 * compute from the overlays' requests × replicas at per-vCPU and per-GiB
 * rates derived from the node groups, infrastructure from the module
 * instances tagged with the service, and shared items split by CPU
 * requested. See the package README for the rules.
 *
 * @public
 */
export async function computePlatformCost(
  repositories: CostRepositories,
  settings: CostSettings,
): Promise<PlatformCost> {
  const gitopsFiles = new SnapshotFiles(repositories.gitops);
  const infrastructure = new SnapshotFiles(repositories.infrastructure);
  const terraformRoot = repositories.terraformRoot ?? 'terraform';
  const gitops = new GitopsRepository(gitopsFiles);
  const figures = new DeploymentFiguresReader(gitopsFiles);
  const terraform = new TerraformRepository(infrastructure, {
    root: terraformRoot,
  });
  const context = {
    settings,
    book: new PriceBook(settings.prices),
    links: new SourceLinks({
      'gitops-config': repositories.locations?.gitopsConfig,
      infrastructure: repositories.locations?.infrastructure,
    }),
  };
  const services = await gitops.services();
  const gitopsEnvironments = await gitops.environments();
  const terraformEnvironments = await terraform.environments();
  // Environments are computed side by side: one waits on the HCL parser
  // while another reads YAML.
  const environments = await Promise.all(
    ENVIRONMENTS.filter(
      environment =>
        gitopsEnvironments.includes(environment) ||
        terraformEnvironments.includes(environment),
    ).map(environment =>
      computeEnvironment({
        environment,
        services,
        gitops: gitopsEnvironments.includes(environment) ? figures : undefined,
        terraform: terraformEnvironments.includes(environment)
          ? terraform
          : undefined,
        infrastructure,
        terraformRoot,
        context,
      }),
    ),
  );
  return { services, environments };
}

/**
 * One service's figures out of a {@link PlatformCost}; an unknown service is
 * a NotFoundError that lists the known ones.
 *
 * @public
 */
export function serviceCostOf(
  platform: PlatformCost,
  service: string,
  options: {
    generatedAt: string;
    entityRef?: string;
    revisions?: ServiceCost['revisions'];
  },
): ServiceCost {
  if (!platform.services.includes(service)) {
    throw new UnknownNameError('service', service, platform.services);
  }
  const environments = platform.environments.flatMap(e => {
    const cost = e.services.get(service);
    return cost ? [cost] : [];
  });
  return {
    service,
    ...(options.entityRef && { entityRef: options.entityRef }),
    environments,
    prices: distinctPrices(
      environments.flatMap(e => e.lines.flatMap(l => l.prices)),
    ),
    ...(options.revisions && { revisions: options.revisions }),
    generatedAt: options.generatedAt,
  };
}
