import { once } from 'node:events';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { prometheusGraphUrl, queryPrometheus } from './prometheus';

/** What the server saw of each request. */
interface Seen {
  method?: string;
  url?: string;
  contentType?: string;
  body: string;
}

describe('queryPrometheus', () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = http.createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      seen.push({
        method: request.method,
        url: request.url,
        contentType: request.headers['content-type'],
        body,
      });
      const query = new URLSearchParams(body).get('query');
      if (request.method !== 'POST' || request.url !== '/api/v1/query') {
        response.writeHead(405).end('expected POST /api/v1/query');
      } else if (query === 'up{job="api"} == 1') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'success',
            data: {
              resultType: 'vector',
              result: [{ metric: { job: 'api' }, value: [1700000000, '1'] }],
            },
          }),
        );
      } else if (query === 'scalar(1)') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'scalar', result: [1700000000, '1'] },
          }),
        );
      } else if (query === 'gateway') {
        response
          .writeHead(502, { 'content-type': 'text/html' })
          .end(`<html>${'Bad gateway '.repeat(40)}</html>`);
      } else if (query === 'unfinished') {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"error","error":"query timed out"}');
      } else if (query === 'slow') {
        const timer = setTimeout(() => response.writeHead(200).end('{}'), 2000);
        response.on('close', () => clearTimeout(timer));
      } else {
        response.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: `invalid parameter "query": 1:1: parse error: unexpected "${query}"`,
          }),
        );
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('POSTs the query as a form and returns the answer’s data', async () => {
    const data = await queryPrometheus(`${baseUrl}/`, 'up{job="api"} == 1');
    expect(data).toEqual({
      resultType: 'vector',
      result: [{ metric: { job: 'api' }, value: [1700000000, '1'] }],
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/v1/query',
        contentType: 'application/x-www-form-urlencoded',
        body: 'query=up%7Bjob%3D%22api%22%7D+%3D%3D+1',
      },
    ]);
    expect(await queryPrometheus(baseUrl, 'scalar(1)')).toEqual({
      resultType: 'scalar',
      result: [1700000000, '1'],
    });
  });

  it('sends queries longer than a URL may be', async () => {
    const long = `sum(${Array.from(
      { length: 2000 },
      (_, i) => `m${i}{service="user-service"}`,
    ).join(' + ')})`;
    await expect(queryPrometheus(baseUrl, long)).rejects.toThrow(
      `Prometheus at ${baseUrl} answered 400: invalid parameter "query"`,
    );
    expect(new URLSearchParams(seen[0].body).get('query')).toBe(long);
  });

  it('gives Prometheus’s error of a rejected query', async () => {
    await expect(queryPrometheus(baseUrl, 'sum(')).rejects.toThrow(
      new Error(
        `Prometheus at ${baseUrl} answered 400: invalid parameter "query": 1:1: parse error: unexpected "sum("`,
      ),
    );
  });

  it('gives the beginning of an answer that is not JSON', async () => {
    await expect(queryPrometheus(baseUrl, 'gateway')).rejects.toThrow(
      new Error(
        `Prometheus at ${baseUrl} answered 502: ${`<html>${'Bad gateway '.repeat(
          40,
        )}`.slice(0, 200)}`,
      ),
    );
  });

  it('says so when Prometheus answers 200 without success', async () => {
    await expect(queryPrometheus(baseUrl, 'unfinished')).rejects.toThrow(
      new Error(`Prometheus at ${baseUrl} answered 200: query timed out`),
    );
  });

  it('says which server could not be reached, and why', async () => {
    // A port that was just free: nothing listens on it.
    const free = http.createServer();
    free.listen(0, '127.0.0.1');
    await once(free, 'listening');
    const { port } = free.address() as AddressInfo;
    free.close();
    await once(free, 'close');
    await expect(
      queryPrometheus(`http://127.0.0.1:${port}`, 'up'),
    ).rejects.toThrow(
      new Error(
        `Prometheus at http://127.0.0.1:${port} could not be reached: fetch failed`,
      ),
    );
  });

  it('gives up after the timeout, or when the signal is aborted', async () => {
    await expect(
      queryPrometheus(baseUrl, 'slow', { timeoutMs: 100 }),
    ).rejects.toThrow(
      new RegExp(`^Prometheus at ${baseUrl} could not be reached: .*timeout`),
    );
    const controller = new AbortController();
    const pending = queryPrometheus(baseUrl, 'slow', {
      signal: controller.signal,
      timeoutMs: 5000,
    });
    controller.abort();
    await expect(pending).rejects.toThrow(
      `Prometheus at ${baseUrl} could not be reached: `,
    );
  });
});

describe('prometheusGraphUrl', () => {
  it('links to the table tab by default', () => {
    expect(
      prometheusGraphUrl('https://prometheus.example.com/', 'rate(x[5m]) > 1'),
    ).toBe(
      `https://prometheus.example.com/graph?g0.expr=${encodeURIComponent(
        'rate(x[5m]) > 1',
      )}&g0.tab=1`,
    );
  });

  it('links to the graph tab over a range', () => {
    const url = new URL(
      prometheusGraphUrl('http://prometheus:9090', 'sum by (pod) (x{a="b"})', {
        tab: 'graph',
        range: '7d',
      }),
    );
    expect(url.origin + url.pathname).toBe('http://prometheus:9090/graph');
    expect([...url.searchParams]).toEqual([
      ['g0.expr', 'sum by (pod) (x{a="b"})'],
      ['g0.tab', '0'],
      ['g0.range_input', '7d'],
    ]);
  });
});
