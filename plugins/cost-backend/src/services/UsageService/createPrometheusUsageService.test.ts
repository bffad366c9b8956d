import {
  mockServices,
  registerMswTestHooks,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  MetricsEndpoint,
  startMetricsEndpoint,
  startPrometheus,
  TestPrometheus,
} from '@goldenpath/test-harness';
import { ServiceCost } from '@goldenpath/backstage-plugin-cost-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { startCostBackend } from '../../__testUtils__/backend';
import {
  createPrometheusUsageService,
  readPrometheusSettings,
} from './createPrometheusUsageService';

jest.setTimeout(90_000);

const MIB = 2 ** 20;
const GIB = 2 ** 30;
const PROD = {
  cluster: 'ecommerce-prod-cluster',
  namespace: 'user-service',
  container: 'user-service',
};

/** The platform design's example: about 350m CPU and 750Mi on average. */
const PODS = [
  { pod: 'user-service-7d9f-a', cores: 0.3, memory: 700 * MIB },
  { pod: 'user-service-7d9f-b', cores: 0.4, memory: 800 * MIB },
];

describe('usage from a real Prometheus', () => {
  let metrics: MetricsEndpoint;
  let prometheus: TestPrometheus;
  let ticker: NodeJS.Timeout;
  let server: Awaited<ReturnType<typeof startCostBackend>>['server'];

  beforeAll(async () => {
    metrics = await startMetricsEndpoint();
    // CPU seconds grow with wall-clock time at each pod's rate.
    let last = Date.now();
    const tick = () => {
      const now = Date.now();
      for (const p of PODS) {
        metrics.inc(
          'container_cpu_usage_seconds_total',
          { ...PROD, pod: p.pod },
          (p.cores * (now - last)) / 1000,
        );
      }
      last = now;
    };
    tick();
    ticker = setInterval(tick, 100);
    for (const p of PODS) {
      metrics.set(
        'container_memory_working_set_bytes',
        { ...PROD, pod: p.pod },
        p.memory,
      );
    }
    prometheus = await startPrometheus({ scrapeTargets: [metrics.target] });
    // rate() underestimates until its interval is full of samples: wait
    // until the usage window (5s) only sees full 3s rate intervals.
    await prometheus.waitForSeries(
      'count(count_over_time(container_cpu_usage_seconds_total[1m]) >= 10) == 2',
      45_000,
    );
    ({ server } = await startCostBackend({
      cost: {
        prometheus: {
          baseUrl: prometheus.baseUrl,
          externalUrl: 'https://prometheus.example.com',
          window: '5s',
          step: '1s',
          rateInterval: '3s',
        },
      },
    }));
  });

  afterAll(async () => {
    clearInterval(ticker);
    await prometheus?.stop();
    await metrics?.close();
  });

  it('reads each statistic per environment through the service', async () => {
    const cache = await ServiceFactoryTester.from(
      mockServices.cache.factory(),
    ).getSubject('cost');
    const settings = readPrometheusSettings(
      new ConfigReader({
        cost: {
          prometheus: {
            baseUrl: prometheus.baseUrl,
            window: '5s',
            step: '1s',
            rateInterval: '3s',
          },
        },
      }),
    )!;
    const usage = createPrometheusUsageService({
      settings,
      cache,
      logger: mockServices.logger.mock(),
    });
    const result = await usage.containerUsage({
      service: 'user-service',
      container: 'user-service',
      environments: ['dev', 'prod'],
    });
    const prod = result.get('prod')!;
    if (!('usage' in prod)) throw new Error(prod.reason);
    // Memory is a constant gauge per pod: exact. CPU is a rate: close.
    expect(prod.usage.memoryAverage).toBe(750 * MIB);
    expect(prod.usage.memoryP90).toBe(800 * MIB);
    expect(prod.usage.memoryMax).toBe(800 * MIB);
    expect(prod.usage.cpuAverage).toBeGreaterThan(0.3);
    expect(prod.usage.cpuAverage).toBeLessThan(0.4);
    expect(prod.usage.cpuP95).toBeGreaterThan(0.36);
    expect(prod.usage.cpuP95).toBeLessThan(0.46);
    expect(prod.sources[0].url).toMatch(
      new RegExp(`^${prometheus.baseUrl}/graph\\?g0\\.expr=`),
    );
    expect(result.get('dev')).toEqual({
      reason:
        'no samples of container_cpu_usage_seconds_total or container_memory_working_set_bytes{cluster="ecommerce-dev-cluster",namespace="user-service",container="user-service"} in Prometheus over the last 5s',
    });
  });

  it('recommends by the chosen rule and prices the saving', async () => {
    const answer = async (rule: string) => {
      const response = await request(server).get(
        `/api/cost/services/user-service?rule=${rule}`,
      );
      expect(response.status).toBe(200);
      const cost: ServiceCost = response.body;
      return cost.environments.find(e => e.environment === 'prod')!;
    };

    const design = await answer('design');
    expect(design.recommendations).toHaveLength(1);
    const [recommendation] = design.recommendations!;
    expect(recommendation).toMatchObject({
      environment: 'prod',
      container: 'user-service',
      rule: 'design',
      current: {
        cpuRequest: 0.5,
        memoryRequest: GIB,
        cpuLimit: 2,
        memoryLimit: 2 * GIB,
      },
    });
    const recommended = recommendation.recommended;
    // average + 40 % CPU (≈ 350m × 1.4), 750Mi × 1.33 = 997.5Mi → 998Mi.
    expect(recommended.cpuRequest).toBeGreaterThan(0.42);
    expect(recommended.cpuRequest).toBeLessThan(0.56);
    expect(recommended.memoryRequest).toBe(998 * MIB);
    expect(recommended.cpuLimit).toBeCloseTo(4 * recommended.cpuRequest!, 6);
    expect(recommended.memoryLimit).toBe(2 * 998 * MIB);
    // 5 replicas × 730 h × the requests it frees, at $0.0208/vCPU-h and
    // $0.0052/GiB-h (prod's t3.large nodes).
    expect(recommendation.monthlySavingUsd).toBe(
      Math.round(
        5 *
          730 *
          ((0.5 - recommended.cpuRequest!) * 0.0208 +
            (1 - recommended.memoryRequest! / GIB) * 0.0052) *
          100,
      ) / 100,
    );
    expect(recommendation.sources).toContainEqual({
      label: 'CPU usage of user-service in prod (Prometheus)',
      url: expect.stringMatching(
        /^https:\/\/prometheus\.example\.com\/graph\?/,
      ),
    });

    const krr = (await answer('krr')).recommendations![0].recommended;
    // memory max + 15 %: 800Mi × 1.15 = 920Mi, as request and limit; no CPU limit.
    expect(krr).toMatchObject({
      memoryRequest: 920 * MIB,
      memoryLimit: 920 * MIB,
    });
    expect(krr.cpuLimit).toBeUndefined();

    const vpa = (await answer('vpa')).recommendations![0].recommended;
    // p90 + 15 % (920Mi); the 2:1 memory limit ratio stays.
    expect(vpa).toMatchObject({
      memoryRequest: 920 * MIB,
      memoryLimit: 1840 * MIB,
    });

    const dev = (
      await request(server).get('/api/cost/services/user-service')
    ).body.environments.find(
      (e: { environment: string }) => e.environment === 'dev',
    );
    expect(dev.recommendations).toBeUndefined();
    expect(dev.usageUnavailableReason).toMatch(/^no samples of /);
  });

  it('keeps answers in the cache, and says when Prometheus cannot be reached', async () => {
    const before = await request(server).get('/api/cost/services/user-service');
    await prometheus.stop();
    const after = await request(server).get('/api/cost/services/user-service');
    const prod = (body: ServiceCost) =>
      body.environments.find(e => e.environment === 'prod')!.recommendations;
    expect(prod(after.body)).toEqual(prod(before.body));

    const other = await request(server).get('/api/cost/services/order-service');
    expect(other.status).toBe(200);
    expect(
      (other.body as ServiceCost).environments[2].usageUnavailableReason,
    ).toMatch(
      /^Prometheus at http:\/\/127\.0\.0\.1:\d+ could not be reached: /,
    );
  });
});

describe('Prometheus errors', () => {
  const worker = setupServer();
  registerMswTestHooks(worker);

  it('gives the answer of a Prometheus that rejects a query as the reason', async () => {
    worker.use(
      http.post('http://prometheus.test/api/v1/query', () =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error: 'invalid parameter "query": 1:1: parse error',
          },
          { status: 400 },
        ),
      ),
    );
    const cache = await ServiceFactoryTester.from(
      mockServices.cache.factory(),
    ).getSubject('cost');
    const usage = createPrometheusUsageService({
      settings: readPrometheusSettings(
        new ConfigReader({
          cost: { prometheus: { baseUrl: 'http://prometheus.test/' } },
        }),
      )!,
      cache,
      logger: mockServices.logger.mock(),
    });
    const result = await usage.containerUsage({
      service: 'user-service',
      container: 'user-service',
      environments: ['prod'],
    });
    expect(result.get('prod')).toEqual({
      reason:
        'Prometheus at http://prometheus.test answered 400: invalid parameter "query": 1:1: parse error',
    });
  });

  it('asks once for views of one service at the same time, and keeps why it could not answer for a while', async () => {
    let queries = 0;
    worker.use(
      http.post('http://prometheus.test/api/v1/query', () => {
        queries++;
        return HttpResponse.json(
          { status: 'error', errorType: 'unavailable', error: 'overloaded' },
          { status: 503 },
        );
      }),
    );
    const newUsage = async () =>
      createPrometheusUsageService({
        settings: readPrometheusSettings(
          new ConfigReader({
            cost: { prometheus: { baseUrl: 'http://prometheus.test/' } },
          }),
        )!,
        cache: await ServiceFactoryTester.from(
          mockServices.cache.factory(),
        ).getSubject('cost'),
        logger: mockServices.logger.mock(),
      });
    const view = (usage: Awaited<ReturnType<typeof newUsage>>) =>
      usage.containerUsage({
        service: 'user-service',
        container: 'user-service',
        environments: ['prod'],
      });

    // What one view asks.
    await view(await newUsage());
    const perView = queries;
    queries = 0;

    const usage = await newUsage();
    const [first, second] = await Promise.all([view(usage), view(usage)]);
    const later = await view(usage);

    expect(perView).toBeGreaterThan(0);
    expect(first.get('prod')).toEqual({
      reason: expect.stringMatching(/answered 503: overloaded/),
    });
    expect(second.get('prod')).toEqual(first.get('prod'));
    expect(later.get('prod')).toEqual(first.get('prod'));
    // Three views, one view's queries.
    expect(queries).toBe(perView);
  });

  it('fails at start-up on settings it cannot use, naming the key', () => {
    const read = (prometheus: object) => () =>
      readPrometheusSettings(new ConfigReader({ cost: { prometheus } }));
    expect(read({})()).toBeUndefined();
    expect(read({ baseUrl: 'prometheus:9090' })).toThrow(
      "Invalid config at 'cost.prometheus.baseUrl'",
    );
    expect(read({ baseUrl: 'http://p:9090', window: 'a week' })).toThrow(
      "Invalid config at 'cost.prometheus.window': 'a week' is not a Prometheus duration",
    );
    expect(
      read({ baseUrl: 'http://p:9090', clusterLabel: 'k8s-cluster' }),
    ).toThrow("Invalid config at 'cost.prometheus.clusterLabel'");
    expect(
      read({ baseUrl: 'http://p:9090', clusters: { prod: 'eks-prod' } })()!
        .clusters,
    ).toEqual({
      dev: 'ecommerce-dev-cluster',
      staging: 'ecommerce-staging-cluster',
      prod: 'eks-prod',
    });
  });
});
