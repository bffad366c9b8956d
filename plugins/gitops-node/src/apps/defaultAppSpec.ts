import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import { AppAutoscaling, AppKind, AppSizing, AppSpec } from './types';

/**
 * What the "Create component" form asks for a new app; everything else
 * starts from the defaults of {@link defaultAppSpec}.
 *
 * @public
 */
export interface NewAppOptions {
  /** See {@link AppSpec.name}. */
  name: string;
  /** See {@link AppSpec.kind}. */
  kind: AppKind;
  /** See {@link AppSpec.owner}. */
  owner: string;
  /** A PostgreSQL database of its own: instance `<name>-db`, database `<name without dashes>`. */
  database?: boolean;
  /** Use the shared Redis sessions cache. */
  cache?: boolean;
  /** An SQS queue `<name>-<env>` with dead-letter queue `<name>-dlq-<env>`. */
  queue?: boolean;
  /** An S3 bucket `ecommerce-<name>-<env>`. */
  bucket?: boolean;
  /** Apps it calls; see {@link AppSpec.dependencies}. */
  dependencies?: string[];
}

function size(
  replicas: number,
  requestsCpu: string,
  requestsMemory: string,
  limitsCpu: string,
  limitsMemory: string,
): AppSizing {
  return {
    replicas,
    requests: { cpu: requestsCpu, memory: requestsMemory },
    limits: { cpu: limitsCpu, memory: limitsMemory },
  };
}

/**
 * The sizing of the smallest app of each kind today (payment-service,
 * notification-service, frontend): enough to start, cheap until load says
 * otherwise.
 */
const STARTING_SIZE: Record<
  AppKind,
  { sizing: Record<EnvironmentName, AppSizing>; hpa: AppAutoscaling }
> = {
  java: {
    sizing: {
      dev: size(1, '100m', '256Mi', '500m', '512Mi'),
      staging: size(2, '200m', '512Mi', '1000m', '1Gi'),
      prod: size(3, '400m', '768Mi', '1500m', '1536Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 10 },
  },
  node: {
    sizing: {
      dev: size(1, '50m', '128Mi', '200m', '256Mi'),
      staging: size(1, '100m', '128Mi', '300m', '256Mi'),
      prod: size(3, '150m', '256Mi', '500m', '512Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 8 },
  },
  frontend: {
    sizing: {
      dev: size(1, '50m', '64Mi', '200m', '128Mi'),
      staging: size(2, '100m', '96Mi', '300m', '192Mi'),
      prod: size(3, '200m', '128Mi', '500m', '256Mi'),
    },
    hpa: { minReplicas: 3, maxReplicas: 10 },
  },
};

/**
 * Placeholder tags of an app that has no build yet. They satisfy the
 * repository's rules (dev runs `sha-<commit>`, staging and prod `vX.Y.Z`)
 * and say plainly that nothing was built or released: the service's first
 * CI run replaces dev's, its first promotions staging's and prod's. Until
 * then the pods cannot pull their image, which Flux reports on the
 * catalog page.
 *
 * @public
 */
export const INITIAL_TAGS: Readonly<Record<EnvironmentName, string>> = {
  dev: 'sha-0000000',
  staging: 'v0.0.0',
  prod: 'v0.0.0',
};

/**
 * The spec of a brand-new app from what the "Create component" form asks:
 * sizing and autoscaling of the smallest existing app of its kind,
 * placeholder tags ({@link INITIAL_TAGS}), no callers, secrets or settings
 * of its own, and for a `frontend` the public hosts `<name>.dev.ecommerce.com`,
 * `<name>.staging.ecommerce.com` and `<name>.ecommerce.com`.
 *
 * @public
 */
export function defaultAppSpec(options: NewAppOptions): AppSpec {
  const { name, kind, owner } = options;
  const start = STARTING_SIZE[kind] ?? STARTING_SIZE.node;
  const spec: AppSpec = {
    name,
    kind,
    owner,
    cache: options.cache ?? false,
    dependencies: [...(options.dependencies ?? [])],
    callers: [],
    secrets: [],
    config: {},
    envConfig: {},
    sizing: structuredClone(start.sizing),
    hpa: { ...start.hpa },
    tags: { ...INITIAL_TAGS },
  };
  if (options.database) {
    spec.database = {
      instance: `${name}-db`,
      name: name.replace(/-/g, ''),
    };
  }
  if (options.queue) spec.queue = name;
  if (options.bucket) spec.bucket = `ecommerce-${name}`;
  if (kind === 'frontend') {
    spec.ingressHosts = {
      dev: `${name}.dev.ecommerce.com`,
      staging: `${name}.staging.ecommerce.com`,
      prod: `${name}.ecommerce.com`,
    };
  }
  return spec;
}
