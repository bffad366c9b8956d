// The scaffold benchmark (bench/scaffold): the node-service golden path
// against a template that only renders and publishes the same skeleton, on
// the same portal, alternating. Run with bench/scaffold/run.sh; not part of
// the test command.
import { ChildProcess, execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
// The benchmark is a Jest run too, on the end-to-end test's harness.
// eslint-disable-next-line no-restricted-imports
import { REPOSITORY_ROOT, startPortal } from '../__testUtils__/portal';

jest.setTimeout(30 * 60_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Counts the processes the backend starts, by executable, while counting is
 * on: every asynchronous child_process function goes through
 * ChildProcess#spawn (the synchronous ones do not; the backend does not use
 * them).
 */
function countProcessStarts() {
  const prototype = ChildProcess.prototype as unknown as {
    spawn(options: { file: string }): unknown;
  };
  const original = prototype.spawn;
  let counts: Map<string, number> | undefined;
  prototype.spawn = function spawn(this: unknown, options) {
    if (counts) {
      const name = path.basename(options.file);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return original.call(this, options);
  };
  return {
    start: () => {
      counts = new Map();
    },
    stop: () => {
      const result = counts ?? new Map<string, number>();
      counts = undefined;
      return result;
    },
    restore: () => {
      prototype.spawn = original;
    },
  };
}

// gitStartMilliseconds as a script for a fresh Node process: it prints the
// mean milliseconds to start and finish `git --version`.
const GIT_START_SCRIPT = `
const { execFile } = require('node:child_process');
const once = () => new Promise((resolve, reject) =>
  execFile('git', ['--version'], error => (error ? reject(error) : resolve())));
(async () => {
  for (let i = 0; i < 3; i++) await once();
  const started = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) await once();
  process.stdout.write(String(Number(process.hrtime.bigint() - started) / 20e6));
})();`;

/** Milliseconds to start git from this process (the backend's). */
async function gitStartMilliseconds(): Promise<number> {
  const once = () =>
    new Promise<void>((resolve, reject) =>
      execFile('git', ['--version'], error =>
        error ? reject(error) : resolve(),
      ),
    );
  for (let i = 0; i < 3; i++) await once();
  const started = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) await once();
  return Number(process.hrtime.bigint() - started) / 20e6;
}

/** The same from a fresh Node process, which is small. */
function gitStartMillisecondsFromSmallProcess(): Promise<number> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', GIT_START_SCRIPT], (error, stdout) =>
      error ? reject(error) : resolve(Number(stdout)),
    ),
  );
}

// A benchmark measures and prints; a run that fails throws.
// eslint-disable-next-line jest/expect-expect
it(`node-service golden path vs fetch-and-publish baseline (${ROUNDS} rounds)`, async () => {
  // The baseline template next to a copy of the same skeleton.
  const baselineDir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'bench-baseline-'),
  );
  await fs.copyFile(
    path.join(REPOSITORY_ROOT, 'bench/scaffold/baseline-template.yaml'),
    path.join(baselineDir, 'template.yaml'),
  );
  await fs.cp(
    path.join(REPOSITORY_ROOT, 'templates/node-service/skeleton'),
    path.join(baselineDir, 'skeleton'),
    { recursive: true },
  );
  const seeded = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-seeded-'));
  const portal = await startPortal(
    ['node-service'],
    [path.join(baselineDir, 'template.yaml')],
    // Not the tests' 1 s: reprocessing every registered service each second
    // would compete with the runs being measured.
    { processingIntervalSeconds: 100 },
  );
  const processStarts = countProcessStarts();
  try {
    const values = (name: string) => ({
      name,
      description: 'Benchmark service.',
      owner: 'group:default/checkout-team',
      system: 'system:default/ecommerce-platform',
      dependencies: [],
      database: 'postgresql',
      cache: false,
      queue: false,
      repoUrl: `github.com?owner=ecommerce-platform&repo=${name}`,
    });
    // BENCH_CPU_PROFILE=<folder>: a CPU profile of the last measured run of
    // each kind (baseline.cpuprofile, golden.cpuprofile, for Chrome's
    // DevTools).
    const profileDir = process.env.BENCH_CPU_PROFILE;
    const session = profileDir ? new Session() : undefined;
    session?.connect();
    await session?.post('Profiler.enable');

    // One run: its time from the request to the scaffolder's report of the
    // task's end. Then, outside that time, the catalog has the registered
    // entity (it goes on processing a registration after the task ends)
    // and gets 300 ms more to finish what it started, rather than working
    // alongside the next run.
    const timed = async (
      templateRef: string,
      name: string,
      options: { profile?: string; onStepStart?: (step: string) => void } = {},
    ) => {
      if (options.profile) await session?.post('Profiler.start');
      processStarts.start();
      const started = process.hrtime.bigint();
      const task = await portal.runTemplate(templateRef, values(name), {
        onStepStart: options.onStepStart,
      });
      const ended = task.endedAt;
      const starts = processStarts.stop();
      if (options.profile && session) {
        const { profile } = await session.post('Profiler.stop');
        await fs.mkdir(profileDir!, { recursive: true });
        await fs.writeFile(
          path.join(profileDir!, `${options.profile}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      if (task.status !== 'completed') {
        throw new Error(
          `${templateRef} ${task.status}:\n${task.log.join('\n')}`,
        );
      }
      const registered: string | undefined = task.output.links?.find(
        (link: { entityRef?: string }) => link.entityRef,
      )?.entityRef;
      if (registered) {
        await portal.waitFor(registered, () => portal.entity(registered));
        await new Promise(resolve => setTimeout(resolve, 300));
      }
      return { seconds: Number(ended - started) / 1e9, ended, starts };
    };
    // Each golden run creates one more service on the design's platform: the
    // GitOps and infrastructure repositories go back to their seeded state
    // before it (outside the timing) rather than growing by a service a run.
    const platformRepositories = ['gitops-config.git', 'infrastructure.git'];
    for (const name of platformRepositories) {
      await fs.cp(path.join(portal.gitRoot, name), path.join(seeded, name), {
        recursive: true,
      });
    }
    const resetPlatform = async () => {
      for (const repository of platformRepositories) {
        await fs.rm(path.join(portal.gitRoot, repository), {
          recursive: true,
        });
        await fs.cp(
          path.join(seeded, repository),
          path.join(portal.gitRoot, repository),
          { recursive: true },
        );
      }
    };
    const goldenRun = async (
      name: string,
      options?: Parameters<typeof timed>[2],
    ) => {
      await resetPlatform();
      return timed('template:default/node-service', name, options);
    };

    // One unmeasured run of each warms caches (template fetch, git, catalog).
    await timed('template:default/bench-baseline', 'warm-baseline');
    await goldenRun('warm-golden');

    // The measured runs wait for the scaffolder to report the task's end (no
    // polling): reading its growing event list every 10 ms would compete
    // with the run being measured.
    const baseline: number[] = [];
    const golden: number[] = [];
    let baselineStarts = new Map<string, number>();
    let goldenStarts = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const base = await timed(
        'template:default/bench-baseline',
        `bench-base-${round}`,
        { profile: 'baseline' },
      );
      baseline.push(base.seconds);
      baselineStarts = base.starts;
      const run = await goldenRun(`bench-golden-${round}`, {
        profile: 'golden',
      });
      golden.push(run.seconds);
      goldenStarts = run.starts;
    }
    session?.disconnect();

    // Where the golden path's time goes, from one more run watched step by
    // step (the time from a step's first event to the next step's, polled
    // every 10 ms: task event timestamps are whole seconds on SQLite). This
    // watching slows the run down, so it is not one of the measured runs.
    const steps: Array<{ step: string; at: bigint }> = [];
    const { ended: finished } = await goldenRun('bench-steps', {
      onStepStart: step => steps.push({ step, at: process.hrtime.bigint() }),
    });
    const stepSeconds = steps.map(({ step, at }, i) => [
      step,
      Number((steps[i + 1]?.at ?? finished) - at) / 1e9,
    ]);

    // What starting a process costs the backend: the kernel copies the page
    // tables of the whole (large) process for each one.
    const gitHere = await gitStartMilliseconds();
    const gitSmall = await gitStartMillisecondsFromSmallProcess();
    const resident = process.memoryUsage().rss / 2 ** 20;
    const listStarts = (starts: Map<string, number>) =>
      [...starts].map(([file, count]) => `${file} ${count}`).join(', ') ||
      'none';

    const ratio = median(golden) / median(baseline);
    const format = (xs: number[]) => xs.map(x => x.toFixed(2)).join(', ');
    process.stdout.write(
      [
        '',
        `baseline (fetch + publish):        median ${median(baseline).toFixed(
          2,
        )} s  [${format(baseline)}]`,
        `golden path (3 repos + catalog):   median ${median(golden).toFixed(
          2,
        )} s  [${format(golden)}]`,
        `ratio golden/baseline:             ${ratio.toFixed(
          2,
        )}x  (target <= 2.00x)`,
        `processes started per run:         baseline ${listStarts(
          baselineStarts,
        )}; golden path ${listStarts(goldenStarts)}`,
        `starting git (git --version):      ${gitHere.toFixed(
          1,
        )} ms from this process (${resident.toFixed(
          0,
        )} MiB resident), ${gitSmall.toFixed(1)} ms from a small Node process`,
        'golden path steps (s, one extra watched run; first event to next step):',
        ...stepSeconds.map(
          ([step, seconds]) =>
            `  ${String(step).padEnd(22)} ${Number(seconds).toFixed(3)}`,
        ),
        '',
      ].join('\n'),
    );
  } finally {
    processStarts.restore();
    await portal.stop();
    await fs.rm(baselineDir, { recursive: true, force: true });
    await fs.rm(seeded, { recursive: true, force: true });
  }
});
