// The checklist benchmark (bench/checklist): latency of the read and write
// endpoints under a steady 200 requests/s, on SQLite and on PostgreSQL, over
// loopback. Run with bench/checklist/run.sh; not part of the test command.
// The benchmark is a Jest run too, on the tests' harness.
/* eslint-disable no-restricted-imports, @backstage/no-undeclared-imports */
import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import type { ReleaseDetail } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { startChecklistBackend } from '../__testUtils__/backend';
import { createTestDatabases } from '@goldenpath/test-harness';
import { OWNER_USER, serviceEntity } from '../__testUtils__/entities';

jest.setTimeout(30 * 60_000);

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RELEASES = 20;
const TARGET_P95_MS = 50;

const databases = createTestDatabases();

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

interface Figures {
  endpoint: string;
  database: string;
  requests: number;
  errors: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Open-loop load: request i starts at i / RATE seconds whether or not the
 * earlier ones have answered, so a slow server shows as latency, not as a
 * lower rate.
 */
async function load(
  endpoint: string,
  database: string,
  send: (i: number) => Promise<Response>,
): Promise<Figures> {
  const total = RATE * SECONDS;
  const latencies: number[] = [];
  const counts = { errors: 0 };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
    const t0 = performance.now();
    inFlight.push(
      send(i).then(
        async response => {
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (!response.ok) counts.errors++;
        },
        () => {
          counts.errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    endpoint,
    database,
    requests: total,
    errors: counts.errors,
    rate: Math.round(total / elapsed),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

const results: Figures[] = [];

afterAll(() => {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lines = [
    `bench/checklist: ${RATE} requests/s for ${SECONDS} s per endpoint, target p95 < ${TARGET_P95_MS} ms`,
    'endpoint                                  database      requests errors  rate/s      p50       p95       p99',
    ...results.map(
      r =>
        `${r.endpoint.padEnd(42)}${r.database.padEnd(14)}${String(
          r.requests,
        ).padStart(8)}${String(r.errors).padStart(7)}${String(r.rate).padStart(
          8,
        )}${ms(r.p50).padStart(10)}${ms(r.p95).padStart(10)}${ms(
          r.p99,
        ).padStart(10)}`,
    ),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
});

describe.each(databases.eachSupportedId())(
  'on %p',
  (databaseId: TestDatabaseId) => {
    it('serves reads and writes at the target rate', async () => {
      const backend = await startChecklistBackend({
        knex: await databases.init(databaseId),
        entities: [serviceEntity('user-service')],
      });
      try {
        const headers = {
          authorization: mockCredentials.user.header(OWNER_USER),
          'content-type': 'application/json',
        };
        const releases: ReleaseDetail[] = [];
        for (let i = 0; i < RELEASES; i++) {
          const response = await fetch(`${backend.apiUrl}/releases`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              entityRef: 'component:default/user-service',
              version: `v1.0.${i}`,
            }),
          });
          releases.push((await response.json()) as ReleaseDetail);
        }

        results.push(
          await load('GET /releases/:id', databaseId, i =>
            fetch(`${backend.apiUrl}/releases/${releases[i % RELEASES].id}`, {
              headers,
            }),
          ),
        );
        results.push(
          await load('GET /releases?entityRef=', databaseId, () =>
            fetch(
              `${backend.apiUrl}/releases?entityRef=component%3Adefault%2Fuser-service`,
              { headers },
            ),
          ),
        );
        results.push(
          await load('GET /gate', databaseId, i =>
            fetch(
              `${
                backend.apiUrl
              }/gate?entityRef=component%3Adefault%2Fuser-service&version=v1.0.${
                i % RELEASES
              }&phase=pre-deployment`,
              { headers },
            ),
          ),
        );

        // Writes: each request ticks or unticks a manual item nobody else is
        // writing at that moment, with the revision it last saw.
        const slots = releases.flatMap(release =>
          release.items
            .filter(item => !item.provider)
            .map(item => ({
              release: release.id,
              item: item.id,
              revision: 0,
              busy: false,
            })),
        );
        let next = 0;
        const write = async () => {
          let slot = slots[next++ % slots.length];
          for (let tries = 0; slot.busy && tries < slots.length; tries++) {
            slot = slots[next++ % slots.length];
          }
          slot.busy = true;
          const response = await fetch(
            `${backend.apiUrl}/releases/${slot.release}/items/${slot.item}`,
            {
              method: 'POST',
              headers,
              body: JSON.stringify({
                action: slot.revision % 2 === 0 ? 'tick' : 'untick',
                revision: slot.revision,
              }),
            },
          );
          if (response.ok) slot.revision++;
          slot.busy = false;
          return response;
        };
        results.push(
          await load('POST /releases/:id/items/:itemId', databaseId, write),
        );

        for (const figures of results.filter(r => r.database === databaseId)) {
          expect(figures.errors).toBe(0);
        }
      } finally {
        await backend.stop();
      }
    });
  },
);
