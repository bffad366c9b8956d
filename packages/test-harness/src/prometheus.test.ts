import {
  MetricsEndpoint,
  startMetricsEndpoint,
  startPrometheus,
  TestPrometheus,
} from './prometheus';

jest.setTimeout(60_000);

describe('startMetricsEndpoint', () => {
  let metrics: MetricsEndpoint;

  beforeEach(async () => {
    metrics = await startMetricsEndpoint();
  });

  afterEach(async () => {
    await metrics.close();
  });

  it('serves counters, gauges and histograms in the text format', async () => {
    metrics.inc('http_requests_total', { service: 'a', status: '200' }, 3);
    metrics.inc('http_requests_total', { service: 'a', status: '200' });
    metrics.set('up_gauge', {}, 1);
    metrics.observe('http_request_duration_seconds', { service: 'a' }, 0.3, 2);

    const response = await fetch(metrics.url);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('http_requests_total{service="a",status="200"} 4');
    expect(text).toContain('up_gauge{} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{service="a",le="0.25"} 0',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{service="a",le="0.5"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{service="a",le="+Inf"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{service="a"} 2',
    );
  });

  it('answers 503 while down', async () => {
    metrics.setDown(true);
    expect((await fetch(metrics.url)).status).toBe(503);
    metrics.setDown(false);
    expect((await fetch(metrics.url)).status).toBe(200);
  });

  it('refuses to change the type of a metric', () => {
    metrics.inc('x_total');
    expect(() => metrics.set('x_total', {}, 1)).toThrow(
      'metric x_total is a counter, not a gauge',
    );
  });
});

describe('startPrometheus', () => {
  let metrics: MetricsEndpoint;
  let prometheus: TestPrometheus | undefined;

  beforeAll(async () => {
    metrics = await startMetricsEndpoint();
  });

  afterAll(async () => {
    await prometheus?.stop();
    await metrics.close();
  });

  it('scrapes a loopback endpoint and evaluates rules', async () => {
    metrics.inc('http_requests_total', { service: 'shop', status: '500' }, 7);
    prometheus = await startPrometheus({
      scrapeTargets: [metrics.target],
      rules: [
        'groups:',
        '  - name: test',
        '    rules:',
        '      - record: shop:errors:total',
        '        expr: sum(http_requests_total{status=~"5.."})',
      ].join('\n'),
    });

    const samples = await prometheus.waitForSeries(
      'http_requests_total{service="shop"}',
    );
    expect(samples).toEqual([
      {
        metric: expect.objectContaining({
          __name__: 'http_requests_total',
          service: 'shop',
          status: '500',
          job: 'test',
        }),
        value: 7,
      },
    ]);

    const recorded = await prometheus.waitForSeries('shop:errors:total');
    expect(recorded[0].value).toBe(7);
  });

  it('reports a query Prometheus rejects', async () => {
    await expect(prometheus!.waitForSeries('sum(', 1000)).rejects.toThrow(
      "prometheus rejected 'sum('",
    );
  });

  it('times out when no series appears', async () => {
    await expect(
      prometheus!.waitForSeries('does_not_exist', 600),
    ).rejects.toThrow("no series for 'does_not_exist' after 600 ms");
  });

  it('fails to start with a broken rule file and says why', async () => {
    await expect(
      startPrometheus({
        rules: 'groups: [{name: x, rules: [{record: y, expr: "sum("}]}]',
      }),
    ).rejects.toThrow(/prometheus did not start/);
  });

  it('stops listening when stopped', async () => {
    const other = await startPrometheus();
    await other.stop();
    await expect(fetch(`${other.baseUrl}/-/ready`)).rejects.toThrow();
  });
});
