import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Price } from '@goldenpath/backstage-plugin-cost-common';
import {
  DEFAULT_INSTANCE_TYPES,
  DEFAULT_PRICES,
  InstanceShape,
} from './defaults';

/** Usage assumed for an S3 bucket per month. @public */
export interface S3Usage {
  storageGb: number;
  /** GET-class requests, in millions. */
  requestsMillions: number;
  /** PUT-class requests, in millions. */
  writeRequestsMillions: number;
}

/** Usage assumed where nothing can be read from the repositories. @public */
export interface UsageAssumptions {
  /** By bucket name or module instance name; `default` for the others. */
  s3: Record<string, S3Usage>;
  sqs: {
    /** Per queue and month, in millions, unless `queues` says otherwise. */
    requestsMillions: number;
    /** For queues tagged `Queue = "dead-letter"`. */
    deadLetterRequestsMillions: number;
    /** By queue name or module instance name. */
    queues: Record<string, { requestsMillions: number }>;
  };
  /** Data through the NAT gateways of an environment per month. */
  natGateway: { dataProcessedGb: number };
  /** The load balancers in front of each cluster (the ingress controller's). */
  loadBalancers: { type: 'alb' | 'nlb' | 'clb'; count: number; lcus: number };
  /**
   * A flat monthly figure for modules without a pricing rule, by module
   * instance name or module kind (e.g. `sns`, `cloudwatch`).
   */
  flatMonthlyUsd: Record<string, number>;
}

/**
 * Everything the cost model is told rather than reads: prices, instance
 * shapes, how an instance's price splits between CPU and memory, and usage
 * assumptions.
 *
 * @public
 */
export interface CostSettings {
  /** The price table: the defaults with `cost.prices` applied by key. */
  prices: Price[];
  instanceTypes: Record<string, InstanceShape>;
  /**
   * How many GiB-hours a vCPU-hour costs: a node's hourly price is split so
   * that price = vCPUs × ratio × g + GiB × g, g being the GiB-hour price.
   */
  vcpuToGibPriceRatio: number;
  /** Spot discount off the on-demand price, for types without an `ec2-spot:` price. */
  spotDiscount: number;
  assumptions: UsageAssumptions;
}

const DEFAULT_S3: S3Usage = {
  storageGb: 100,
  requestsMillions: 1,
  writeRequestsMillions: 0.1,
};

/** The settings with nothing configured. @public */
export function defaultCostSettings(): CostSettings {
  return {
    prices: DEFAULT_PRICES.map(p => ({ ...p })),
    instanceTypes: { ...DEFAULT_INSTANCE_TYPES },
    vcpuToGibPriceRatio: 4,
    spotDiscount: 0.6,
    assumptions: {
      s3: { default: { ...DEFAULT_S3 } },
      sqs: { requestsMillions: 1, deadLetterRequestsMillions: 0, queues: {} },
      natGateway: { dataProcessedGb: 100 },
      loadBalancers: { type: 'nlb', count: 1, lcus: 1 },
      flatMonthlyUsd: {},
    },
  };
}

function nonNegative(config: Config, key: string, at: string) {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && !(value >= 0)) {
    throw new InputError(
      `Invalid config at '${at}.${key}': expected a number of 0 or more, got ${value}`,
    );
  }
  return value;
}

function positive(config: Config, key: string, at: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && !(value > 0)) {
    throw new InputError(
      `Invalid config at '${at}.${key}': expected a number above 0, got ${value}`,
    );
  }
  return value;
}

type RawMap = Record<string, unknown>;

const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A map whose keys are names that may hold dots (`t3.large`, bucket names),
 * which config paths cannot address: read raw and checked here.
 */
function rawMap(config: Config | undefined, key: string, at: string) {
  const value = config?.getOptional(key);
  if (value === undefined) return {};
  if (!isRawMap(value)) {
    throw new InputError(`Invalid config at '${at}': expected a map`);
  }
  return value;
}

function rawNumber(
  map: RawMap,
  key: string,
  at: string,
  check: 'positive' | 'non-negative',
  required = false,
): number | undefined {
  const value = map[key];
  if (value === undefined && !required) return undefined;
  if (
    typeof value !== 'number' ||
    !(check === 'positive' ? value > 0 : value >= 0)
  ) {
    throw new InputError(
      `Invalid config at '${at}.${key}': expected a number ${
        check === 'positive' ? 'above 0' : 'of 0 or more'
      }, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function rawEntry(map: RawMap, name: string, at: string): RawMap {
  const entry = map[name];
  if (!isRawMap(entry)) {
    throw new InputError(`Invalid config at '${at}.${name}': expected a map`);
  }
  return entry;
}

function readPrices(config: Config, defaults: Price[]): Price[] {
  const byKey = new Map(defaults.map(p => [p.key, p]));
  (config.getOptionalConfigArray('prices') ?? []).forEach((entry, index) => {
    const at = `cost.prices[${index}]`;
    const price: Price = {
      key: entry.getString('key'),
      unit: entry.getString('unit'),
      usd: entry.getNumber('usd'),
      source: entry.getString('source'),
      date: entry.getString('date'),
    };
    if (!/^[a-z0-9-]+:\S+$/.test(price.key)) {
      throw new InputError(
        `Invalid config at '${at}.key': '${price.key}' is not a price key; expected <service>:<item>, e.g. ec2:m5.large or rds:db.r6g.large`,
      );
    }
    if (!(price.usd >= 0)) {
      throw new InputError(
        `Invalid config at '${at}.usd': expected a price of 0 or more, got ${price.usd}`,
      );
    }
    if (!/^\d{4}-\d{2}(-\d{2})?$/.test(price.date)) {
      throw new InputError(
        `Invalid config at '${at}.date': '${price.date}' is not a date; expected YYYY-MM or YYYY-MM-DD`,
      );
    }
    byKey.set(price.key, price);
  });
  return [...byKey.values()];
}

function readInstanceTypes(config: Config, defaults: CostSettings) {
  const types = { ...defaults.instanceTypes };
  const at = 'cost.instanceTypes';
  const configured = rawMap(config, 'instanceTypes', at);
  for (const name of Object.keys(configured)) {
    const entry = rawEntry(configured, name, at);
    types[name] = {
      vcpu: rawNumber(entry, 'vcpu', `${at}.${name}`, 'positive', true)!,
      memoryGib: rawNumber(
        entry,
        'memoryGib',
        `${at}.${name}`,
        'positive',
        true,
      )!,
    };
  }
  return types;
}

function readS3(config: Config | undefined, defaults: Record<string, S3Usage>) {
  const at = 'cost.assumptions.s3';
  const configured = rawMap(config, 's3', at);
  const s3 = { ...defaults };
  const names = Object.keys(configured);
  // `default` first: the buckets fall back to it field by field.
  for (const name of ['default', ...names.filter(k => k !== 'default')]) {
    if (!names.includes(name)) continue;
    const entry = rawEntry(configured, name, at);
    const fallback = s3.default ?? DEFAULT_S3;
    const field = (key: keyof S3Usage) =>
      rawNumber(entry, key, `${at}.${name}`, 'non-negative') ?? fallback[key];
    s3[name] = {
      storageGb: field('storageGb'),
      requestsMillions: field('requestsMillions'),
      writeRequestsMillions: field('writeRequestsMillions'),
    };
  }
  return s3;
}

function readAssumptions(
  config: Config | undefined,
  defaults: UsageAssumptions,
): UsageAssumptions {
  const at = 'cost.assumptions';
  const sqs = config?.getOptionalConfig('sqs');
  const queues = rawMap(sqs, 'queues', `${at}.sqs.queues`);
  const nat = config?.getOptionalConfig('natGateway');
  const lb = config?.getOptionalConfig('loadBalancers');
  const lbType = lb?.getOptionalString('type') ?? defaults.loadBalancers.type;
  if (!['alb', 'nlb', 'clb'].includes(lbType)) {
    throw new InputError(
      `Invalid config at '${at}.loadBalancers.type': '${lbType}'; expected alb, nlb or clb`,
    );
  }
  const flat = rawMap(config, 'flatMonthlyUsd', `${at}.flatMonthlyUsd`);
  return {
    s3: readS3(config, defaults.s3),
    sqs: {
      requestsMillions:
        (sqs && nonNegative(sqs, 'requestsMillions', `${at}.sqs`)) ??
        defaults.sqs.requestsMillions,
      deadLetterRequestsMillions:
        (sqs && nonNegative(sqs, 'deadLetterRequestsMillions', `${at}.sqs`)) ??
        defaults.sqs.deadLetterRequestsMillions,
      queues: Object.fromEntries(
        Object.keys(queues).map(name => [
          name,
          {
            requestsMillions: rawNumber(
              rawEntry(queues, name, `${at}.sqs.queues`),
              'requestsMillions',
              `${at}.sqs.queues.${name}`,
              'non-negative',
              true,
            )!,
          },
        ]),
      ),
    },
    natGateway: {
      dataProcessedGb:
        (nat && nonNegative(nat, 'dataProcessedGb', `${at}.natGateway`)) ??
        defaults.natGateway.dataProcessedGb,
    },
    loadBalancers: {
      type: lbType as UsageAssumptions['loadBalancers']['type'],
      count:
        (lb && nonNegative(lb, 'count', `${at}.loadBalancers`)) ??
        defaults.loadBalancers.count,
      lcus:
        (lb && nonNegative(lb, 'lcus', `${at}.loadBalancers`)) ??
        defaults.loadBalancers.lcus,
    },
    flatMonthlyUsd: {
      ...defaults.flatMonthlyUsd,
      ...Object.fromEntries(
        Object.keys(flat).map(name => [
          name,
          rawNumber(flat, name, `${at}.flatMonthlyUsd`, 'non-negative', true)!,
        ]),
      ),
    },
  };
}

/**
 * Reads `cost` from app-config over {@link defaultCostSettings}; a wrong
 * value fails with a message that names its key.
 *
 * @public
 */
export function readCostSettings(config: Config): CostSettings {
  const defaults = defaultCostSettings();
  const cost = config.getOptionalConfig('cost');
  if (!cost) return defaults;
  const compute = cost.getOptionalConfig('compute');
  const spotDiscount =
    (compute && nonNegative(compute, 'spotDiscount', 'cost.compute')) ??
    defaults.spotDiscount;
  if (spotDiscount >= 1) {
    throw new InputError(
      `Invalid config at 'cost.compute.spotDiscount': expected a fraction below 1 (0.6 for 60 % off), got ${spotDiscount}`,
    );
  }
  return {
    prices: readPrices(cost, defaults.prices),
    instanceTypes: readInstanceTypes(cost, defaults),
    vcpuToGibPriceRatio:
      (compute && positive(compute, 'vcpuToGibPriceRatio', 'cost.compute')) ??
      defaults.vcpuToGibPriceRatio,
    spotDiscount,
    assumptions: readAssumptions(
      cost.getOptionalConfig('assumptions'),
      defaults.assumptions,
    ),
  };
}
