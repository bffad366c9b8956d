import type { JsonObject } from '@backstage/types';
import type {
  PermissionsService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import type { AddressInfo } from 'node:net';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENTS,
  clusterName,
} from '@goldenpath/backstage-plugin-gitops-common';
import {
  ClusterOptions,
  KubeObject,
  KubernetesDouble,
  platformFluxFixtures,
  startKubernetesDouble,
} from '@goldenpath/test-harness';
import type { Knex } from 'knex';
import request from 'supertest';
import { fluxPlugin } from '../plugin';
import {
  declaredTags,
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  platformComponents,
} from './platform';

export const TOKEN = 'flux-reader-token';

/** The scheduler of the test backend: runs tasks on start, and on demand. */
type TestScheduler = SchedulerService & {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
  }): ServiceFactory<SchedulerService>;
};

export interface FluxTestBackendOptions {
  /** Per environment: changes to the cluster's double (served versions, controller, ...). */
  clusters?: Partial<Record<string, Partial<ClusterOptions>>>;
  /** Per environment: objects besides the platform's. */
  extraObjects?: Record<string, KubeObject[]>;
  /** Per environment: another image tag than gitops-config declares. */
  tagOverrides?: Record<string, Record<string, string>>;
  /** Per environment: another API server URL (e.g. nothing listening). */
  urlOverrides?: Record<string, string>;
  /** More config under `flux`. */
  flux?: JsonObject;
  /** More clusters in kubernetes.clusterLocatorMethods. */
  extraClusters?: JsonObject[];
  permissions?: PermissionsService;
  knex?: Knex;
  /** Do not fill the cache when the backend starts. */
  coldCache?: boolean;
  entities?: Entity[];
  /** Components besides the platform's, with their objects on every cluster. */
  extraServices?: string[];
  /** The scheduler backends really run (database-coordinated, on intervals) instead of the test one. */
  realScheduler?: boolean;
}

export interface FluxTestBackend {
  backend: TestBackend;
  double: KubernetesDouble;
  scheduler: TestScheduler;
  tags: Record<string, Record<string, string>>;
  /** Every service with objects on the clusters. */
  services: string[];
  /** The plugin's base URL, e.g. http://127.0.0.1:40123/api/flux. */
  baseUrl: string;
  /** The Authorization header of a signed-in user. */
  authorization(user?: string): string;
  get(path: string, user?: string): request.Test;
  post(path: string, body: unknown, user?: string): request.Test;
  /** Runs every cluster's refresh task now and waits for it. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Flux backend on a test backend, reading three clusters of the
 * Kubernetes double that run what gitops-config declares, with the
 * platform's components in the catalog.
 */
export async function startFluxTestBackend(
  options: FluxTestBackendOptions = {},
): Promise<FluxTestBackend> {
  const declared = await declaredTags();
  const { tags } = declared;
  const services = [...declared.services, ...(options.extraServices ?? [])];
  const fixtures = platformFluxFixtures({
    services,
    environments: [...ENVIRONMENTS],
    tagFor: (service, env) =>
      options.tagOverrides?.[env]?.[service] ??
      tags[service]?.[env] ??
      'v1.0.0',
  });
  const double = await startKubernetesDouble({
    clusters: Object.fromEntries(
      ENVIRONMENTS.map(env => [
        clusterName(env),
        {
          objects: [
            ...fixtures[clusterName(env)],
            ...(options.extraObjects?.[env] ?? []),
          ],
          token: TOKEN,
          ...options.clusters?.[env],
        },
      ]),
    ),
  });
  const scheduler = mockServices.scheduler() as TestScheduler;
  const backend = await startTestBackend({
    features: [
      fluxPlugin,
      options.realScheduler
        ? schedulerServiceFactory
        : scheduler.factory({ skipTaskRunOnStartup: options.coldCache }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  ...ENVIRONMENTS.map(env => ({
                    name: clusterName(env),
                    url:
                      options.urlOverrides?.[env] ??
                      double.cluster(clusterName(env)).url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                  })),
                  ...(options.extraClusters ?? []),
                ],
              },
            ],
          },
          flux: { watchSeconds: 0, requestTimeoutSeconds: 2, ...options.flux },
          goldenpath: {
            repositories: {
              gitopsConfig: GITOPS_CONFIG,
              infrastructure: INFRASTRUCTURE,
            },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: options.entities ?? [
          ...platformComponents(),
          ...(options.extraServices ?? []).map(serviceComponent),
        ],
      }),
      options.permissions
        ? mockServices.permissions.mock(options.permissions).factory
        : mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    backend,
    double,
    scheduler,
    tags,
    services,
    baseUrl: `http://127.0.0.1:${port}/api/flux`,
    authorization: (user = 'user:default/amelia') =>
      mockCredentials.user.header(user),
    get: (path, user = 'user:default/amelia') =>
      request(backend.server)
        .get(`/api/flux${path}`)
        .set('Authorization', mockCredentials.user.header(user)),
    post: (path, body, user = 'user:default/amelia') =>
      request(backend.server)
        .post(`/api/flux${path}`)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body as object),
    async refresh() {
      await Promise.all(
        ENVIRONMENTS.map(env =>
          scheduler.triggerTask(`flux-refresh-${clusterName(env)}`),
        ),
      );
    },
    async stop() {
      await backend.stop();
      await double.close();
    },
  };
}

function serviceComponent(service: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: service,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': service,
        'goldenpath.dev/gitops-path': `apps/${service}`,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/bench-team',
    },
  };
}
