import {
  checkPromqlSyntax,
  createPrometheusPromqlValidator,
  substitutePlaceholders,
} from './promql';

describe('checkPromqlSyntax', () => {
  it.each([
    'up',
    'sum(rate(http_requests_total{service="order-service",status=~"5.."}[5m])) / sum(rate(http_requests_total{service="order-service"}[5m]))',
    'histogram_quantile(0.95,\n  sum by (le) (rate(http_request_duration_seconds_bucket{service="x"}[5m]))\n)',
    'time() - process_start_time_seconds',
    'min(up{namespace="a)b"})',
    'rate(x[5m:1m]) # a comment with ( unbalanced',
  ])('accepts %s', expression => {
    expect(checkPromqlSyntax(expression)).toBeUndefined();
  });

  it.each([
    ['', 'the expression is empty'],
    ['sum(rate(x[5m])', "'(' at column 4 is never closed"],
    ['rate(x[5m)]', "'[' at column 7 is closed by ')' at column 10"],
    ['up{job="a}', 'unterminated string starting at column 8'],
    ['sum(x))', "unexpected ')' at column 7"],
    ['up >', 'the expression ends with an operator'],
    ['sum(x) by', 'the expression ends with an operator'],
    ['rate(x[])', "empty '[]' at column 7"],
    ['() + 1', "empty '()' at column 1"],
  ])('rejects %p: %s', (expression, problem) => {
    expect(checkPromqlSyntax(expression)).toBe(problem);
  });
});

describe('substitutePlaceholders', () => {
  it('replaces $service, $environment and $version, not longer words', () => {
    expect(
      substitutePlaceholders(
        'up{namespace="$service",env="$environment",v="$version",x="$services"}',
        { service: 'cart', environment: 'prod', version: 'v1.2.3' },
      ),
    ).toBe('up{namespace="cart",env="prod",v="v1.2.3",x="$services"}');
  });
});

describe('createPrometheusPromqlValidator', () => {
  it('falls back to the syntax check when Prometheus cannot be reached', async () => {
    const unreachable: Error[] = [];
    const validator = createPrometheusPromqlValidator({
      // A port nothing listens on: the connection is refused at once.
      baseUrl: 'http://127.0.0.1:9',
      onUnreachable: error => unreachable.push(error),
    });
    expect(await validator.validate('sum(up')).toBe(
      "'(' at column 4 is never closed",
    );
    expect(await validator.validate('sum(up)')).toBeUndefined();
    expect(unreachable).toHaveLength(2);
  });
});
