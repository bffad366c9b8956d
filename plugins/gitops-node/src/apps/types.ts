import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/**
 * What runs in the container, which decides ports, probes, metrics path,
 * runtime settings and rollout timeout:
 * - `java`: Spring Boot; `http` 8080 and `management` 8081 (health under
 *   `/actuator/health/*`, metrics `/actuator/prometheus` on 8081).
 * - `node`: Node.js; `http` 8080 (`/healthz/live`, `/healthz/ready`, `/metrics`).
 * - `frontend`: the React build served by unprivileged nginx, same paths as
 *   `node`; labelled `app.kubernetes.io/component: frontend`.
 *
 * @public
 */
export type AppKind = 'java' | 'node' | 'frontend';

/** The kinds, in the order the scaffolder offers them. @public */
export const APP_KINDS: readonly AppKind[] = ['java', 'node', 'frontend'];

/**
 * CPU and memory of the app's container, as Kubernetes quantities.
 *
 * @public
 */
export interface AppQuantities {
  /** Cores, e.g. `500m` or `1`. */
  cpu: string;
  /** Bytes, e.g. `256Mi` or `1Gi`. */
  memory: string;
}

/**
 * The size of an app in one environment.
 *
 * @public
 */
export interface AppSizing {
  /**
   * Pods the overlay asks for (a whole number, at least 1). In prod it is the
   * HPA's starting point and must lie within `hpa`.
   */
  replicas: number;
  /** What the scheduler reserves for the container; at most `limits`. */
  requests: AppQuantities;
  /** What the container may use before it is throttled or OOM-killed. */
  limits: AppQuantities;
}

/**
 * The RDS database of an app.
 *
 * @public
 */
export interface AppDatabase {
  /**
   * The RDS instance (a DNS label), reached at
   * `<instance>.<env>.ecommerce.internal` (a record of the private Route53
   * zone that Terraform keeps pointed at the instance), e.g. `user-service-db`.
   */
  instance: string;
  /** The PostgreSQL database (lowercase letters, digits, `_`), e.g. `userservice`. */
  name: string;
}

/**
 * A secret environment variable of the app, read from AWS Secrets Manager
 * secret `<env>/<app>/app`.
 *
 * @public
 */
export interface AppSecret {
  /** The environment variable, e.g. `JWT_SECRET`. */
  name: string;
  /** The property of the secret that holds the value, e.g. `jwt-secret`. */
  key: string;
}

/**
 * HorizontalPodAutoscaler bounds of the app in prod (CPU 70 %, memory 80 %).
 *
 * @public
 */
export interface AppAutoscaling {
  /** At least 3: the prod PodDisruptionBudget keeps 2 pods available. */
  minReplicas: number;
  /** At least `minReplicas`. */
  maxReplicas: number;
}

/**
 * Everything that distinguishes one app of gitops-config from another: the
 * generated `apps/<name>/`, `clusters/<env>-cluster/apps/<name>.yaml`, the
 * PrometheusRule, the Grafana dashboard and the app's rows in
 * `apps/README.md` follow from it and from the platform's conventions
 * (`apps/README.md`).
 *
 * @public
 */
export interface AppSpec {
  /**
   * The app's name: a lowercase DNS label of at most 63 characters that
   * starts with a letter (it also names a Kubernetes Service). It names the
   * folder, namespace, Deployment, Service, image
   * (`ghcr.io/ecommerce-platform/<name>`) and Flux Kustomization.
   */
  name: string;
  /** What runs in the container; see {@link AppKind}. */
  kind: AppKind;
  /** The team that owns the app, as in the catalog, e.g. `checkout-team`. */
  owner: string;
  /**
   * The app's own PostgreSQL database, if it has one: adds the
   * `wait-for-db` init container, `DB_*` settings, the `<name>-db-credentials`
   * ExternalSecret, egress to 5432 in prod and the connection-pool alert and panel.
   */
  database?: AppDatabase;
  /**
   * Whether the app uses the shared Redis sessions cache
   * (`ecommerce-sessions`): adds `REDIS_*` settings, the
   * `<name>-redis-credentials` ExternalSecret and egress to 6379 in prod.
   */
  cache: boolean;
  /**
   * The SQS queue's base name, if the app uses one; the queue of an
   * environment is `<queue>-<env>` and its dead-letter queue
   * `<queue>-dlq-<env>` (`ORDER_QUEUE_NAME`, `ORDER_DLQ_NAME`). Gives the
   * ServiceAccount an IRSA role.
   */
  queue?: string;
  /**
   * The S3 bucket's base name, if the app uses one; the bucket of an
   * environment is `<bucket>-<env>` (`PRODUCT_IMAGES_BUCKET`). Gives the
   * ServiceAccount an IRSA role.
   */
  bucket?: string;
  /**
   * Apps this one calls, in the order their `<NAME>_URL` settings appear in
   * `config.env`; its prod NetworkPolicy lets it reach them, and theirs let
   * it in.
   */
  dependencies: string[];
  /**
   * Apps that call this one (the apps whose `dependencies` list it). Its prod
   * NetworkPolicy lets them in, and theirs let them reach it; their
   * `<NAME>_URL` setting comes from their own spec. A new app usually has none.
   */
  callers: string[];
  /** The app's own secrets, in the order of the container's `env`. */
  secrets: AppSecret[];
  /**
   * Settings that are the same in every environment (`base/config.env`),
   * after the generated ones, which a key of the same name replaces.
   * Keys are environment variable names; values are single lines.
   */
  config: Record<string, string>;
  /**
   * Settings of one environment, merged by the overlay after the generated
   * ones (`ENVIRONMENT`, `LOG_LEVEL`, hosts, queue and bucket names), which a
   * key of the same name replaces. Keys are `dev`, `staging` or `prod`.
   */
  envConfig: Partial<Record<EnvironmentName, Record<string, string>>>;
  /**
   * The public host of each environment, for an app reached from outside
   * the cluster through ingress-nginx (TLS from cert-manager's
   * `letsencrypt-prod`); undefined for internal apps.
   */
  ingressHosts?: Record<EnvironmentName, string>;
  /** Replicas, requests and limits in each environment; base carries dev's. */
  sizing: Record<EnvironmentName, AppSizing>;
  /** Autoscaling bounds in prod. */
  hpa: AppAutoscaling;
  /**
   * The image tag each environment runs: `sha-<commit>` (7 to 40 hex digits)
   * in dev, release tags `vX.Y.Z` in staging and prod.
   */
  tags: Record<EnvironmentName, string>;
}
