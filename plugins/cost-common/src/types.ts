import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/** Hours in a month, the convention every figure uses. @public */
export const HOURS_PER_MONTH = 730;

/** Where a figure came from: a file and line in a repository, or a URL. @public */
export interface CostSource {
  label: string;
  /** Repository-relative file, e.g. `gitops-config/apps/user-service/overlays/prod/kustomization.yaml`. */
  file?: string;
  line?: number;
  /** A link the page can open (repository view, price page, Prometheus graph). */
  url?: string;
}

/** One price from the price table. @public */
export interface Price {
  /** e.g. `ec2:m5.large`, `rds:db.r5.large`, `rds-storage:gp3`, `eks:control-plane`. */
  key: string;
  /** e.g. `hour`, `GB-month`, `million-requests`. */
  unit: string;
  usd: number;
  /** Where the price was taken from (URL or document) and on which date (ISO). */
  source: string;
  date: string;
}

/** @public */
export type CostCategory = 'compute' | 'infrastructure' | 'shared';

/** One priced (or unpriced) thing a service uses in one environment. @public */
export interface CostLine {
  category: CostCategory;
  /** What it is, e.g. `user-service containers`, `user_service_db (db.r5.large, Multi-AZ)`. */
  name: string;
  /** The arithmetic in words, e.g. `3 replicas × 0.5 vCPU × $0.048/vCPU-h × 730 h`. */
  formula: string;
  /** Monthly cost in USD; absent when unpriced. */
  monthlyUsd?: number;
  /** For an HPA: the cost at minReplicas and at maxReplicas. */
  band?: { minMonthlyUsd: number; maxMonthlyUsd: number };
  /** Why it is not priced (no requests, instance type missing from the table, ...). */
  unpricedReason?: string;
  prices: Price[];
  sources: CostSource[];
}

/** A right-sizing recommendation for one container. @public */
export interface RightSizingRecommendation {
  environment: EnvironmentName;
  container: string;
  rule: RightSizingRule;
  current: ContainerResources;
  recommended: ContainerResources;
  /** Observed usage the rule used (CPU cores, memory bytes). */
  usage: {
    cpuAverage?: number;
    cpuP90?: number;
    cpuP95?: number;
    memoryAverage?: number;
    memoryP90?: number;
    memoryMax?: number;
  };
  /** Positive when the recommendation is cheaper than the current requests. */
  monthlySavingUsd: number;
  sources: CostSource[];
}

/** CPU in cores, memory in bytes. @public */
export interface ContainerResources {
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

/**
 * design: request = average + 40 % CPU / + 33 % memory, limit = 4× / 2×;
 * vpa: p90 + 15 %; krr: CPU p95, memory max + 15 %.
 *
 * @public
 */
export const RIGHT_SIZING_RULES = ['design', 'vpa', 'krr'] as const;

/** One of {@link RIGHT_SIZING_RULES}. @public */
export type RightSizingRule = (typeof RIGHT_SIZING_RULES)[number];

/** Whether a text names a right-sizing rule. @public */
export function isRightSizingRule(text: string): text is RightSizingRule {
  return (RIGHT_SIZING_RULES as readonly string[]).includes(text);
}

/** What one service costs in one environment per month. @public */
export interface EnvironmentCost {
  environment: EnvironmentName;
  /** Sum of the priced lines. */
  monthlyUsd: number;
  /** Sum with every HPA at min and at max replicas. */
  band: { minMonthlyUsd: number; maxMonthlyUsd: number };
  byCategory: Record<CostCategory, number>;
  lines: CostLine[];
  /** Lines that could not be priced or attributed, with the reason. */
  unpriced: Array<{ name: string; reason: string }>;
  /** Present when usage is available (a Prometheus URL is configured). */
  recommendations?: RightSizingRecommendation[];
  /** Why there are no recommendations, when there are none. */
  usageUnavailableReason?: string;
}

/** Answer of GET /services/:service and GET /entity/:namespace/:kind/:name. @public */
export interface ServiceCost {
  service: string;
  entityRef?: string;
  environments: EnvironmentCost[];
  /** Every price used, with its source and date. */
  prices: Price[];
  /** Revisions of the repositories the figures were computed from, when known. */
  revisions?: { gitops?: string; infrastructure?: string };
  generatedAt: string;
}

/** Answer of GET /systems/:system: every service of a System with totals. @public */
export interface SystemCost {
  system: string;
  services: Array<{
    service: string;
    entityRef?: string;
    perEnvironment: Partial<Record<EnvironmentName, number>>;
    monthlyUsd: number;
    unpricedCount: number;
    /** Why the service has no figures at all (e.g. no folder in gitops-config). */
    unpricedReason?: string;
  }>;
  monthlyUsd: number;
}

/** A cost change between two revisions. @public */
export interface CostDiff {
  base: string;
  head: string;
  environments: Array<{
    environment: EnvironmentName;
    beforeMonthlyUsd: number;
    afterMonthlyUsd: number;
    deltaMonthlyUsd: number;
    changes: Array<{
      service: string;
      name: string;
      beforeMonthlyUsd?: number;
      afterMonthlyUsd?: number;
    }>;
  }>;
  /** One line for a change description, e.g. "adds about $212 a month in prod". */
  summary: string;
  /** What the head revision leaves unpriced that the base did not, with the reason. */
  unpriced?: Array<{
    environment: EnvironmentName;
    service?: string;
    name: string;
    reason: string;
  }>;
}
