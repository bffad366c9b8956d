import { Price } from '@goldenpath/backstage-plugin-cost-common';

/** The month the default prices were read (AWS us-east-1, on-demand, Linux). */
export const DEFAULT_PRICE_DATE = '2026-01';

const SOURCES = {
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elasticache: 'https://aws.amazon.com/elasticache/pricing/',
  eks: 'https://aws.amazon.com/eks/pricing/',
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  sqs: 'https://aws.amazon.com/sqs/pricing/',
};

function table(
  service: keyof typeof SOURCES,
  prefix: string,
  unit: string,
  entries: Record<string, number>,
): Price[] {
  return Object.entries(entries).map(([name, usd]) => ({
    key: `${prefix}:${name}`,
    unit,
    usd,
    source: SOURCES[service],
    date: DEFAULT_PRICE_DATE,
  }));
}

/**
 * Public AWS us-east-1 on-demand prices (Linux, single-AZ list prices), each
 * with the pricing page it comes from. `cost.prices` overrides them by key.
 *
 * @public
 */
export const DEFAULT_PRICES: Price[] = [
  ...table('ec2', 'ec2', 'hour', {
    't3.small': 0.0208,
    't3.medium': 0.0416,
    't3.large': 0.0832,
    't3.xlarge': 0.1664,
    't3.2xlarge': 0.3328,
    't3a.medium': 0.0376,
    't3a.large': 0.0752,
    'm5.large': 0.096,
    'm5.xlarge': 0.192,
    'm5.2xlarge': 0.384,
    'm5.4xlarge': 0.768,
    'm6i.large': 0.096,
    'm6i.xlarge': 0.192,
    'm6i.2xlarge': 0.384,
    'm6g.large': 0.077,
    'm6g.xlarge': 0.154,
    'm7g.large': 0.0816,
    'm7g.xlarge': 0.1632,
    'c5.large': 0.085,
    'c5.xlarge': 0.17,
    'c5.2xlarge': 0.34,
    'c6i.large': 0.085,
    'c6i.xlarge': 0.17,
    'c6g.large': 0.068,
    'c6g.xlarge': 0.136,
    'r5.large': 0.126,
    'r5.xlarge': 0.252,
    'r6i.large': 0.126,
    'r6g.large': 0.1008,
    'r6g.xlarge': 0.2016,
  }),
  ...table('rds', 'rds', 'hour', {
    'db.t3.micro': 0.018,
    'db.t3.small': 0.036,
    'db.t3.medium': 0.072,
    'db.t3.large': 0.145,
    'db.t4g.micro': 0.016,
    'db.t4g.small': 0.032,
    'db.t4g.medium': 0.065,
    'db.t4g.large': 0.129,
    'db.m5.large': 0.178,
    'db.m5.xlarge': 0.356,
    'db.m6g.large': 0.159,
    'db.m6g.xlarge': 0.318,
    'db.r5.large': 0.25,
    'db.r5.xlarge': 0.5,
    'db.r6g.large': 0.225,
    'db.r6g.xlarge': 0.45,
    'db.r6g.2xlarge': 0.899,
  }),
  ...table('rds', 'rds-storage', 'GB-month', {
    gp3: 0.115,
    gp2: 0.115,
    io1: 0.125,
  }),
  ...table('elasticache', 'elasticache', 'hour', {
    'cache.t3.micro': 0.017,
    'cache.t3.small': 0.034,
    'cache.t3.medium': 0.068,
    'cache.t4g.micro': 0.016,
    'cache.t4g.small': 0.032,
    'cache.t4g.medium': 0.065,
    'cache.m6g.large': 0.149,
    'cache.m6g.xlarge': 0.298,
    'cache.r5.large': 0.216,
    'cache.r6g.large': 0.206,
    'cache.r6g.xlarge': 0.411,
  }),
  ...table('eks', 'eks', 'hour', { 'control-plane': 0.1 }),
  ...table('vpc', 'vpc', 'hour', { 'nat-gateway': 0.045 }),
  ...table('vpc', 'vpc', 'GB', { 'nat-gateway-data': 0.045 }),
  ...table('elb', 'elb', 'hour', { alb: 0.0225, nlb: 0.0225, clb: 0.025 }),
  ...table('elb', 'elb', 'LCU-hour', { 'alb-lcu': 0.008, 'nlb-lcu': 0.006 }),
  ...table('s3', 's3', 'GB-month', { 'standard-storage': 0.023 }),
  // GET-class and PUT-class requests ($0.0004 and $0.005 per 1,000).
  ...table('s3', 's3', 'million-requests', {
    requests: 0.4,
    'write-requests': 5,
  }),
  ...table('sqs', 'sqs', 'million-requests', { requests: 0.4 }),
];

/** vCPUs and memory of an EC2 instance type. @public */
export interface InstanceShape {
  vcpu: number;
  memoryGib: number;
}

const shapes = (
  families: string[],
  sizes: Record<string, [number, number]>,
): Record<string, InstanceShape> =>
  Object.fromEntries(
    families.flatMap(family =>
      Object.entries(sizes).map(([size, [vcpu, memoryGib]]) => [
        `${family}.${size}`,
        { vcpu, memoryGib },
      ]),
    ),
  );

/**
 * Shapes of common node instance types (from the EC2 instance types page);
 * `cost.instanceTypes` adds others.
 *
 * @public
 */
export const DEFAULT_INSTANCE_TYPES: Record<string, InstanceShape> = {
  ...shapes(['t3', 't3a'], {
    small: [2, 2],
    medium: [2, 4],
    large: [2, 8],
    xlarge: [4, 16],
    '2xlarge': [8, 32],
  }),
  ...shapes(['m5', 'm6i', 'm6g', 'm7g'], {
    large: [2, 8],
    xlarge: [4, 16],
    '2xlarge': [8, 32],
    '4xlarge': [16, 64],
  }),
  ...shapes(['c5', 'c6i', 'c6g', 'c7g'], {
    large: [2, 4],
    xlarge: [4, 8],
    '2xlarge': [8, 16],
    '4xlarge': [16, 32],
  }),
  ...shapes(['r5', 'r6i', 'r6g', 'r7g'], {
    large: [2, 16],
    xlarge: [4, 32],
    '2xlarge': [8, 64],
  }),
};
