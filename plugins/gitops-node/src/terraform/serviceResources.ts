import { InputError } from '@backstage/errors';
import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/**
 * The data stores a service can get from the infrastructure repository.
 *
 * @public
 */
export const SERVICE_RESOURCE_KINDS = [
  'postgresql',
  'redis',
  's3',
  'sqs',
] as const;

/** @public */
export type ServiceResourceKind = (typeof SERVICE_RESOURCE_KINDS)[number];

/**
 * Sizing that differs from the environment's default for the resource (see
 * {@link SERVICE_RESOURCE_DEFAULTS}); only the fields of the requested
 * resource are allowed.
 *
 * @public
 */
export interface ServiceResourceSizing {
  /** postgresql: RDS instance class, e.g. `db.r6g.xlarge`. */
  instanceClass?: string;
  /** postgresql: initial storage in GiB. */
  allocatedStorage?: number;
  /** postgresql: upper limit of storage autoscaling in GiB. */
  maxAllocatedStorage?: number;
  /** redis: node type, e.g. `cache.r6g.large`. */
  nodeType?: string;
  /** redis: number of nodes (one primary plus replicas). */
  numCacheNodes?: number;
}

/**
 * What {@link TerraformRepository.addServiceResource} adds for a service.
 *
 * @public
 */
export interface ServiceResourceRequest {
  /** The service, e.g. `user-service`; becomes its `Service` tag. */
  service: string;
  resource: ServiceResourceKind;
  /**
   * The module instance name; defaults to `<service_with_underscores>` plus
   * `_db`, `_cache`, `_bucket` or `_queue` (the dead-letter queue of a queue
   * `x_queue` is `x_dlq`).
   */
  name?: string;
  /**
   * The base of the AWS resource names (default: the service): RDS
   * identifier `<base>-<env>`, ElastiCache `<base>-<env>`, S3 bucket
   * `ecommerce-<base>-<env>`, SQS queues `<base>-<env>` and
   * `<base>-dlq-<env>`.
   */
  resourceName?: string;
  sizing?: ServiceResourceSizing;
}

/** An output that makes a new instance reachable for its consumers. */
export type ServiceResourceOutput =
  | {
      /** An entry `<key> = module.<module>.<attribute>` in a map output. */
      kind: 'map-entry';
      output: string;
      description: string;
      sensitive: boolean;
      key: string;
      module: string;
      attribute: string;
    }
  | {
      /** An output `<output> = module.<module>.<attribute>`. */
      kind: 'output';
      output: string;
      description: string;
      sensitive: boolean;
      module: string;
      attribute: string;
    };

/**
 * The Terraform text a request gives in one environment.
 *
 * @public
 */
export interface RenderedServiceResource {
  /** The folder of the module under `modules/`, e.g. `database/rds`. */
  moduleFolder: string;
  /** The module instances, in file order, each with its comment line. */
  modules: Array<{ name: string; text: string }>;
  outputs: ServiceResourceOutput[];
}

interface PostgresqlProfile {
  instanceClass: string;
  allocatedStorage: number;
  maxAllocatedStorage: number;
  multiAz: boolean;
  backupRetentionPeriod: number;
  performanceInsightsEnabled: boolean;
  monitoringInterval: number;
  deletionProtection: boolean;
  skipFinalSnapshot: boolean;
}

interface RedisProfile {
  nodeType: string;
  numCacheNodes: number;
  /** Failover (and Multi-AZ) where there are at least two nodes. */
  failover: boolean;
  snapshotRetentionLimit: number;
}

interface S3Profile {
  versioningEnabled: boolean;
  /** The storefront origin browsers read images from. */
  allowedOrigin: string;
  cloudfrontReadAccess: boolean;
}

/**
 * How each environment sizes and protects a service's data stores: dev is
 * small and disposable, staging mirrors prod's protection on small
 * instances, prod is Multi-AZ on larger classes with long backups. These are
 * the values of the checked-in instances (the golden test holds them to it).
 *
 * @public
 */
export const SERVICE_RESOURCE_DEFAULTS: {
  postgresql: Record<EnvironmentName, PostgresqlProfile>;
  redis: Record<EnvironmentName, RedisProfile>;
  s3: Record<EnvironmentName, S3Profile>;
} = {
  postgresql: {
    dev: {
      instanceClass: 'db.t4g.micro',
      allocatedStorage: 20,
      maxAllocatedStorage: 50,
      multiAz: false,
      backupRetentionPeriod: 1,
      performanceInsightsEnabled: false,
      monitoringInterval: 0,
      deletionProtection: false,
      skipFinalSnapshot: true,
    },
    staging: {
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      multiAz: false,
      backupRetentionPeriod: 7,
      performanceInsightsEnabled: true,
      monitoringInterval: 60,
      deletionProtection: true,
      skipFinalSnapshot: false,
    },
    prod: {
      instanceClass: 'db.r6g.large',
      allocatedStorage: 50,
      maxAllocatedStorage: 200,
      multiAz: true,
      backupRetentionPeriod: 30,
      performanceInsightsEnabled: true,
      monitoringInterval: 60,
      deletionProtection: true,
      skipFinalSnapshot: false,
    },
  },
  redis: {
    dev: {
      nodeType: 'cache.t4g.micro',
      numCacheNodes: 1,
      failover: false,
      snapshotRetentionLimit: 1,
    },
    staging: {
      nodeType: 'cache.t4g.medium',
      numCacheNodes: 2,
      failover: true,
      snapshotRetentionLimit: 3,
    },
    prod: {
      nodeType: 'cache.r6g.large',
      numCacheNodes: 3,
      failover: true,
      snapshotRetentionLimit: 7,
    },
  },
  s3: {
    dev: {
      versioningEnabled: false,
      allowedOrigin: 'https://dev.ecommerce.com',
      cloudfrontReadAccess: false,
    },
    staging: {
      versioningEnabled: true,
      allowedOrigin: 'https://staging.ecommerce.com',
      cloudfrontReadAccess: false,
    },
    prod: {
      versioningEnabled: true,
      allowedOrigin: 'https://www.ecommerce.com',
      cloudfrontReadAccess: true,
    },
  },
};

const MODULE_FOLDERS: Record<ServiceResourceKind, string> = {
  postgresql: 'database/rds',
  redis: 'database/elasticache',
  s3: 'storage/s3',
  sqs: 'messaging/sqs',
};

const NAME_SUFFIXES: Record<ServiceResourceKind, string> = {
  postgresql: '_db',
  redis: '_cache',
  s3: '_bucket',
  sqs: '_queue',
};

const SIZING_FIELDS: Record<
  ServiceResourceKind,
  ReadonlyArray<keyof ServiceResourceSizing>
> = {
  postgresql: ['instanceClass', 'allocatedStorage', 'maxAllocatedStorage'],
  redis: ['nodeType', 'numCacheNodes'],
  s3: [],
  sqs: [],
};

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** `order-processing` -> `Order Processing`, for the comment above a block. */
function title(name: string) {
  return name
    .split('-')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function words(name: string) {
  return name.replace(/-/g, ' ');
}

function checkLength(what: string, value: string, max: number) {
  if (value.length > max) {
    throw new InputError(
      `${what} '${value}' is ${value.length} characters long; AWS allows at most ${max}: choose a shorter service or resourceName`,
    );
  }
}

function checkSizing(request: ServiceResourceRequest) {
  const sizing = request.sizing ?? {};
  const allowed = SIZING_FIELDS[request.resource];
  for (const [field, value] of Object.entries(sizing)) {
    if (value === undefined) continue;
    if (!allowed.includes(field as keyof ServiceResourceSizing)) {
      throw new InputError(
        `sizing.${field} does not apply to ${request.resource}; expected ${
          allowed.length ? allowed.join(', ') : 'no sizing'
        }`,
      );
    }
  }
  const positive = (field: keyof ServiceResourceSizing) => {
    const value = sizing[field];
    if (
      value !== undefined &&
      (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    ) {
      throw new InputError(
        `sizing.${field} must be a positive whole number, got ${JSON.stringify(
          value,
        )}`,
      );
    }
  };
  positive('allocatedStorage');
  positive('maxAllocatedStorage');
  positive('numCacheNodes');
  if (
    sizing.instanceClass !== undefined &&
    (typeof sizing.instanceClass !== 'string' ||
      !/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(sizing.instanceClass))
  ) {
    throw new InputError(
      `sizing.instanceClass '${sizing.instanceClass}' is not an RDS instance class; expected e.g. db.t4g.medium`,
    );
  }
  if (
    sizing.nodeType !== undefined &&
    (typeof sizing.nodeType !== 'string' ||
      !/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(sizing.nodeType))
  ) {
    throw new InputError(
      `sizing.nodeType '${sizing.nodeType}' is not an ElastiCache node type; expected e.g. cache.t4g.medium`,
    );
  }
  if (sizing.numCacheNodes !== undefined && sizing.numCacheNodes > 6) {
    throw new InputError(
      `sizing.numCacheNodes must be between 1 and 6, got ${sizing.numCacheNodes}`,
    );
  }
}

/**
 * Checks a request and fills in its defaults: the instance name and the base
 * of the resource names.
 */
export function resolveServiceResourceRequest(
  request: ServiceResourceRequest,
): ServiceResourceRequest & { name: string; resourceName: string } {
  if (!SERVICE_RESOURCE_KINDS.includes(request.resource)) {
    throw new InputError(
      `Unknown resource '${
        request.resource
      }'; expected one of: ${SERVICE_RESOURCE_KINDS.join(', ')}`,
    );
  }
  // Text only: a list would pass the pattern as its joined text.
  if (typeof request.service !== 'string' || !KEBAB.test(request.service)) {
    throw new InputError(
      `Service '${request.service}' is not a valid service name; expected lowercase words joined by hyphens, e.g. user-service`,
    );
  }
  const resourceName = request.resourceName ?? request.service;
  if (typeof resourceName !== 'string' || !KEBAB.test(resourceName)) {
    throw new InputError(
      `resourceName '${resourceName}' is not valid; expected lowercase words joined by hyphens, e.g. order-processing`,
    );
  }
  const name =
    request.name ??
    `${request.service.replace(/-/g, '_')}${NAME_SUFFIXES[request.resource]}`;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new InputError(
      `Module name '${name}' is not valid; expected lowercase letters, digits and underscores, e.g. user_service_db`,
    );
  }
  checkSizing(request);
  return { ...request, name, resourceName };
}

/** The name of the dead-letter queue instance of queue instance `name`. */
export function deadLetterQueueName(name: string): string {
  return name.endsWith('_queue')
    ? `${name.slice(0, -'_queue'.length)}_dlq`
    : `${name}_dlq`;
}

function serviceTags(service: string) {
  return `  tags = merge(local.common_tags, {
    Service = "${service}"
  })`;
}

/**
 * The module instances (and outputs) a request gives in an environment, as
 * `terraform fmt` formats them. `modulesPath` is the path of the modules
 * folder as seen from the environment, e.g. `../../modules`.
 *
 * @public
 */
export function renderServiceResource(
  environment: EnvironmentName,
  request: ServiceResourceRequest,
  options: { modulesPath: string },
): RenderedServiceResource {
  const { service, resource, name, resourceName, sizing } =
    resolveServiceResourceRequest(request);
  const moduleFolder = MODULE_FOLDERS[resource];
  const source = `${options.modulesPath}/${moduleFolder}`;

  if (resource === 'postgresql') {
    const profile = {
      ...SERVICE_RESOURCE_DEFAULTS.postgresql[environment],
      ...definedOnly(sizing),
    };
    const identifier = `${resourceName}-${environment}`;
    checkLength('RDS identifier', identifier, 63);
    const dbName = resourceName.replace(/-/g, '');
    checkLength('Database name', dbName, 63);
    return {
      moduleFolder,
      modules: [
        {
          name,
          text: `# RDS PostgreSQL for ${title(resourceName)}
module "${name}" {
  source = "${source}"

  identifier = "${identifier}"

  engine         = "postgres"
  engine_version = "15"
  instance_class = "${profile.instanceClass}"

  allocated_storage     = ${profile.allocatedStorage}
  max_allocated_storage = ${profile.maxAllocatedStorage}
  storage_encrypted     = true

  db_name  = "${dbName}"
  username = "dbadmin"
  port     = 5432

  vpc_id                 = module.vpc.vpc_id
  db_subnet_group_name   = module.vpc.database_subnet_group
  vpc_security_group_ids = [module.vpc.database_security_group_id]

  multi_az                = ${profile.multiAz}
  backup_retention_period = ${profile.backupRetentionPeriod}
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:00-sun:05:00"

  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled = ${profile.performanceInsightsEnabled}
  monitoring_interval          = ${profile.monitoringInterval}

  deletion_protection = ${profile.deletionProtection}
  skip_final_snapshot = ${profile.skipFinalSnapshot}

${serviceTags(service)}
}`,
        },
      ],
      outputs: [
        {
          kind: 'map-entry',
          output: 'database_endpoints',
          description: 'RDS endpoints (host:port) per service',
          sensitive: true,
          key: resourceName,
          module: name,
          attribute: 'db_instance_endpoint',
        },
        {
          kind: 'map-entry',
          output: 'database_master_user_secret_arns',
          description:
            'Secrets Manager secrets (managed by RDS) with the master credentials, per service',
          sensitive: false,
          key: resourceName,
          module: name,
          attribute: 'master_user_secret_arn',
        },
      ],
    };
  }

  if (resource === 'redis') {
    const profile = {
      ...SERVICE_RESOURCE_DEFAULTS.redis[environment],
      ...definedOnly(sizing),
    };
    // Failover needs a replica to promote.
    const failover = profile.failover && profile.numCacheNodes >= 2;
    const clusterId = `${resourceName}-${environment}`;
    checkLength('ElastiCache cluster_id', clusterId, 40);
    return {
      moduleFolder,
      modules: [
        {
          name,
          text: `# ElastiCache Redis for ${title(resourceName)}
module "${name}" {
  source = "${source}"

  cluster_id           = "${clusterId}"
  engine               = "redis"
  engine_version       = "7.0"
  node_type            = "${profile.nodeType}"
  num_cache_nodes      = ${profile.numCacheNodes}
  parameter_group_name = "default.redis7"
  port                 = 6379

  subnet_group_name  = module.vpc.elasticache_subnet_group
  security_group_ids = [module.vpc.cache_security_group_id]

  automatic_failover_enabled = ${failover}
  multi_az_enabled           = ${failover}

  snapshot_retention_limit = ${profile.snapshotRetentionLimit}
  snapshot_window          = "03:00-04:00"
  maintenance_window       = "sun:04:00-sun:05:00"

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true

${serviceTags(service)}
}`,
        },
      ],
      outputs: [
        {
          kind: 'output',
          output: `${name}_endpoint`,
          description: `Endpoints of the ${words(
            resourceName,
          )} Redis cache (primary and reader)`,
          sensitive: true,
          module: name,
          attribute: 'cache_nodes',
        },
      ],
    };
  }

  if (resource === 's3') {
    const profile = SERVICE_RESOURCE_DEFAULTS.s3[environment];
    const bucket = `ecommerce-${resourceName}-${environment}`;
    checkLength('S3 bucket name', bucket, 63);
    return {
      moduleFolder,
      modules: [
        {
          name,
          text: `# S3 Bucket for ${title(resourceName)}
module "${name}" {
  source = "${source}"

  bucket = "${bucket}"

  versioning_enabled = ${profile.versioningEnabled}

  lifecycle_rules = [{
    id      = "transition-to-ia"
    enabled = true

    transition = [{
      days          = 90
      storage_class = "STANDARD_IA"
    }]
  }]

  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "AES256"
      }
    }
  }

  cors_rule = [{
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["${profile.allowedOrigin}"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }]

  cloudfront_read_access = ${profile.cloudfrontReadAccess}

${serviceTags(service)}
}`,
        },
      ],
      outputs: [
        {
          kind: 'output',
          output: `${name}_name`,
          description: `Name of the ${words(resourceName)} bucket`,
          sensitive: false,
          module: name,
          attribute: 'bucket_id',
        },
        {
          kind: 'output',
          output: `${name}_arn`,
          description: `ARN of the ${words(resourceName)} bucket`,
          sensitive: false,
          module: name,
          attribute: 'bucket_arn',
        },
      ],
    };
  }

  const dlq = deadLetterQueueName(name);
  const queue = `${resourceName}-${environment}`;
  const deadLetterQueue = `${resourceName}-dlq-${environment}`;
  checkLength('SQS queue name', deadLetterQueue, 80);
  return {
    moduleFolder,
    modules: [
      {
        name,
        text: `# SQS Queue for ${title(resourceName)}
module "${name}" {
  source = "${source}"

  name                       = "${queue}"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 1209600 # 14 days
  max_message_size           = 262144  # 256 KB
  delay_seconds              = 0
  receive_wait_time_seconds  = 20

  redrive_policy = {
    deadLetterTargetArn = module.${dlq}.queue_arn
    maxReceiveCount     = 3
  }

${serviceTags(service)}
}`,
      },
      {
        name: dlq,
        text: `# Dead Letter Queue for ${title(resourceName)}
module "${dlq}" {
  source = "${source}"

  name                      = "${deadLetterQueue}"
  message_retention_seconds = 1209600

  tags = merge(local.common_tags, {
    Service = "${service}"
    Queue   = "dead-letter"
  })
}`,
      },
    ],
    outputs: [
      {
        kind: 'output',
        output: `${name}_url`,
        description: `URL of the ${words(resourceName)} queue`,
        sensitive: false,
        module: name,
        attribute: 'queue_url',
      },
      {
        kind: 'output',
        output: `${dlq}_url`,
        description: `URL of the ${words(resourceName)} dead-letter queue`,
        sensitive: false,
        module: dlq,
        attribute: 'queue_url',
      },
    ],
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
