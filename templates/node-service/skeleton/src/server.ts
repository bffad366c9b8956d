import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const SERVICE_NAME = '${{ values.name }}';

// Routes the service knows; anything else is counted as "unmatched" so that
// scanners probing random paths cannot blow up the metrics' label cardinality.
const KNOWN_ROUTES = new Set(['/healthz/live', '/healthz/ready', '/metrics']);

export interface Service {
  server: http.Server;
  registry: Registry;
  /** The port actually bound (useful when started on port 0). */
  port: number;
  /** Stops taking traffic, drains open requests and closes the server. */
  shutdown(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startService(port: number): Promise<Service> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: SERVICE_NAME });
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route and status code.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time taken to handle HTTP requests, in seconds.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  let ready = false;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: `method ${req.method} not allowed; use GET` });
      return;
    }
    switch (path) {
      case '/healthz/live':
        sendJson(res, 200, { status: 'ok' });
        return;
      case '/healthz/ready':
        if (ready) sendJson(res, 200, { status: 'ready' });
        else sendJson(res, 503, { status: 'not ready' });
        return;
      case '/metrics':
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      default:
        sendJson(res, 404, { error: `no route for ${path}` });
    }
  }

  const server = http.createServer((req, res) => {
    const stopTimer = process.hrtime.bigint();
    res.on('finish', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const labels = {
        method: req.method ?? 'UNKNOWN',
        route: KNOWN_ROUTES.has(path) ? path : 'unmatched',
        status: String(res.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - stopTimer) / 1e9);
    });
    handle(req, res).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: String(error) }));
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  ready = true;

  return {
    server,
    registry,
    port: (server.address() as AddressInfo).port,
    shutdown: () =>
      new Promise<void>((resolve, reject) => {
        // Fail readiness first so the Service stops routing new traffic here.
        ready = false;
        server.close(error => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function log(msg: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: 'info', service: SERVICE_NAME, msg, ...fields }));
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${process.env.PORT}"`);
  }
  const service = await startService(port);
  log('listening', { port: service.port });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('shutting down', { signal });
    // Kubernetes sends SIGKILL after terminationGracePeriodSeconds (30s by default).
    const forceExit = setTimeout(() => {
      log('open connections did not drain in time; exiting');
      process.exit(1);
    }, 25_000);
    forceExit.unref();
    service.shutdown().then(
      () => process.exit(0),
      error => {
        console.error(JSON.stringify({ level: 'error', msg: 'shutdown failed', error: String(error) }));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (require.main === module) {
  main().catch(error => {
    console.error(JSON.stringify({ level: 'error', msg: 'failed to start', error: String(error) }));
    process.exit(1);
  });
}
