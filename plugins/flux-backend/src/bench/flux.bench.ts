// The Flux benchmark (bench/flux): 50 entities on 3 clusters, 20 viewers
// refreshing their entity pages. Counts the requests that reach the
// Kubernetes API double from this backend (one shared cache per cluster and
// kind, filled by list and kept current by watches) against a per-entity
// fan-out (one list per entity, per cluster, per refresh) serving the same
// refreshes in the same run; then the status endpoint's p95 latency with 50
// concurrent viewers. Run with bench/flux/run.sh; not part of the test command.
import { Worker } from 'node:worker_threads';
import {
  ENVIRONMENTS,
  clusterName,
} from '@goldenpath/backstage-plugin-gitops-common';
// The benchmark is a Jest run too, on the backend tests' harness.
// eslint-disable-next-line no-restricted-imports
import { startFluxTestBackend, TOKEN } from '../__testUtils__/fluxTestBackend';

jest.setTimeout(30 * 60_000);

/**
 * The production defaults (refresh 10 s, watch window 300 s, the entity page
 * polling every 15 s) run this many times faster, so that a run of a few
 * minutes covers several watch windows.
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const ENTITIES = 50;
const VIEWERS = 20;
const CONCURRENT_VIEWERS = 50;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 30);
const BURST_WAVES = Number(process.env.BENCH_WAVES ?? 20);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

interface ViewerResult {
  latencies: number[];
  refreshes: number;
  errors: string[];
}

/**
 * The viewers run in a worker thread, as browsers are not in the backend's
 * event loop: 'refreshing' viewers each load an entity page's status (and
 * with fanOut, do the per-entity fan-out for the same refresh) every
 * periodMs; 'burst' viewers all ask at the same instant, wave after wave.
 */
const VIEWERS_SCRIPT = `
const { parentPort, workerData: w } = require('node:worker_threads');
const sleep = ms => new Promise(r => setTimeout(r, ms));
const latencies = [];
const errors = [];
let refreshes = 0;
async function status(service) {
  const started = performance.now();
  const response = await fetch(w.statusUrl + '/' + service + '/status', { headers: { authorization: w.authorization } });
  const body = await response.json();
  latencies.push(performance.now() - started);
  if (response.status !== 200 || body.environments.some(e => e.error)) {
    errors.push(service + ': ' + response.status + ' ' + JSON.stringify(body).slice(0, 300));
  }
}
function fanOut(service) {
  const selector = encodeURIComponent('backstage.io/kubernetes-id=' + service);
  return Promise.all(w.clusterUrls.map(async url => {
    const response = await fetch(url + '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?labelSelector=' + selector, { headers: { authorization: 'Bearer ' + w.token } });
    await response.json();
  }));
}
async function main() {
  if (w.mode === 'refreshing') {
    const deadline = Date.now() + w.seconds * 1000;
    await Promise.all(Array.from({ length: w.viewers }, async (_, viewer) => {
      await sleep(viewer * w.periodMs / w.viewers);
      for (let tick = 0; Date.now() < deadline; tick++) {
        const service = w.services[(viewer * 7 + tick) % w.services.length];
        const next = Date.now() + w.periodMs;
        await Promise.all([status(service), w.fanOut ? fanOut(service) : undefined]);
        refreshes++;
        await sleep(Math.max(0, next - Date.now()));
      }
    }));
  } else {
    // burst
    for (let wave = 0; wave < w.waves; wave++) {
      await Promise.all(Array.from({ length: w.viewers }, (_, i) => status(w.services[(wave + i) % w.services.length])));
      await sleep(200);
    }
  }
  parentPort.postMessage({ latencies, refreshes, errors });
}
main().catch(error => parentPort.postMessage({ latencies, refreshes, errors: [String(error)] }));
`;

function runViewers(
  workerData: Record<string, unknown>,
): Promise<ViewerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(VIEWERS_SCRIPT, { eval: true, workerData });
    worker.once('message', result => {
      worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

it(`Flux status: ${ENTITIES} entities x 3 clusters, ${VIEWERS} viewers, ${SECONDS} s at ${TIME_SCALE}x`, async () => {
  const flux = await startFluxTestBackend({
    // The 8 services of gitops-config, and more like them.
    extraServices: Array.from(
      { length: ENTITIES - 8 },
      (_, i) => `bench-service-${String(i + 1).padStart(2, '0')}`,
    ),
    realScheduler: true,
    flux: {
      refreshIntervalSeconds: 10 / TIME_SCALE,
      watchSeconds: 300 / TIME_SCALE,
      requestTimeoutSeconds: 10,
    },
  });
  const { double, services } = flux;
  expect(services).toHaveLength(ENTITIES);
  const shared = {
    statusUrl: `${flux.baseUrl}/entity/default/component`,
    authorization: flux.authorization('user:default/bench-viewer'),
    clusterUrls: ENVIRONMENTS.map(env => double.cluster(clusterName(env)).url),
    token: TOKEN,
    services,
  };
  const isFanOut = (query: Record<string, string>) =>
    (query.labelSelector ?? '').includes('=');

  try {
    // Phase 1, from a cold start: 20 viewers refresh every 15 s (scaled).
    const periodMs = 15_000 / TIME_SCALE;
    const phase1 = await runViewers({
      ...shared,
      mode: 'refreshing',
      viewers: VIEWERS,
      periodMs,
      seconds: SECONDS,
      fanOut: true,
    });
    const ours = double.requests.filter(r => !isFanOut(r.query));
    const fanOutRequests = double.requests.filter(r =>
      isFanOut(r.query),
    ).length;
    const oursWatches = ours.filter(r => r.watch).length;
    const oursDiscovery = ours.filter(
      r => !r.watch && /^\/apis?(\/[^/]+){0,2}$/.test(r.path),
    ).length;
    const oursLists = ours.length - oursWatches - oursDiscovery;
    const ratio = fanOutRequests / ours.length;

    // Phase 2: 50 viewers with the entity page open, polling.
    const phase2 = await runViewers({
      ...shared,
      mode: 'refreshing',
      viewers: CONCURRENT_VIEWERS,
      periodMs,
      seconds: LATENCY_SECONDS,
      fanOut: false,
    });
    const p95 = percentile(phase2.latencies, 95);

    // Phase 3, the worst case: 50 viewers asking at the same instant.
    const phase3 = await runViewers({
      ...shared,
      mode: 'burst',
      viewers: CONCURRENT_VIEWERS,
      waves: BURST_WAVES,
    });

    process.stdout.write(
      [
        '',
        `Flux status benchmark: ${
          services.length
        } entities x 3 clusters, ${VIEWERS} viewers refreshing every ${
          periodMs / 1000
        } s for ${SECONDS} s`,
        `  (production defaults at ${TIME_SCALE}x speed: refresh ${
          10 / TIME_SCALE
        } s, watch window ${300 / TIME_SCALE} s, entity page poll ${
          periodMs / 1000
        } s; ${phase1.refreshes} page refreshes)`,
        `requests reaching the Kubernetes API double, from a cold start:`,
        `  flux backend (shared cache):  ${String(ours.length).padStart(
          6,
        )}  (${oursDiscovery} discovery, ${oursLists} lists, ${oursWatches} watches)`,
        `  per-entity fan-out:           ${String(fanOutRequests).padStart(
          6,
        )}  (1 list per entity, per cluster, per refresh)`,
        `  fan-out / flux backend:       ${ratio
          .toFixed(1)
          .padStart(6)}x (target >= 20x)`,
        `status endpoint latency (viewers in a worker thread, the backend on the main one):`,
        `  ${VIEWERS} viewers refreshing (phase above):  p50 ${percentile(
          phase1.latencies,
          50,
        ).toFixed(1)} ms, p95 ${percentile(phase1.latencies, 95).toFixed(
          1,
        )} ms (${phase1.latencies.length} requests)`,
        `  ${CONCURRENT_VIEWERS} concurrent viewers polling:     p50 ${percentile(
          phase2.latencies,
          50,
        ).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${
          phase2.latencies.length
        } requests in ${LATENCY_SECONDS} s) (target p95 < 50 ms)`,
        `  ${CONCURRENT_VIEWERS} viewers at the same instant:   p50 ${percentile(
          phase3.latencies,
          50,
        ).toFixed(1)} ms, p95 ${percentile(phase3.latencies, 95).toFixed(
          1,
        )} ms (${BURST_WAVES} bursts of ${CONCURRENT_VIEWERS}, worst case)`,
        '',
      ].join('\n'),
    );
    expect(fanOutRequests).toBe(phase1.refreshes * 3);
    expect([...phase1.errors, ...phase2.errors, ...phase3.errors]).toEqual([]);
  } finally {
    await flux.stop();
  }
});
