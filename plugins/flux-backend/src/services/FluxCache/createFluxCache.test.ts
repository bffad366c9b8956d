import type { JsonObject } from '@backstage/types';
import type {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  KubernetesDouble,
  platformFluxFixtures,
  startKubernetesDouble,
} from '@goldenpath/test-harness';
import { readFluxConfig } from '../../config/readFluxConfig';
import { ClusterCredentials } from '../../kubernetes/credentials';
import { createClusterClients } from '../../kubernetes/KubernetesClient';
import { createFluxCache } from './createFluxCache';
import type { FluxCache } from './types';

jest.setTimeout(30_000);

const CLUSTER = 'ecommerce-dev-cluster';

/** A scheduler that only records tasks; the test runs them. */
function recordingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = {
    scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
      tasks.set(task.id, task);
    },
    triggerTask: async () => {},
  } as unknown as SchedulerService;
  return { scheduler, tasks };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

describe('createFluxCache', () => {
  let double: KubernetesDouble;
  let cacheManager: CacheManager;

  beforeEach(async () => {
    double = await startKubernetesDouble({
      clusters: {
        [CLUSTER]: {
          objects: platformFluxFixtures({
            services: ['user-service', 'cart-service'],
            environments: ['dev'],
            tagFor: () => 'sha-1234567',
          })[CLUSTER],
        },
      },
    });
    cacheManager = CacheManager.fromConfig(mockServices.rootConfig());
  });

  afterEach(async () => {
    await double.close();
  });

  /** One backend replica: its own clients and scheduler, the shared cache. */
  async function replica(flux: JsonObject, watch = true) {
    if (!watch) {
      await double.close();
      double = await startKubernetesDouble({
        clusters: {
          [CLUSTER]: {
            watch: false,
            objects: platformFluxFixtures({
              services: ['user-service'],
              environments: ['dev'],
              tagFor: () => 'sha-1234567',
            })[CLUSTER],
          },
        },
      });
    }
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: CLUSTER,
                url: double.cluster(CLUSTER).url,
                authProvider: 'localKubectlProxy',
              },
            ],
          },
        ],
      },
      flux,
    });
    const settings = readFluxConfig(config);
    const logger = mockServices.logger.mock();
    const { scheduler, tasks } = recordingScheduler();
    const store = cacheManager.forPlugin('flux');
    const cache: FluxCache = createFluxCache({
      settings,
      cache: store,
      scheduler,
      logger,
      clients: createClusterClients(settings.clusters, {
        credentials: new ClusterCredentials({ config, logger }),
        requestTimeoutMs: settings.requestTimeoutMs,
      }),
    });
    await cache.start();
    return {
      cache,
      store,
      logger,
      run: (signal = new AbortController().signal) =>
        tasks.get(`flux-refresh-${CLUSTER}`)!.fn(signal) as Promise<void>,
    };
  }

  const kustomization = async (cache: FluxCache, name: string) =>
    (await cache.snapshots())[0].objects.find(
      o => o.status.kind === 'Kustomization' && o.status.name === name,
    );

  it('lets a replica that does not refresh answer from what another stored', async () => {
    const refreshing = await replica({ watchSeconds: 0 });
    const reading = await replica({ watchSeconds: 0 });
    await refreshing.run();
    double.resetRequests();

    const [snapshot] = await reading.cache.snapshots();
    expect(snapshot.error).toBeUndefined();
    expect(
      snapshot.objects
        .filter(o => o.labels['backstage.io/kubernetes-id'])
        .map(o => o.status.name),
    ).toEqual(['cart-service', 'user-service']);
    expect(snapshot.workloads).toHaveLength(2);
    expect(snapshot.controllers).toHaveLength(6);
    expect(double.countRequests()).toBe(0);
  });

  it('keeps the cache current through watches between lists', async () => {
    const refreshing = await replica({
      watchSeconds: 2,
      refreshIntervalSeconds: 0.5,
    });
    const reading = await replica({
      watchSeconds: 2,
      refreshIntervalSeconds: 0.5,
    });
    const stop = new AbortController();
    const started = Date.now();
    const running = refreshing.run(stop.signal);
    await waitFor(
      async () =>
        (await kustomization(reading.cache, 'user-service')) !== undefined,
    );
    await waitFor(async () => double.countRequests({ watch: true }) > 0);
    double.resetRequests();

    const cluster = double.cluster(CLUSTER);
    cluster.patch('Kustomization', 'flux-system', 'user-service', {
      spec: { suspend: true },
    });
    cluster.delete('Kustomization', 'flux-system', 'cart-service');
    await waitFor(
      async () =>
        (
          await kustomization(reading.cache, 'user-service')
        )?.status.suspended === true,
    );
    await waitFor(
      async () =>
        (await kustomization(reading.cache, 'cart-service')) === undefined,
    );
    // The changes came through the watches: nothing was listed again.
    expect(double.countRequests({ watch: false })).toBe(0);

    // Fresh while the watch is healthy.
    const before = (await reading.cache.snapshots())[0].refreshedAt!;
    await new Promise(resolve => setTimeout(resolve, 700));
    expect(
      Date.parse((await reading.cache.snapshots())[0].refreshedAt!),
    ).toBeGreaterThan(Date.parse(before));

    // The watch window ends the run; the next run lists again.
    await running;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(stop.signal.aborted).toBe(false);
  });

  it('writes only what a watch event changed in the cache', async () => {
    const refreshing = await replica({
      watchSeconds: 2,
      refreshIntervalSeconds: 60,
    });
    const stop = new AbortController();
    const running = refreshing.run(stop.signal);
    await waitFor(async () => double.countRequests({ watch: true }) > 0);
    const writes = jest.spyOn(refreshing.store, 'set');
    const cluster = double.cluster(CLUSTER);

    // An annotation is not shown anywhere: nothing is written.
    cluster.patch('Kustomization', 'flux-system', 'user-service', {
      metadata: { annotations: { note: 'touched' } },
    });
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(writes).not.toHaveBeenCalled();

    // Suspending it is shown: its part and the meta are written. Events of
    // one watch arrive in order, so the annotation's came first and wrote
    // nothing.
    cluster.patch('Kustomization', 'flux-system', 'user-service', {
      spec: { suspend: true },
    });
    await waitFor(
      async () =>
        (
          await kustomization(refreshing.cache, 'user-service')
        )?.status.suspended === true,
    );
    expect(
      writes.mock.calls.map(([key]) => key.split(`:${CLUSTER}:`)[1]),
    ).toEqual(['part:Kustomization', 'meta']);
    stop.abort();
    await running;
  });

  it('keeps a quiet cluster fresh across refreshes that resume their watches', async () => {
    const refreshing = await replica({
      watchSeconds: 1,
      refreshIntervalSeconds: 60,
    });
    await refreshing.run();
    const listed = (await refreshing.cache.snapshots())[0].refreshedAt!;
    await new Promise(resolve => setTimeout(resolve, 20));
    double.resetRequests();

    // Nothing changes in the cluster; the run resumes its watches.
    await refreshing.run();
    expect(double.countRequests({ watch: false })).toBe(0);
    expect(
      Date.parse((await refreshing.cache.snapshots())[0].refreshedAt!),
    ).toBeGreaterThan(Date.parse(listed));
  });

  it('reads the cluster again when a stored part is not what the meta names', async () => {
    const refreshing = await replica({ watchSeconds: 0 });
    const reading = await replica({ watchSeconds: 0 });
    await refreshing.run();
    expect(
      (await kustomization(reading.cache, 'user-service'))?.status.suspended,
    ).toBe(false);

    // An older copy of the part, e.g. written late by another replica.
    double
      .cluster(CLUSTER)
      .patch('Kustomization', 'flux-system', 'user-service', {
        spec: { suspend: true },
      });
    await refreshing.store.set(`flux-status:v1:${CLUSTER}:part:Kustomization`, {
      hash: 'older',
      items: [],
    });
    const fresh = await replica({ watchSeconds: 0 });
    double.resetRequests();

    expect(
      (await kustomization(fresh.cache, 'user-service'))?.status.suspended,
    ).toBe(true);
    expect(double.countRequests({ watch: false })).toBeGreaterThan(0);
  });

  it('resumes the watches of the previous refresh instead of listing again', async () => {
    const refreshing = await replica({
      watchSeconds: 1,
      refreshIntervalSeconds: 1,
    });
    await refreshing.run();
    const cluster = double.cluster(CLUSTER);
    // Changed between two refreshes.
    cluster.patch('Kustomization', 'flux-system', 'cart-service', {
      spec: { suspend: true },
    });
    double.resetRequests();

    await refreshing.run();
    expect(
      (await kustomization(refreshing.cache, 'cart-service'))?.status.suspended,
    ).toBe(true);
    expect(double.countRequests({ watch: false })).toBe(0);
    expect(double.countRequests({ watch: true })).toBeGreaterThan(0);

    // A watch whose resourceVersion expired lists again on the next refresh.
    for (let i = 0; i < 6000; i++) {
      cluster.patch('Kustomization', 'flux-system', 'flux-system', {
        metadata: { annotations: { i: String(i) } },
      });
    }
    await refreshing.run();
    double.resetRequests();
    await refreshing.run();
    expect(
      double.countRequests({
        path: '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
        watch: false,
      }),
    ).toBe(1);
  });

  it('lists on every refresh where the cluster refuses watches', async () => {
    const refreshing = await replica({ watchSeconds: 60 }, false);
    const started = Date.now();
    await refreshing.run();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(refreshing.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('refuses watches'),
    );
    await new Promise(resolve => setTimeout(resolve, 200));
    const watchesTried = double.countRequests({ watch: true });
    expect(watchesTried).toBeGreaterThan(0);

    double
      .cluster(CLUSTER)
      .patch('Kustomization', 'flux-system', 'user-service', {
        spec: { suspend: true },
      });
    await refreshing.run();
    expect(
      (await kustomization(refreshing.cache, 'user-service'))?.status.suspended,
    ).toBe(true);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(double.countRequests({ watch: true })).toBe(watchesTried);
  });

  it('stops watching when the task is cancelled', async () => {
    const refreshing = await replica({ watchSeconds: 60 });
    const stop = new AbortController();
    const running = refreshing.run(stop.signal);
    await waitFor(async () => double.countRequests({ watch: true }) > 0);
    const cancelledAt = Date.now();
    stop.abort();
    await running;
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
  });
});
