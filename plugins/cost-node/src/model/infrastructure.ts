import {
  CostSource,
  HOURS_PER_MONTH,
  Price,
} from '@goldenpath/backstage-plugin-cost-common';
import { TerraformModuleInstance } from '@goldenpath/backstage-plugin-gitops-common';
import { CostSettings } from '../settings/costSettings';
import { amount, count, unitPrice } from './format';
import { missingPrice, PriceBook } from './PriceBook';
import { SourceLinks } from './sources';

/** A priced (or unpriced) item before it is given a category. */
export interface PricedItem {
  name: string;
  formula: string;
  monthlyUsd?: number;
  unpricedReason?: string;
  prices: Price[];
  sources: CostSource[];
}

interface Context {
  settings: CostSettings;
  book: PriceBook;
  links: SourceLinks;
}

const H = `${HOURS_PER_MONTH} h`;

class MissingPrice extends Error {}

/** Looks prices up; the first missing one ends the item as unpriced. */
class Prices {
  readonly used: Price[] = [];

  constructor(private readonly book: PriceBook) {}

  get(key: string, unit: string): Price {
    const price = this.book.get(key);
    if (!price) throw new MissingPrice(missingPrice(key, unit));
    this.used.push(price);
    return price;
  }
}

function moduleSource(instance: TerraformModuleInstance, links: SourceLinks) {
  return links.file(
    'infrastructure',
    `module "${instance.name}" (${instance.kind})`,
    instance.file,
    instance.line,
  );
}

function literal<T>(
  instance: TerraformModuleInstance,
  argument: string,
  type: 'string' | 'number' | 'boolean',
  fallback?: T,
): T {
  const value = instance.arguments[argument];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== type) {
    throw new MissingPrice(
      `${argument} of module "${instance.name}" is ${
        value === undefined ? 'not a literal value' : `not a ${type}`
      }, so it cannot be priced`,
    );
  }
  return value as T;
}

type Rule = (
  instance: TerraformModuleInstance,
  prices: Prices,
  ctx: Context,
) => Pick<PricedItem, 'name' | 'formula' | 'monthlyUsd'>;

const RULES: Record<string, Rule> = {
  rds(instance, prices) {
    const instanceClass = literal<string>(instance, 'instance_class', 'string');
    const multiAz = literal<boolean>(instance, 'multi_az', 'boolean', false);
    const storageGb = literal<number>(instance, 'allocated_storage', 'number');
    // The rds module's default storage type.
    const storageType = literal<string>(
      instance,
      'storage_type',
      'string',
      'gp3',
    );
    const hour = prices.get(`rds:${instanceClass}`, 'hour');
    const storage = prices.get(`rds-storage:${storageType}`, 'GB-month');
    const copies = multiAz ? 2 : 1;
    const az = multiAz ? ' × 2 (Multi-AZ)' : '';
    return {
      name: `${instance.name} (${instanceClass}${multiAz ? ', Multi-AZ' : ''})`,
      formula: `${instanceClass} ${unitPrice(
        hour.usd,
      )}/h${az} × ${H} + ${amount(storageGb)} GB ${storageType} × ${unitPrice(
        storage.usd,
      )}/GB-month${az}`,
      monthlyUsd:
        copies * (hour.usd * HOURS_PER_MONTH + storageGb * storage.usd),
    };
  },

  elasticache(instance, prices) {
    const nodeType = literal<string>(instance, 'node_type', 'string');
    const nodes = literal<number>(instance, 'num_cache_nodes', 'number', 1);
    const hour = prices.get(`elasticache:${nodeType}`, 'hour');
    return {
      name: `${instance.name} (${nodeType} × ${amount(nodes)})`,
      formula: `${count(nodes, 'node')} × ${nodeType} ${unitPrice(
        hour.usd,
      )}/h × ${H}`,
      monthlyUsd: nodes * hour.usd * HOURS_PER_MONTH,
    };
  },

  s3(instance, prices, { settings }) {
    const bucket = literal<string>(instance, 'bucket', 'string', instance.name);
    const assumptions = settings.assumptions.s3;
    const key =
      [bucket, instance.name].find(k => k in assumptions) ?? 'default';
    const usage = assumptions[key] ?? {
      storageGb: 0,
      requestsMillions: 0,
      writeRequestsMillions: 0,
    };
    const storage = prices.get('s3:standard-storage', 'GB-month');
    const reads = prices.get('s3:requests', 'million-requests');
    const writes = prices.get('s3:write-requests', 'million-requests');
    return {
      name: `${instance.name} (S3 bucket ${bucket})`,
      formula: `${amount(usage.storageGb)} GB × ${unitPrice(
        storage.usd,
      )}/GB-month + ${amount(usage.requestsMillions)} million GET × ${unitPrice(
        reads.usd,
      )}/million + ${amount(
        usage.writeRequestsMillions,
      )} million PUT × ${unitPrice(
        writes.usd,
      )}/million (usage assumed in cost.assumptions.s3.${key})`,
      monthlyUsd:
        usage.storageGb * storage.usd +
        usage.requestsMillions * reads.usd +
        usage.writeRequestsMillions * writes.usd,
    };
  },

  sqs(instance, prices, { settings }) {
    const queue = literal<string>(instance, 'name', 'string', instance.name);
    const { sqs } = settings.assumptions;
    const key = [queue, instance.name].find(k => k in sqs.queues);
    const deadLetter = instance.tags.Queue === 'dead-letter';
    let requests: number;
    let assumption: string;
    if (key) {
      requests = sqs.queues[key].requestsMillions;
      assumption = `cost.assumptions.sqs.queues.${key}`;
    } else if (deadLetter) {
      requests = sqs.deadLetterRequestsMillions;
      assumption = 'cost.assumptions.sqs.deadLetterRequestsMillions';
    } else {
      requests = sqs.requestsMillions;
      assumption = 'cost.assumptions.sqs.requestsMillions';
    }
    const price = prices.get('sqs:requests', 'million-requests');
    return {
      name: `${instance.name} (SQS queue ${queue})`,
      formula: `${amount(requests)} million requests × ${unitPrice(
        price.usd,
      )}/million (usage assumed in ${assumption})`,
      monthlyUsd: requests * price.usd,
    };
  },

  eks(instance, prices) {
    const hour = prices.get('eks:control-plane', 'hour');
    return {
      name: `${instance.name} (EKS control plane)`,
      formula: `1 cluster × ${unitPrice(hour.usd)}/h × ${H}`,
      monthlyUsd: hour.usd * HOURS_PER_MONTH,
    };
  },

  vpc(instance, prices, { settings }) {
    const enabled = literal<boolean>(
      instance,
      'enable_nat_gateway',
      'boolean',
      true,
    );
    const single = literal<boolean>(
      instance,
      'single_nat_gateway',
      'boolean',
      false,
    );
    const subnets = instance.arguments.public_subnets;
    if (enabled && !single && !Array.isArray(subnets)) {
      throw new MissingPrice(
        `public_subnets of module "${instance.name}" is not a literal list, so the number of NAT gateways is unknown`,
      );
    }
    // The vpc module puts one NAT gateway in each public subnet, or one in all.
    let gateways = 0;
    if (enabled) gateways = single ? 1 : (subnets as unknown[]).length;
    if (gateways === 0) {
      return {
        name: `${instance.name} (no NAT gateway)`,
        formula: 'enable_nat_gateway = false: no NAT gateway',
        monthlyUsd: 0,
      };
    }
    const hour = prices.get('vpc:nat-gateway', 'hour');
    const data = prices.get('vpc:nat-gateway-data', 'GB');
    const gb = settings.assumptions.natGateway.dataProcessedGb;
    return {
      name: `${instance.name} (${count(gateways, 'NAT gateway')})`,
      formula: `${count(gateways, 'NAT gateway')} × ${unitPrice(
        hour.usd,
      )}/h × ${H} + ${amount(gb)} GB processed × ${unitPrice(
        data.usd,
      )}/GB (assumed in cost.assumptions.natGateway.dataProcessedGb)`,
      monthlyUsd: gateways * hour.usd * HOURS_PER_MONTH + gb * data.usd,
    };
  },
};

/**
 * Prices one Terraform module instance by its kind: RDS (class, Multi-AZ ×2,
 * storage), ElastiCache (node type × nodes), S3 and SQS (usage assumptions),
 * EKS (control plane), VPC (NAT gateways); other kinds by a flat figure from
 * `cost.assumptions.flatMonthlyUsd`, or unpriced with the reason.
 */
export function priceModule(
  instance: TerraformModuleInstance,
  ctx: Context,
): PricedItem {
  const prices = new Prices(ctx.book);
  const source = moduleSource(instance, ctx.links);
  const rule = RULES[instance.kind];
  const flatKey = [instance.name, instance.kind].find(
    k => k in ctx.settings.assumptions.flatMonthlyUsd,
  );
  if (!rule && flatKey) {
    const usd = ctx.settings.assumptions.flatMonthlyUsd[flatKey];
    return {
      name: `${instance.name} (${instance.kind})`,
      formula: `${unitPrice(
        usd,
      )} a month, as cost.assumptions.flatMonthlyUsd.${flatKey} says`,
      monthlyUsd: usd,
      prices: [],
      sources: [source],
    };
  }
  if (!rule) {
    return {
      name: `${instance.name} (${instance.kind || 'unknown module'})`,
      formula: 'not priced',
      unpricedReason: `no pricing rule for module kind '${instance.kind}'; set cost.assumptions.flatMonthlyUsd.${instance.kind} (or .${instance.name}) to a monthly figure`,
      prices: [],
      sources: [source],
    };
  }
  try {
    const priced = rule(instance, prices, ctx);
    return {
      ...priced,
      prices: prices.used,
      sources: [source, ...prices.used.map(p => ctx.links.price(p))],
    };
  } catch (error) {
    if (!(error instanceof MissingPrice)) throw error;
    return {
      name: `${instance.name} (${instance.kind})`,
      formula: 'not priced',
      unpricedReason: error.message,
      prices: prices.used,
      sources: [source],
    };
  }
}

/** The load balancers in front of a cluster, from the usage assumptions. */
export function priceLoadBalancers(ctx: Context): PricedItem | undefined {
  const { type, count: lbCount, lcus } = ctx.settings.assumptions.loadBalancers;
  if (lbCount === 0) return undefined;
  const prices = new Prices(ctx.book);
  const label = type.toUpperCase();
  const name = `load balancers (${amount(lbCount)} × ${label})`;
  const assumption = {
    label: `${amount(
      lbCount,
    )} ${label} in front of the cluster (cost.assumptions.loadBalancers)`,
  };
  try {
    const hour = prices.get(`elb:${type}`, 'hour');
    // A Classic Load Balancer bills data per GB instead of capacity units.
    const lcu =
      type === 'clb' ? undefined : prices.get(`elb:${type}-lcu`, 'LCU-hour');
    return {
      name,
      formula: `${amount(lbCount)} × (${unitPrice(hour.usd)}/h${
        lcu ? ` + ${amount(lcus)} LCU × ${unitPrice(lcu.usd)}/LCU-h` : ''
      }) × ${H} (usage assumed in cost.assumptions.loadBalancers)`,
      monthlyUsd:
        lbCount * (hour.usd + (lcu ? lcus * lcu.usd : 0)) * HOURS_PER_MONTH,
      prices: prices.used,
      sources: [assumption, ...prices.used.map(p => ctx.links.price(p))],
    };
  } catch (error) {
    if (!(error instanceof MissingPrice)) throw error;
    return {
      name,
      formula: 'not priced',
      unpricedReason: error.message,
      prices: prices.used,
      sources: [assumption],
    };
  }
}
