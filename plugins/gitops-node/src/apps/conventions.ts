import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import { AppKind } from './types';

/** The platform's settings that are the same for every app (apps/README.md). */
export const PLATFORM = {
  region: 'us-east-1',
  imageRepository: 'ghcr.io/ecommerce-platform',
  /** Private Route53 zone: data stores are `<name>.<env>.ecommerce.internal`. */
  internalZone: 'ecommerce.internal',
  /** The shared Redis of the apps that use the cache. */
  cacheName: 'ecommerce-sessions',
  /** RDS and ElastiCache live in the prod VPC. */
  prodVpcCidr: '10.0.0.0/16',
  logLevel: { dev: 'DEBUG', staging: 'INFO', prod: 'WARN' },
  dbPoolMaxSize: { dev: '5', staging: '10', prod: '20' },
} as const satisfies {
  region: string;
  imageRepository: string;
  internalZone: string;
  cacheName: string;
  prodVpcCidr: string;
  logLevel: Record<EnvironmentName, string>;
  dbPoolMaxSize: Record<EnvironmentName, string>;
};

/** Probe timings, in the order the manifests list them. */
export interface ProbeTimings {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** What a kind of app decides about its manifests. */
export interface KindConventions {
  component: 'backend' | 'frontend';
  /** Named container ports; the first is `http`, which the Service exposes on 80. */
  ports: Array<{ name: string; port: number }>;
  probePort: string;
  livenessPath: string;
  readinessPath: string;
  metricsPort: { name: string; port: number };
  metricsPath: string;
  liveness: ProbeTimings;
  readiness: ProbeTimings;
  startup: ProbeTimings;
  /** emptyDir volumes: the root filesystem is read-only. */
  volumes: Array<{ name: string; mountPath: string }>;
  runtimeConfig: Record<string, string>;
  envRuntimeConfig: (env: EnvironmentName) => Record<string, string>;
  /** The Flux Kustomization's timeout: how long a rollout may take. */
  rolloutTimeout: string;
}

function timings(
  initialDelaySeconds: number,
  periodSeconds: number,
  timeoutSeconds: number,
  failureThreshold: number,
): ProbeTimings {
  return {
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds,
    successThreshold: 1,
    failureThreshold,
  };
}

const HTTP = { name: 'http', port: 8080 };
const MANAGEMENT = { name: 'management', port: 8081 };

export const KINDS: Record<AppKind, KindConventions> = {
  java: {
    component: 'backend',
    ports: [HTTP, MANAGEMENT],
    probePort: 'management',
    livenessPath: '/actuator/health/liveness',
    readinessPath: '/actuator/health/readiness',
    metricsPort: MANAGEMENT,
    metricsPath: '/actuator/prometheus',
    // The JVM starts slowly: long initial delays, a startup probe of 5 minutes.
    liveness: timings(60, 10, 5, 3),
    readiness: timings(30, 5, 3, 3),
    startup: timings(0, 10, 3, 30),
    volumes: [
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'logs', mountPath: '/app/logs' },
    ],
    runtimeConfig: {
      MANAGEMENT_SERVER_PORT: '8081',
      JAVA_TOOL_OPTIONS:
        '-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -XX:+UseG1GC',
    },
    envRuntimeConfig: env => ({ SPRING_PROFILES_ACTIVE: env }),
    rolloutTimeout: '10m',
  },
  node: {
    component: 'backend',
    ports: [HTTP],
    probePort: 'http',
    livenessPath: '/healthz/live',
    readinessPath: '/healthz/ready',
    metricsPort: HTTP,
    metricsPath: '/metrics',
    liveness: timings(10, 10, 3, 3),
    readiness: timings(5, 5, 3, 3),
    startup: timings(0, 5, 3, 24),
    volumes: [{ name: 'tmp', mountPath: '/tmp' }],
    runtimeConfig: { NODE_ENV: 'production' },
    envRuntimeConfig: () => ({}),
    rolloutTimeout: '5m',
  },
  frontend: {
    component: 'frontend',
    ports: [HTTP],
    probePort: 'http',
    livenessPath: '/healthz/live',
    readinessPath: '/healthz/ready',
    metricsPort: HTTP,
    metricsPath: '/metrics',
    liveness: timings(5, 10, 3, 3),
    readiness: timings(2, 5, 3, 3),
    startup: timings(0, 5, 3, 12),
    volumes: [{ name: 'tmp', mountPath: '/tmp' }],
    runtimeConfig: {},
    envRuntimeConfig: () => ({}),
    rolloutTimeout: '5m',
  },
};

/** Whether the app needs an IRSA role (it talks to S3 or SQS). */
export function usesAws(spec: { bucket?: string; queue?: string }): boolean {
  return Boolean(spec.bucket || spec.queue);
}
