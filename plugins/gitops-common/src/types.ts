import { EnvironmentName } from './environments';

/** CPU and memory as Kubernetes quantities, e.g. `500m` and `1Gi`. @public */
export interface ResourceQuantities {
  cpu?: string;
  memory?: string;
}

/** @public */
export interface ResourceRequirements {
  requests: ResourceQuantities;
  limits: ResourceQuantities;
}

/** @public */
export interface ImageReference {
  /** Repository without tag, e.g. `ghcr.io/ecommerce-platform/user-service`. */
  name: string;
  tag: string;
}

/**
 * What the GitOps repository declares for one service in one environment.
 *
 * @public
 */
export interface ServiceDeployment {
  service: string;
  environment: EnvironmentName;
  /** The overlay folder, relative to the repository root. */
  path: string;
  image: ImageReference;
  replicas: number;
  resources: ResourceRequirements;
  /** HorizontalPodAutoscaler bounds, where the environment has one. */
  autoscaling?: { minReplicas: number; maxReplicas: number };
  /** The service's ConfigMap: base values merged with the environment's. */
  config: Record<string, string>;
}

/**
 * One `module "<name>" { ... }` block of an environment's Terraform.
 *
 * @public
 */
export interface TerraformModuleInstance {
  environment: EnvironmentName;
  /** The block label, e.g. `user_service_db`. */
  name: string;
  /** The `source` argument, e.g. `../../modules/database/rds`. */
  source: string;
  /** The module's kind, the last path segment of its source, e.g. `rds`. */
  kind: string;
  /** File (relative to the repository root) and 1-based line of the block. */
  file: string;
  line: number;
  /** The service it serves (its `Service` tag), if it serves one. */
  service?: string;
  /** Literal arguments (numbers, strings, booleans and lists or maps of them). */
  arguments: Record<string, unknown>;
  /** Tags written in the block (merged over the environment's common tags). */
  tags: Record<string, string>;
}

/**
 * One problem the validation suite found.
 *
 * @public
 */
export interface ValidationFinding {
  /** File relative to the validated folder. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** The rule that failed, e.g. `schema`, `kyverno/disallow-latest-tag`. */
  rule: string;
  message: string;
}
