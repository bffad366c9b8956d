import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';

/** Options of {@link startPrometheus}. */
export interface StartPrometheusOptions {
  /** `host:port` of loopback endpoints to scrape (job `test`, path /metrics). */
  scrapeTargets?: string[];
  /** Scrape and rule evaluation interval; 1 second unless told. */
  scrapeIntervalSeconds?: number;
  /** A Prometheus rule file (YAML text), loaded as-is. */
  rules?: string;
  /** How long to wait for /-/ready; 30 seconds unless told. */
  startTimeoutMs?: number;
}

/** One series of an instant query answer. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

/** A Prometheus server started for one test. */
export interface TestPrometheus {
  /** e.g. `http://127.0.0.1:41234` */
  baseUrl: string;
  /** Resolves with the samples of `query` once it returns at least one. */
  waitForSeries(query: string, timeoutMs?: number): Promise<PrometheusSample[]>;
  /** Stops the server and removes its configuration and storage. */
  stop(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
    } else {
      child.once('exit', () => resolve());
    }
  });
}

/**
 * Starts the real `prometheus` binary from PATH on a free loopback port, with
 * its configuration and storage in a temporary directory, and waits until it
 * is ready. Always call `stop()` (e.g. in `afterAll`).
 */
export async function startPrometheus(
  options: StartPrometheusOptions = {},
): Promise<TestPrometheus> {
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'test-prometheus-'));
  const config: Record<string, unknown> = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: [
      {
        job_name: 'test',
        scrape_interval: interval,
        scrape_timeout: interval,
        static_configs: [{ targets: options.scrapeTargets ?? [] }],
      },
    ],
  };
  if (options.rules) {
    await fs.writeFile(path.join(dir, 'rules.yaml'), options.rules);
    config.rule_files = [path.join(dir, 'rules.yaml')];
  }
  await fs.writeFile(path.join(dir, 'prometheus.yml'), yaml.stringify(config));

  const port = await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  let spawnError: Error | undefined;
  child.once('error', error => {
    spawnError = error;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killTimer);
    }
    await fs.rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      await stop();
      throw new Error(
        `prometheus did not start (${
          spawnError?.message ?? `exit code ${child.exitCode}`
        }): ${stderr}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus at ${baseUrl} was not ready: ${stderr}`);
    }
    await sleep(100);
  }

  const waitForSeries = async (query: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const response = await fetch(
        `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
      );
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: {
          resultType: string;
          result: Array<{ metric: Record<string, string>; value: unknown[] }>;
        };
      };
      if (body.status !== 'success') {
        throw new Error(`prometheus rejected '${query}': ${body.error}`);
      }
      const result = body.data?.result ?? [];
      if (body.data?.resultType === 'vector' && result.length > 0) {
        return result.map(r => ({
          metric: r.metric,
          value: Number(r.value[1]),
        }));
      }
      last = JSON.stringify(body.data);
      if (Date.now() > until) {
        throw new Error(
          `no series for '${query}' after ${timeoutMs} ms (last answer ${last})`,
        );
      }
      await sleep(250);
    }
  };

  return { baseUrl, waitForSeries, stop };
}

/** Labels of one series. */
export type MetricLabels = Record<string, string>;

/** Default histogram buckets (seconds), as the Prometheus client libraries use. */
export const DEFAULT_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** A loopback /metrics endpoint whose values the test sets. */
export interface MetricsEndpoint {
  /** `127.0.0.1:<port>`, a scrape target for {@link startPrometheus}. */
  target: string;
  /** Full URL of the metrics page. */
  url: string;
  /** Adds to a counter (created at 0). */
  inc(name: string, labels?: MetricLabels, by?: number): void;
  /** Sets a gauge. */
  set(name: string, labels: MetricLabels, value: number): void;
  /**
   * Records `count` observations of `seconds` in a histogram
   * (`<name>_bucket`, `_sum`, `_count`).
   */
  observe(
    name: string,
    labels: MetricLabels,
    seconds: number,
    count?: number,
  ): void;
  /** The page as Prometheus scrapes it (text exposition format 0.0.4). */
  render(): string;
  /** Makes the endpoint answer 503 (true) or serve metrics again (false). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

function seriesKey(labels: MetricLabels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  return String(value);
}

/**
 * Starts a loopback HTTP server serving Prometheus metrics whose values the
 * test controls: counters, gauges and histograms.
 */
export async function startMetricsEndpoint(): Promise<MetricsEndpoint> {
  const types = new Map<string, 'counter' | 'gauge' | 'histogram'>();
  // metric name -> series key -> value (histograms keep bucket counts)
  const values = new Map<string, Map<string, number>>();
  const histograms = new Map<
    string,
    Map<string, { buckets: number[]; sum: number; count: number }>
  >();
  let down = false;

  const declare = (name: string, type: 'counter' | 'gauge' | 'histogram') => {
    const known = types.get(name);
    if (known && known !== type) {
      throw new Error(`metric ${name} is a ${known}, not a ${type}`);
    }
    types.set(name, type);
  };

  const endpoint: Omit<MetricsEndpoint, 'target' | 'url' | 'close'> = {
    inc(name, labels = {}, by = 1) {
      declare(name, 'counter');
      const series = values.get(name) ?? new Map();
      values.set(name, series);
      const key = seriesKey(labels);
      series.set(key, (series.get(key) ?? 0) + by);
    },
    set(name, labels, value) {
      declare(name, 'gauge');
      const series = values.get(name) ?? new Map();
      values.set(name, series);
      series.set(seriesKey(labels), value);
    },
    observe(name, labels, seconds, count = 1) {
      declare(name, 'histogram');
      const series = histograms.get(name) ?? new Map();
      histograms.set(name, series);
      const key = seriesKey(labels);
      const h = series.get(key) ?? {
        buckets: DEFAULT_BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
      };
      DEFAULT_BUCKETS.forEach((le, i) => {
        if (seconds <= le) h.buckets[i] += count;
      });
      h.sum += seconds * count;
      h.count += count;
      series.set(key, h);
    },
    render() {
      const lines: string[] = [];
      for (const [name, type] of types) {
        lines.push(`# TYPE ${name} ${type}`);
        if (type === 'histogram') {
          for (const [key, h] of histograms.get(name) ?? []) {
            const sep = key ? ',' : '';
            DEFAULT_BUCKETS.forEach((le, i) => {
              lines.push(
                `${name}_bucket{${key}${sep}le="${formatNumber(le)}"} ${
                  h.buckets[i]
                }`,
              );
            });
            lines.push(`${name}_bucket{${key}${sep}le="+Inf"} ${h.count}`);
            lines.push(`${name}_sum{${key}} ${h.sum}`);
            lines.push(`${name}_count{${key}} ${h.count}`);
          }
        } else {
          for (const [key, value] of values.get(name) ?? []) {
            lines.push(`${name}{${key}} ${formatNumber(value)}`);
          }
        }
      }
      return `${lines.join('\n')}\n`;
    },
    setDown(value) {
      down = value;
    },
  };

  const server = http.createServer((req, res) => {
    if (down) {
      res.writeHead(503).end();
      return;
    }
    if (req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(endpoint.render());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    ...endpoint,
    target: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
