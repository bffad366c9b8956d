import { Entity } from '@backstage/catalog-model';
import {
  EnvironmentCost,
  HOURS_PER_MONTH,
  Price,
  RightSizingRecommendation,
  RightSizingRule,
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';
import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/*
 * What the cost backend answers for user-service, with the arithmetic of the
 * checked-in overlays (dev 1 × 100m/256Mi, staging 2 × 250m/512Mi, prod 5 ×
 * 500m/1Gi with an HPA of 3 to 20). The component tests assert what the page
 * shows of these figures, so they are built here once and read from there.
 */

const AWS_EC2_PRICING = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const AWS_RDS_PRICING = 'https://aws.amazon.com/rds/postgresql/pricing/';
const REPOSITORY =
  'https://github.com/ecommerce-platform/gitops-config/blob/main';

export const VCPU_HOUR = 0.0208;
export const GIB_HOUR = 0.0026;

export const prices: Price[] = [
  {
    key: 'ec2:t3.large',
    unit: 'hour',
    usd: 0.0832,
    source: AWS_EC2_PRICING,
    date: '2026-01',
  },
  {
    key: 'rds:db.r6g.xlarge',
    unit: 'hour',
    usd: 0.519,
    source: AWS_RDS_PRICING,
    date: '2026-01-15',
  },
  {
    key: 'eks:control-plane',
    unit: 'hour',
    usd: 0.1,
    source: 'AWS EKS pricing, internal price sheet',
    date: '2026-01',
  },
];

function containers(replicas: number, cpu: number, memoryGib: number) {
  return replicas * (cpu * VCPU_HOUR + memoryGib * GIB_HOUR) * HOURS_PER_MONTH;
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function environmentCost(options: {
  environment: EnvironmentName;
  compute: number;
  band?: { min: number; max: number };
  infrastructure: number;
  shared: number;
  extraLines?: EnvironmentCost['lines'];
  unpriced?: EnvironmentCost['unpriced'];
}): EnvironmentCost {
  const { environment, compute, infrastructure, shared } = options;
  const overlay = `gitops-config/apps/user-service/overlays/${environment}`;
  const monthlyUsd = round(compute + infrastructure + shared);
  const band = options.band
    ? {
        minMonthlyUsd: round(options.band.min + infrastructure + shared),
        maxMonthlyUsd: round(options.band.max + infrastructure + shared),
      }
    : { minMonthlyUsd: monthlyUsd, maxMonthlyUsd: monthlyUsd };
  return {
    environment,
    monthlyUsd,
    band,
    byCategory: {
      compute: round(compute),
      infrastructure: round(infrastructure),
      shared: round(shared),
    },
    lines: [
      {
        category: 'compute',
        name: 'user-service containers',
        formula: `${environment} replicas × (vCPU × $${VCPU_HOUR}/vCPU-h + GiB × $${GIB_HOUR}/GiB-h) × 730 h`,
        monthlyUsd: round(compute),
        band: options.band && {
          minMonthlyUsd: round(options.band.min),
          maxMonthlyUsd: round(options.band.max),
        },
        prices: [prices[0]],
        sources: [
          {
            label: 'resource requests',
            file: `${overlay}/patch-resources.yaml`,
            line: 14,
            url: `${REPOSITORY}/apps/user-service/overlays/${environment}/patch-resources.yaml#L14`,
          },
          {
            label: 't3.large price',
            url: AWS_EC2_PRICING,
          },
        ],
      },
      {
        category: 'infrastructure',
        name: 'user_service_db (db.r6g.xlarge, Multi-AZ)',
        formula: '2 × $0.519/h × 730 h',
        monthlyUsd: round(infrastructure),
        prices: [prices[1]],
        sources: [
          {
            label: 'module user_service_db',
            file: `infrastructure/terraform/environments/${environment}/main.tf`,
            line: 153,
          },
        ],
      },
      {
        category: 'shared',
        name: 'EKS control plane (share)',
        formula: '$0.10/h × 730 h × 12.5 % of requested CPU',
        monthlyUsd: round(shared),
        prices: [prices[2]],
        sources: [
          {
            label: 'module eks',
            file: `infrastructure/terraform/environments/${environment}/main.tf`,
            line: 69,
          },
        ],
      },
      ...(options.extraLines ?? []),
    ],
    unpriced: options.unpriced ?? [],
  };
}

const RULE_RECOMMENDED: Record<
  RightSizingRule,
  { cpuRequest: number; memoryRequest: number }
> = {
  design: { cpuRequest: 0.35, memoryRequest: 768 * 1024 * 1024 },
  vpa: { cpuRequest: 0.4, memoryRequest: 640 * 1024 * 1024 },
  krr: { cpuRequest: 0.45, memoryRequest: 896 * 1024 * 1024 },
};

export function recommendation(
  rule: RightSizingRule,
): RightSizingRecommendation {
  const recommended = RULE_RECOMMENDED[rule];
  const current = { cpuRequest: 0.5, memoryRequest: 1024 * 1024 * 1024 };
  return {
    environment: 'prod',
    container: 'user-service',
    rule,
    current,
    recommended: {
      ...recommended,
      cpuLimit: recommended.cpuRequest * 4,
      memoryLimit: recommended.memoryRequest * 2,
    },
    usage: {
      cpuAverage: 0.25,
      cpuP90: 0.35,
      cpuP95: 0.45,
      memoryAverage: 576 * 1024 * 1024,
      memoryP90: 556 * 1024 * 1024,
      memoryMax: 780 * 1024 * 1024,
    },
    monthlySavingUsd: round(
      containers(
        5,
        current.cpuRequest - recommended.cpuRequest,
        (current.memoryRequest - recommended.memoryRequest) / 1024 ** 3,
      ),
    ),
    sources: [
      {
        label: 'Prometheus: CPU usage',
        url: `https://prometheus.example/graph?rule=${rule}`,
      },
    ],
  };
}

/** user-service in three environments; prod has an HPA and a usage history. */
export function serviceCost(
  options: { rule?: RightSizingRule; withUsage?: boolean } = {},
): ServiceCost {
  const { rule = 'design', withUsage = true } = options;
  const prod = environmentCost({
    environment: 'prod',
    compute: containers(5, 0.5, 1),
    band: { min: containers(3, 0.5, 1), max: containers(20, 0.5, 1) },
    infrastructure: 2 * 0.519 * HOURS_PER_MONTH,
    shared: 9.13,
    extraLines: [
      {
        category: 'infrastructure',
        name: 'user-service-uploads (S3)',
        formula: 'no storage assumption for this bucket',
        unpricedReason:
          'no usage assumption: set cost.assumptions.s3.user-service-uploads.storageGb',
        prices: [],
        sources: [
          {
            label: 'module user_service_uploads',
            file: 'infrastructure/terraform/environments/prod/main.tf',
            line: 310,
          },
        ],
      },
    ],
    unpriced: [
      {
        name: 'user_service_cache_legacy',
        reason: 'module has no Service tag, so it is not attributed',
      },
    ],
  });
  const environments = [
    environmentCost({
      environment: 'dev',
      compute: containers(1, 0.1, 0.25),
      infrastructure: 0.034 * HOURS_PER_MONTH,
      shared: 3.02,
    }),
    environmentCost({
      environment: 'staging',
      compute: containers(2, 0.25, 0.5),
      infrastructure: 0.13 * HOURS_PER_MONTH,
      shared: 4.4,
    }),
    prod,
  ].map(environment =>
    withUsage
      ? {
          ...environment,
          recommendations:
            environment.environment === 'prod' ? [recommendation(rule)] : [],
        }
      : {
          ...environment,
          usageUnavailableReason: 'cost.prometheus.baseUrl is not configured',
        },
  );
  return {
    service: 'user-service',
    entityRef: 'component:default/user-service',
    environments,
    prices,
    revisions: {
      gitops: '0123456789abcdef0123456789abcdef01234567',
      infrastructure: 'fedcba9876543210fedcba9876543210fedcba98',
    },
    generatedAt: new Date().toISOString(),
  };
}

export const systemCost: SystemCost = {
  system: 'ecommerce-platform',
  services: [
    {
      service: 'user-service',
      entityRef: 'component:default/user-service',
      perEnvironment: { dev: 30.1, staging: 120.5, prod: 860.4 },
      monthlyUsd: 1011,
      unpricedCount: 2,
    },
    {
      service: 'order-service',
      entityRef: 'component:default/order-service',
      perEnvironment: { dev: 45, staging: 200, prod: 1500 },
      monthlyUsd: 1745,
      unpricedCount: 0,
    },
    {
      service: 'notification-service',
      entityRef: 'component:default/notification-service',
      perEnvironment: { dev: 10, prod: 90 },
      monthlyUsd: 100,
      unpricedCount: 0,
    },
    {
      service: 'search-service',
      entityRef: 'component:default/search-service',
      perEnvironment: {},
      monthlyUsd: 0,
      unpricedCount: 1,
      unpricedReason: 'gitops-config has no apps/search-service',
    },
  ],
  monthlyUsd: 2856,
};

export const serviceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'user-service',
    annotations: { 'goldenpath.dev/gitops-path': 'apps/user-service' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'identity-team' },
};

export const systemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'ecommerce-platform' },
  spec: { owner: 'platform-team' },
};
