import {
  MetricsEndpoint,
  startMetricsEndpoint,
  startPrometheus,
  TestPrometheus,
} from '@goldenpath/test-harness';
import type { ChecklistProviderSpec } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from '../DefinitionLoader/parseDefinition';
import {
  createPrometheusPromqlValidator,
  createSyntaxPromqlValidator,
} from '../DefinitionLoader/promql';
import { createChecklistProviders } from './createChecklistProviders';
import {
  createPrometheusProvider,
  PrometheusTarget,
} from './prometheusProvider';
import { providerContext } from './testContext';

jest.setTimeout(90_000);

type PrometheusSpec = Extract<ChecklistProviderSpec, { type: 'prometheus' }>;

/**
 * The default checklist's Prometheus items, run against a real Prometheus
 * scraping a loopback endpoint that serves two services: order-service
 * healthy (1 % errors, 200 ms), cart-service not (50 % errors, 3 s).
 */
describe('prometheus provider, against a real Prometheus', () => {
  let metrics: MetricsEndpoint;
  let prometheus: TestPrometheus;
  let traffic: NodeJS.Timeout;
  let specs: Map<string, PrometheusSpec>;

  const serve = () => {
    metrics.inc(
      'http_requests_total',
      { service: 'order-service', status: '200' },
      99,
    );
    metrics.inc(
      'http_requests_total',
      { service: 'order-service', status: '500' },
      1,
    );
    metrics.observe(
      'http_request_duration_seconds',
      { service: 'order-service' },
      0.2,
      100,
    );
    metrics.inc(
      'http_requests_total',
      { service: 'cart-service', status: '200' },
      50,
    );
    metrics.inc(
      'http_requests_total',
      { service: 'cart-service', status: '503' },
      50,
    );
    metrics.observe(
      'http_request_duration_seconds',
      { service: 'cart-service' },
      3,
      100,
    );
  };

  beforeAll(async () => {
    const definition = await parseDefinition(
      await fs.readFile(
        path.resolve(__dirname, '../../../checklists/default.yaml'),
        'utf8',
      ),
      'checklists/default.yaml',
      createSyntaxPromqlValidator(),
    );
    specs = new Map(
      definition.items.flatMap(item =>
        item.provider?.type === 'prometheus'
          ? [[item.id, item.provider] as const]
          : [],
      ),
    );
    metrics = await startMetricsEndpoint();
    serve();
    traffic = setInterval(serve, 500);
    prometheus = await startPrometheus({ scrapeTargets: [metrics.target] });
    // rate() needs two scrapes of both services.
    await prometheus.waitForSeries(
      'count(rate(http_requests_total{status="200"}[5m]) > 0) == 2',
      30_000,
    );
  });

  afterAll(async () => {
    clearInterval(traffic);
    await prometheus?.stop();
    await metrics?.close();
  });

  const check = (
    id: string,
    service: string,
    target: PrometheusTarget = { baseUrl: prometheus.baseUrl },
  ) =>
    createChecklistProviders({
      timeoutMs: 5000,
      providers: { prometheus: createPrometheusProvider(target) },
    }).check(
      specs.get(id)!,
      providerContext({
        entityRef: `component:default/${service}`,
        service,
      }),
    );

  it('passes the error rate under 5 % and fails it above', async () => {
    const healthy = await check('check-error-rates', 'order-service');
    expect(healthy.status).toBe('passed');
    expect(healthy.evidence.value).toBeCloseTo(0.01, 3);
    expect(healthy.evidence.query).toContain(
      'sum(rate(http_requests_total{service="order-service",status=~"5.."}[5m]))',
    );
    expect(healthy.evidence.link).toBe(
      `${prometheus.baseUrl}/graph?g0.expr=${encodeURIComponent(
        healthy.evidence.query!,
      )}&g0.tab=1`,
    );
    expect(healthy.evidence.checkedAt).toEqual(expect.any(String));

    const failing = await check('check-error-rates', 'cart-service');
    expect(failing.status).toBe('failed');
    expect(failing.evidence.value).toBeCloseTo(0.5, 2);
    expect(failing.evidence.error).toMatch(/^0\.5\d* is not < 0\.05$/);
  });

  it('passes the p95 latency under 1 s and fails it above', async () => {
    const healthy = await check('monitor-response-times', 'order-service');
    expect(healthy.status).toBe('passed');
    expect(healthy.evidence.value).toBeLessThan(0.25);

    const failing = await check('monitor-response-times', 'cart-service');
    expect(failing.status).toBe('failed');
    expect(failing.evidence.value).toBeGreaterThan(2.5);
  });

  it('is unknown when there is no data for the service', async () => {
    const outcome = await check('check-error-rates', 'search-service');
    expect(outcome).toMatchObject({
      status: 'unknown',
      evidence: { error: 'no data: the query returned no series' },
    });
  });

  it('is unknown, never passed, when Prometheus cannot be reached', async () => {
    const outcome = await check('check-error-rates', 'order-service', {
      baseUrl: 'http://127.0.0.1:9',
    });
    expect(outcome.status).toBe('unknown');
    expect(outcome.evidence.error).toEqual(expect.any(String));
  });

  it('is unknown when no Prometheus is configured', async () => {
    const outcome = await check('check-error-rates', 'order-service', {
      baseUrl: '',
    });
    expect(outcome).toMatchObject({
      status: 'unknown',
      evidence: {
        error:
          'no Prometheus is configured (deploymentChecklist.prometheus.baseUrl)',
      },
    });
  });

  it('queries the Prometheus of the item’s environment', async () => {
    const outcome = await check('check-error-rates', 'order-service', {
      baseUrl: 'http://127.0.0.1:9',
      environments: { prod: prometheus.baseUrl },
    });
    expect(outcome.status).toBe('passed');
  });

  it('has Prometheus parse definitions’ PromQL', async () => {
    const validator = createPrometheusPromqlValidator({
      baseUrl: prometheus.baseUrl,
      onUnreachable: error => {
        throw error;
      },
    });
    expect(
      await validator.validate(specs.get('check-error-rates')!.query),
    ).toBe(undefined);
    expect(
      await validator.validate(
        'sum(rate(http_requests_total{service="$service"}[5m))',
      ),
    ).toMatch(/parse error/);
  });
});
