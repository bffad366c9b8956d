import net from 'node:net';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  FluxEntityStatus,
  FluxEnvironmentStatus,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import {
  FLUX_2_0_SERVED_VERSIONS,
  fluxCondition,
  fluxHelmChart,
  fluxHelmRelease,
  fluxHelmRepository,
} from '@goldenpath/test-harness';
import { createTestDatabases } from '@goldenpath/test-harness';
import {
  FluxTestBackend,
  startFluxTestBackend,
} from './__testUtils__/fluxTestBackend';
import { declaredTags, platformComponents } from './__testUtils__/platform';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const USER_SERVICE = '/entity/default/component/user-service';

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function env(
  status: FluxEntityStatus,
  environment: string,
): FluxEnvironmentStatus {
  return status.environments.find(e => e.environment === environment)!;
}

describe('flux backend', () => {
  let flux: FluxTestBackend | undefined;

  afterEach(async () => {
    await flux?.stop();
    flux = undefined;
  });

  describe('GET /entity/:namespace/:kind/:name/status', () => {
    it('shows a service in every environment, running what gitops-config declares', async () => {
      flux = await startFluxTestBackend();
      const response = await flux.get(`${USER_SERVICE}/status`);
      expect(response.status).toBe(200);
      const status: FluxEntityStatus = response.body;

      expect(status.entityRef).toBe('component:default/user-service');
      expect(status.selector).toBe('backstage.io/kubernetes-id=user-service');
      expect(status.environments.map(e => [e.environment, e.cluster])).toEqual([
        ['dev', 'ecommerce-dev-cluster'],
        ['staging', 'ecommerce-staging-cluster'],
        ['prod', 'ecommerce-prod-cluster'],
      ]);
      expect(Object.keys(status.refreshedAt).sort()).toEqual([
        'ecommerce-dev-cluster',
        'ecommerce-prod-cluster',
        'ecommerce-staging-cluster',
      ]);
      for (const environment of status.environments) {
        const declaredTag = flux.tags['user-service'][environment.environment];
        expect(environment).toMatchObject({
          readiness: 'ready',
          suspended: false,
          drift: false,
          declared: {
            image: 'ghcr.io/ecommerce-platform/user-service',
            tag: declaredTag,
          },
          deployed: {
            image: 'ghcr.io/ecommerce-platform/user-service',
            tag: declaredTag,
          },
        });
        expect(environment.error).toBeUndefined();
        expect(environment.lastAppliedRevision).toMatch(
          /^main@sha1:[0-9a-f]{40}$/,
        );

        const [kustomization, ...others] = environment.objects;
        expect(others).toEqual([]);
        expect(kustomization).toMatchObject({
          cluster: environment.cluster,
          environment: environment.environment,
          kind: 'Kustomization',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          knownApiVersion: true,
          namespace: 'flux-system',
          name: 'user-service',
          readiness: 'ready',
          reason: 'ReconciliationSucceeded',
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
          // Joined from the GitRepository the Kustomization reconciles from.
          sourceRevision: environment.lastAppliedRevision,
        });
        expect(kustomization.inventory).toContainEqual({
          id: 'user-service_user-service_apps_Deployment',
          version: 'v1',
          namespace: 'user-service',
          name: 'user-service',
          group: 'apps',
          kind: 'Deployment',
        });
        expect(kustomization.history[0]).toMatchObject({
          revision: environment.lastAppliedRevision,
          status: 'ReconciliationSucceeded',
          totalReconciliations: 7,
        });
        expect(kustomization.events.map(e => e.reason)).toEqual([
          'ReconciliationSucceeded',
          'Progressing',
        ]);
      }

      const cart: FluxEntityStatus = (
        await flux.get('/entity/default/component/cart-service/status')
      ).body;
      expect(env(cart, 'prod').objects.map(o => o.name)).toEqual([
        'cart-service',
      ]);
      expect(env(cart, 'prod').deployed?.tag).toBe(
        flux.tags['cart-service'].prod,
      );
    });

    it("joins a service's HelmRelease with its chart and shows the worst readiness", async () => {
      const redis = fluxHelmRelease({
        name: 'redis',
        namespace: 'cart-service',
        labels: { 'backstage.io/kubernetes-id': 'cart-service' },
        chart: 'redis',
        chartVersion: '20.1.0',
        appVersion: '7.4.1',
        repository: 'bitnami',
      });
      const failing = {
        ...redis,
        status: {
          ...redis.status,
          conditions: [
            fluxCondition(
              'Ready',
              'False',
              'UpgradeFailed',
              'Helm upgrade failed for release cart-service/redis with chart redis@20.1.0: timed out waiting for the condition',
            ),
          ],
        },
      };
      const sources = [
        fluxHelmRepository(
          'bitnami',
          'cart-service',
          'https://charts.bitnami.com/bitnami',
        ),
        fluxHelmChart('redis', 'cart-service', 'redis', '20.1.0', 'bitnami'),
      ];
      flux = await startFluxTestBackend({
        extraObjects: { dev: [redis, ...sources], prod: [failing, ...sources] },
      });
      const status: FluxEntityStatus = (
        await flux.get('/entity/default/component/cart-service/status')
      ).body;

      const dev = env(status, 'dev');
      expect(dev.readiness).toBe('ready');
      expect(dev.lastAppliedRevision).toMatch(/^main@sha1:/);
      expect(dev.objects.map(o => o.kind)).toEqual([
        'Kustomization',
        'HelmRelease',
      ]);
      expect(dev.objects[1]).toMatchObject({
        name: 'redis',
        namespace: 'cart-service',
        lastAppliedRevision: '20.1.0',
        sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
        sourceRevision: '20.1.0',
      });
      expect(
        dev.objects[1].history.map(h => [
          h.version,
          h.chartVersion,
          h.appVersion,
          h.status,
        ]),
      ).toEqual([
        [2, '20.1.0', '7.4.1', 'deployed'],
        [1, '0.0.0-previous', '7.4.1', 'superseded'],
      ]);

      const prod = env(status, 'prod');
      expect(prod.readiness).toBe('failed');
      expect(prod.objects[1]).toMatchObject({
        readiness: 'failed',
        reason: 'UpgradeFailed',
        message: expect.stringContaining('timed out waiting for the condition'),
      });
      expect(env(status, 'staging').objects.map(o => o.kind)).toEqual([
        'Kustomization',
      ]);
    });

    it('shows drift where a cluster runs another tag than gitops-config declares', async () => {
      flux = await startFluxTestBackend({
        tagOverrides: { prod: { 'user-service': 'v0.9.0' } },
      });
      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(env(status, 'prod')).toMatchObject({
        drift: true,
        declared: { tag: flux.tags['user-service'].prod },
        deployed: { tag: 'v0.9.0' },
      });
      expect(env(status, 'staging').drift).toBe(false);
      expect(env(status, 'dev').drift).toBe(false);
    });

    it('compares the tag of an image pinned by tag and digest, without drift', async () => {
      const { tags } = await declaredTags();
      const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
      flux = await startFluxTestBackend({
        tagOverrides: {
          prod: { 'user-service': `${tags['user-service'].prod}@${digest}` },
        },
      });
      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(env(status, 'prod')).toMatchObject({
        drift: false,
        declared: {
          image: 'ghcr.io/ecommerce-platform/user-service',
          tag: tags['user-service'].prod,
        },
        deployed: {
          image: 'ghcr.io/ecommerce-platform/user-service',
          tag: tags['user-service'].prod,
        },
      });
    });

    it.each([
      [
        'forbidden',
        'dev',
        {
          clusters: {
            dev: {
              faults: [
                {
                  path: '/apis/helm.toolkit.fluxcd.io',
                  fault: { type: 'status' as const, status: 403 },
                },
              ],
            },
          },
        },
        {
          reason: 'forbidden',
          statusCode: 403,
          message: expect.stringContaining('/apis/helm.toolkit.fluxcd.io'),
        },
      ],
      [
        'unauthorized',
        'staging',
        { clusters: { staging: { token: 'another-token' } } },
        { reason: 'unauthorized', statusCode: 401 },
      ],
      [
        'timeout',
        'prod',
        {
          clusters: {
            prod: {
              faults: [
                { path: /kustomizations/, fault: { type: 'hang' as const } },
              ],
            },
          },
          flux: { requestTimeoutSeconds: 0.5 },
        },
        { reason: 'timeout', message: expect.stringContaining('within 0.5 s') },
      ],
      [
        'unreachable',
        'dev',
        { urlOverrides: { dev: 'closed' } },
        {
          reason: 'unreachable',
          message: expect.stringContaining('ECONNREFUSED'),
        },
      ],
    ])(
      'reports a %s cluster as its error beside the other clusters',
      async (_name, failing, options, expected) => {
        const urlOverrides =
          'urlOverrides' in options
            ? { [failing]: await closedPortUrl() }
            : undefined;
        flux = await startFluxTestBackend({ ...options, urlOverrides });
        const response = await flux.get(`${USER_SERVICE}/status`);
        expect(response.status).toBe(200);
        const status: FluxEntityStatus = response.body;
        expect(env(status, failing)).toMatchObject({
          readiness: 'unknown',
          objects: [],
          error: {
            cluster: `ecommerce-${failing}-cluster`,
            environment: failing,
            ...expected,
          },
        });
        expect(
          status.environments
            .filter(e => e.environment !== failing)
            .map(e => [e.error, e.readiness, e.objects.length]),
        ).toEqual([
          [undefined, 'ready', 1],
          [undefined, 'ready', 1],
        ]);
        const runtime: FluxRuntimeStatus = (await flux.get('/runtime')).body;
        const failingCluster = runtime.clusters.find(
          c => c.environment === failing,
        )!;
        expect(failingCluster.error?.reason).toBe(expected.reason);
        expect(
          runtime.clusters
            .filter(c => c.environment !== failing)
            .map(c => c.controllers.length),
        ).toEqual([6, 6]);
      },
    );

    it('reads a cluster that serves an older Flux', async () => {
      flux = await startFluxTestBackend({
        clusters: {
          prod: {
            servedVersions: {
              ...FLUX_2_0_SERVED_VERSIONS,
              Kustomization: ['v1beta2'],
            },
          },
        },
      });
      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(env(status, 'prod')).toMatchObject({
        readiness: 'ready',
        drift: false,
      });
      expect(env(status, 'prod').objects[0]).toMatchObject({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2',
        knownApiVersion: true,
        readiness: 'ready',
        sourceRevision: env(status, 'prod').lastAppliedRevision,
      });

      const runtime: FluxRuntimeStatus = (await flux.get('/runtime')).body;
      expect(
        runtime.clusters.find(c => c.environment === 'prod')!.apiVersions,
      ).toEqual({
        Kustomization: 'kustomize.toolkit.fluxcd.io/v1beta2',
        HelmRelease: 'helm.toolkit.fluxcd.io/v2beta1',
        GitRepository: 'source.toolkit.fluxcd.io/v1',
        OCIRepository: 'source.toolkit.fluxcd.io/v1beta2',
        HelmRepository: 'source.toolkit.fluxcd.io/v1beta2',
        HelmChart: 'source.toolkit.fluxcd.io/v1beta2',
        ImageRepository: 'image.toolkit.fluxcd.io/v1beta2',
        ImagePolicy: 'image.toolkit.fluxcd.io/v1beta2',
      });
      expect(
        runtime.clusters.find(c => c.environment === 'dev')!.apiVersions
          .HelmRelease,
      ).toBe('helm.toolkit.fluxcd.io/v2');
    });

    it('shows objects of an unknown version, or without status, as unknown with their raw conditions', async () => {
      flux = await startFluxTestBackend({
        clusters: {
          staging: { servedVersions: { Kustomization: ['v2alpha1'] } },
        },
        extraObjects: {
          dev: [
            {
              apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
              kind: 'Kustomization',
              metadata: {
                name: 'user-service-jobs',
                namespace: 'flux-system',
                labels: { 'backstage.io/kubernetes-id': 'user-service' },
              },
              spec: {
                sourceRef: { kind: 'GitRepository', name: 'flux-system' },
                path: './jobs',
              },
            },
          ],
        },
      });
      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;

      const staging = env(status, 'staging');
      expect(staging.readiness).toBe('unknown');
      expect(staging.objects[0]).toMatchObject({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v2alpha1',
        knownApiVersion: false,
        readiness: 'unknown',
        message: expect.stringContaining('does not know'),
      });
      expect(staging.objects[0].conditions).toContainEqual(
        expect.objectContaining({
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
        }),
      );

      const dev = env(status, 'dev');
      expect(dev.readiness).toBe('unknown');
      expect(dev.objects.map(o => [o.name, o.readiness])).toEqual([
        ['user-service', 'ready'],
        ['user-service-jobs', 'unknown'],
      ]);
      expect(dev.objects[1].message).toMatch(/No status reported yet/);
      expect(dev.objects[1].conditions).toEqual([]);
    });

    it('answers many viewers from one list per cluster and kind', async () => {
      flux = await startFluxTestBackend();
      const viewers = () =>
        Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            flux!.get(
              i % 10 === 9
                ? '/runtime'
                : `/entity/default/component/${
                    flux!.services[i % flux!.services.length]
                  }/status`,
            ),
          ),
        );

      flux.double.resetRequests();
      const answers = await viewers();
      expect(answers.map(a => a.status)).toEqual(answers.map(() => 200));
      // The cache the scheduled refresh filled answers them all.
      expect(flux.double.countRequests()).toBe(0);

      await flux.refresh();
      await viewers();
      for (const cluster of [
        'ecommerce-dev-cluster',
        'ecommerce-staging-cluster',
        'ecommerce-prod-cluster',
      ]) {
        const requests = flux.double.requests
          .filter(r => r.cluster === cluster)
          .map(r => `${r.path}?${new URLSearchParams(r.query)}`);
        expect(new Set(requests).size).toBe(requests.length);
        expect(requests).toContain(
          '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?',
        );
        expect(requests).toContain(
          '/apis/apps/v1/deployments?labelSelector=backstage.io%2Fkubernetes-id',
        );
      }
    });

    it('fills a cold cache once per cluster, however many viewers ask', async () => {
      flux = await startFluxTestBackend({ coldCache: true });
      expect(flux.double.countRequests()).toBe(0);
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => flux!.get(`${USER_SERVICE}/status`)),
      );
      expect(
        answers.every(a => a.body.environments[0].readiness === 'ready'),
      ).toBe(true);
      const lists = flux.double.requests.filter(
        r => r.path === '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
      );
      expect(lists.map(r => r.cluster).sort()).toEqual([
        'ecommerce-dev-cluster',
        'ecommerce-prod-cluster',
        'ecommerce-staging-cluster',
      ]);
    });

    it('finds objects by the label-selector annotation', async () => {
      flux = await startFluxTestBackend({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'checkout',
              namespace: 'default',
              annotations: {
                'backstage.io/kubernetes-label-selector':
                  'backstage.io/kubernetes-id in (cart-service,order-service)',
              },
            },
            spec: {
              type: 'service',
              owner: 'checkout-team',
              lifecycle: 'production',
            },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'broken',
              namespace: 'default',
              annotations: {
                'backstage.io/kubernetes-label-selector': 'app in ()',
              },
            },
            spec: {
              type: 'service',
              owner: 'checkout-team',
              lifecycle: 'production',
            },
          },
        ],
      });
      const status: FluxEntityStatus = (
        await flux.get('/entity/default/component/checkout/status')
      ).body;
      expect(status.selector).toBe(
        'backstage.io/kubernetes-id in (cart-service,order-service)',
      );
      expect(env(status, 'dev').objects.map(o => o.name)).toEqual([
        'cart-service',
        'order-service',
      ]);

      const broken = await flux.get('/entity/default/component/broken/status');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toContain(
        'backstage.io/kubernetes-label-selector',
      );
    });

    it('answers 404 naming an entity the catalog does not have', async () => {
      flux = await startFluxTestBackend();
      const response = await flux.get(
        '/entity/default/component/ghost-service/status',
      );
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        'No entity component:default/ghost-service in the catalog',
      );
    });
  });

  describe('GET /runtime', () => {
    it('shows the controllers and served versions of every cluster, and names an unusable auth provider', async () => {
      flux = await startFluxTestBackend({
        extraClusters: [
          {
            name: 'gke-tools',
            url: 'http://127.0.0.1:1',
            authProvider: 'google',
          },
        ],
      });
      const runtime: FluxRuntimeStatus = (await flux.get('/runtime')).body;
      expect(runtime.clusters.map(c => [c.cluster, c.environment])).toEqual([
        ['ecommerce-dev-cluster', 'dev'],
        ['ecommerce-staging-cluster', 'staging'],
        ['ecommerce-prod-cluster', 'prod'],
        ['gke-tools', undefined],
      ]);
      const dev = runtime.clusters[0];
      expect(dev.controllers.map(c => c.name)).toEqual([
        'helm-controller',
        'image-automation-controller',
        'image-reflector-controller',
        'kustomize-controller',
        'notification-controller',
        'source-controller',
      ]);
      expect(
        dev.controllers.find(c => c.name === 'kustomize-controller'),
      ).toEqual({
        name: 'kustomize-controller',
        namespace: 'flux-system',
        image: 'ghcr.io/fluxcd/kustomize-controller:v1.5.1',
        version: 'v1.5.1',
        ready: true,
        replicas: 1,
        readyReplicas: 1,
      });
      expect(dev.apiVersions.Kustomization).toBe(
        'kustomize.toolkit.fluxcd.io/v1',
      );
      expect(runtime.clusters[3].error).toMatchObject({
        reason: 'error',
        message: expect.stringContaining("authProvider 'google'"),
      });
    });
  });

  describe('POST /entity/:namespace/:kind/:name/actions', () => {
    const reconcileUserService = {
      cluster: 'ecommerce-dev-cluster',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'user-service',
      action: 'reconcile',
    };

    it('reconciles and waits until Flux has handled the request', async () => {
      flux = await startFluxTestBackend({
        clusters: { dev: { controller: { reconcileDelayMs: 300 } } },
      });
      const response = await flux.post(
        `${USER_SERVICE}/actions`,
        reconcileUserService,
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        entityRef: 'component:default/user-service',
        cluster: 'ecommerce-dev-cluster',
        environment: 'dev',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'user-service',
        action: 'reconcile',
        actor: 'user:default/amelia',
        result: 'succeeded',
      });
      const object = flux.double
        .cluster('ecommerce-dev-cluster')
        .get('Kustomization', 'flux-system', 'user-service')!;
      const requestedAt =
        object.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
      expect(object.status.lastHandledReconcileAt).toBe(requestedAt);
      expect(
        Date.parse(response.body.finishedAt) -
          Date.parse(response.body.requestedAt),
      ).toBeGreaterThanOrEqual(250);

      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(status.actions[0]).toEqual(response.body);
    });

    it('reports both of two reconciles asked at once as handled when Flux handles the later one', async () => {
      flux = await startFluxTestBackend({
        clusters: { dev: { controller: { reconcileDelayMs: 300 } } },
        flux: { reconcileTimeoutSeconds: 2 },
      });
      const first = flux.post(`${USER_SERVICE}/actions`, reconcileUserService);
      await new Promise(resolve => setTimeout(resolve, 20));
      const second = flux.post(`${USER_SERVICE}/actions`, reconcileUserService);
      const answers = await Promise.all([first, second]);
      expect(answers.map(answer => answer.body.result)).toEqual([
        'succeeded',
        'succeeded',
      ]);
    });

    it('says so when Flux does not handle the request in time', async () => {
      flux = await startFluxTestBackend({
        clusters: { dev: { controller: { reconcileDelayMs: 'never' } } },
        flux: { reconcileTimeoutSeconds: 0.5 },
      });
      const response = await flux.post(
        `${USER_SERVICE}/actions`,
        reconcileUserService,
      );
      expect(response.status).toBe(200);
      expect(response.body.result).toBe('timeout');
      expect(response.body.message).toMatch(
        /^Flux did not handle the reconcile request of Kustomization flux-system\/user-service within 0.5 s .*kustomize-controller/,
      );
    });

    it('suspends and resumes through spec.suspend', async () => {
      flux = await startFluxTestBackend();
      const cluster = flux.double.cluster('ecommerce-prod-cluster');
      const request = {
        ...reconcileUserService,
        cluster: 'ecommerce-prod-cluster',
      };

      const suspended = await flux.post(`${USER_SERVICE}/actions`, {
        ...request,
        action: 'suspend',
      });
      expect(suspended.body).toMatchObject({
        result: 'succeeded',
        environment: 'prod',
      });
      expect(
        cluster.get('Kustomization', 'flux-system', 'user-service')!.spec
          .suspend,
      ).toBe(true);

      await flux.refresh();
      let status: FluxEntityStatus = (await flux.get(`${USER_SERVICE}/status`))
        .body;
      expect(env(status, 'prod').suspended).toBe(true);
      expect(env(status, 'prod').objects[0].suspended).toBe(true);

      const refused = await flux.post(`${USER_SERVICE}/actions`, request);
      expect(refused.body).toMatchObject({
        result: 'failed',
        message: expect.stringContaining('is suspended'),
      });

      const resumed = await flux.post(`${USER_SERVICE}/actions`, {
        ...request,
        action: 'resume',
      });
      expect(resumed.body.result).toBe('succeeded');
      expect(
        cluster.get('Kustomization', 'flux-system', 'user-service')!.spec
          .suspend,
      ).toBe(false);
      await flux.refresh();
      status = (await flux.get(`${USER_SERVICE}/status`)).body;
      expect(env(status, 'prod').suspended).toBe(false);
      expect(status.actions.map(a => [a.action, a.result])).toEqual([
        ['resume', 'succeeded'],
        ['reconcile', 'failed'],
        ['suspend', 'succeeded'],
      ]);
    });

    it('refuses a caller who does not own the entity with 403 naming the owners, and records it', async () => {
      const authorize = jest.fn<
        ReturnType<PermissionsService['authorize']>,
        Parameters<PermissionsService['authorize']>
      >(async (requests, { credentials }) =>
        requests.map(() => ({
          result:
            (credentials.principal as { userEntityRef?: string })
              .userEntityRef === 'user:default/mallory'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      flux = await startFluxTestBackend({
        permissions: {
          authorize,
          authorizeConditional: jest.fn(),
        } as unknown as PermissionsService,
      });
      const response = await flux.post(
        `${USER_SERVICE}/actions`,
        reconcileUserService,
        'user:default/mallory',
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'Only the owners of component:default/user-service (group:default/identity-team) may reconcile its Flux objects; user:default/mallory is not one of them',
      );
      expect(authorize.mock.calls[0][0]).toEqual([
        {
          permission: expect.objectContaining({
            name: 'flux.resource.reconcile',
          }),
          resourceRef: 'component:default/user-service',
        },
      ]);
      const object = flux.double
        .cluster('ecommerce-dev-cluster')
        .get('Kustomization', 'flux-system', 'user-service')!;
      expect(
        object.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'],
      ).toBeUndefined();

      const suspend = await flux.post(
        `${USER_SERVICE}/actions`,
        { ...reconcileUserService, action: 'suspend' },
        'user:default/mallory',
      );
      expect(suspend.status).toBe(403);
      expect(authorize.mock.calls[1][0][0].permission.name).toBe(
        'flux.resource.suspend',
      );

      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(status.actions.map(a => [a.action, a.result, a.actor])).toEqual([
        ['suspend', 'denied', 'user:default/mallory'],
        ['reconcile', 'denied', 'user:default/mallory'],
      ]);
      expect(status.actions[1].message).toBe(response.body.error.message);
    });

    it("refuses objects that are not the entity's and malformed requests", async () => {
      flux = await startFluxTestBackend();
      const post = (body: object) =>
        flux!.post(`${USER_SERVICE}/actions`, {
          ...reconcileUserService,
          ...body,
        });

      const foreign = await post({ name: 'cart-service' });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.message).toBe(
        "Kustomization flux-system/cart-service on cluster ecommerce-dev-cluster is not one of component:default/user-service's objects: its labels do not match backstage.io/kubernetes-id=user-service",
      );
      const missing = await post({ name: 'no-such-app' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        'Kustomization flux-system/no-such-app does not exist on cluster ecommerce-dev-cluster',
      );
      const unknownCluster = await post({ cluster: 'ecommerce-qa-cluster' });
      expect(unknownCluster.status).toBe(400);
      expect(unknownCluster.body.error.message).toMatch(
        /^Unknown cluster 'ecommerce-qa-cluster'/,
      );
      const badKind = await post({ kind: 'Pod' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.error.message).toMatch(
        /^Invalid Flux action request/,
      );
      const badAction = await post({ action: 'delete' });
      expect(badAction.status).toBe(400);
      for (const body of [
        { namespace: '..' },
        { name: '../kustomizations/cart-service' },
        { name: 'x'.repeat(300) },
      ]) {
        const refused = await post(body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toMatch(
          /^Invalid Flux action request: [\s\S]*at (namespace|name)/,
        );
      }

      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(status.actions).toEqual([]);
      expect(
        flux.double
          .cluster('ecommerce-dev-cluster')
          .get('Kustomization', 'flux-system', 'cart-service')!.metadata
          .annotations?.['reconcile.fluxcd.io/requestedAt'],
      ).toBeUndefined();
    });
  });

  describe('who may act on which objects', () => {
    /** An entity anyone may register, claiming objects by an annotation. */
    const claimant = (
      ref: { kind: string; namespace: string; name: string },
      annotations: Record<string, string>,
    ) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: ref.kind,
      metadata: { name: ref.name, namespace: ref.namespace, annotations },
      spec: { type: 'service', owner: 'mallory', lifecycle: 'experimental' },
    });
    const suspendUserService = {
      cluster: 'ecommerce-prod-cluster',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'user-service',
      action: 'suspend',
    };

    it("refuses to act for an entity that claims another service's id, and for the service while it is claimed twice", async () => {
      flux = await startFluxTestBackend({
        entities: [
          ...platformComponents(),
          claimant(
            { kind: 'Component', namespace: 'sandbox', name: 'user-service' },
            {},
          ),
          claimant(
            { kind: 'Resource', namespace: 'default', name: 'not-mine' },
            { 'backstage.io/kubernetes-id': 'user-service' },
          ),
        ],
      });
      const kustomization = () =>
        flux!.double
          .cluster('ecommerce-prod-cluster')
          .get('Kustomization', 'flux-system', 'user-service')!;

      // Same name in another namespace, no annotation: it names no objects.
      const sameName = await flux.post(
        '/entity/sandbox/component/user-service/actions',
        suspendUserService,
      );
      expect(sameName.status).toBe(400);
      expect(sameName.body.error.message).toBe(
        'component:sandbox/user-service has neither a backstage.io/kubernetes-id nor a backstage.io/kubernetes-label-selector annotation; the portal acts only for entities that name their objects',
      );
      // Another team's id in its annotation.
      const impostor = await flux.post(
        '/entity/default/resource/not-mine/actions',
        suspendUserService,
      );
      expect(impostor.status).toBe(409);
      expect(impostor.body.error.message).toBe(
        'backstage.io/kubernetes-id=user-service is claimed by resource:default/not-mine and by component:default/user-service in the catalog; Flux actions on its objects are refused until only one entity claims it',
      );
      const owner = await flux.post(
        `${USER_SERVICE}/actions`,
        suspendUserService,
      );
      expect(owner.status).toBe(409);
      expect(owner.body.error.message).toBe(
        'backstage.io/kubernetes-id=user-service is claimed by component:default/user-service and by resource:default/not-mine in the catalog; Flux actions on its objects are refused until only one entity claims it',
      );
      expect(kustomization().spec.suspend).not.toBe(true);
      // Each refusal is in the audit of the entity that asked.
      const status: FluxEntityStatus = (
        await flux.get(`${USER_SERVICE}/status`)
      ).body;
      expect(status.actions.map(a => a.result)).toEqual(['denied']);
    });

    it('gives a broad label selector no right to act on objects of another id', async () => {
      flux = await startFluxTestBackend({
        entities: [
          ...platformComponents(),
          claimant(
            { kind: 'Component', namespace: 'default', name: 'everything' },
            { 'backstage.io/kubernetes-label-selector': '!nope' },
          ),
        ],
      });
      const refused = await flux.post(
        '/entity/default/component/everything/actions',
        suspendUserService,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        "Kustomization flux-system/user-service on cluster ecommerce-prod-cluster is not labelled backstage.io/kubernetes-id=everything; the portal acts only on objects the GitOps repository labels with the entity's kubernetes-id",
      );
      expect(
        flux.double
          .cluster('ecommerce-prod-cluster')
          .get('Kustomization', 'flux-system', 'user-service')!.spec.suspend,
      ).not.toBe(true);
    });
  });

  describe('the actions audit', () => {
    it.each(databases.eachSupportedId())(
      'is stored in the database and listed newest first, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        flux = await startFluxTestBackend({
          knex,
          clusters: { staging: { controller: { reconcileDelayMs: 10 } } },
          flux: { reconcileTimeoutSeconds: 2 },
        });
        const target = {
          cluster: 'ecommerce-staging-cluster',
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'user-service',
        };
        const path = `${USER_SERVICE}/actions`;
        for (const [action, user] of [
          ['suspend', 'user:default/amelia'],
          ['resume', 'user:default/bruno'],
          ['reconcile', 'user:default/chen'],
        ]) {
          const response = await flux.post(path, { ...target, action }, user);
          expect(response.body.result).toBe('succeeded');
        }

        const status: FluxEntityStatus = (
          await flux.get(`${USER_SERVICE}/status`)
        ).body;
        expect(
          status.actions.map(a => [a.action, a.actor, a.environment]),
        ).toEqual([
          ['reconcile', 'user:default/chen', 'staging'],
          ['resume', 'user:default/bruno', 'staging'],
          ['suspend', 'user:default/amelia', 'staging'],
        ]);
        const rows = await knex('flux_actions').orderBy('seq');
        expect(rows.map(r => [r.action, r.result, r.entity_ref])).toEqual([
          ['suspend', 'succeeded', 'component:default/user-service'],
          ['resume', 'succeeded', 'component:default/user-service'],
          ['reconcile', 'succeeded', 'component:default/user-service'],
        ]);
      },
    );
  });
});
