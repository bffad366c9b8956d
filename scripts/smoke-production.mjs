// Starts the production backend bundle (`yarn build:backend`) with
// app-config.production.yaml against real PostgreSQL and Redis on loopback,
// and checks that it becomes ready; then checks that a missing or wrong
// database setting stops it at start with a message naming the key.
// Writes test-results/production.json for the summary line.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = { passed: 0, failed: 0, cases: [] };

const freePort = () =>
  new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Lays the bundle out the way the Dockerfile does, except that third-party
 * dependencies come from the workspace's node_modules instead of a
 * production install. The portal's own packages resolve to their built,
 * packed copies in the bundle, as in the image, not to their sources.
 */
function unpackBundle() {
  const dir = mkdtempSync(join(os.tmpdir(), 'portal-bundle-'));
  execFileSync('tar', [
    'xzf',
    join(root, 'packages/backend/dist/bundle.tar.gz'),
    '-C',
    dir,
  ]);
  const nodeModules = join(dir, 'node_modules');
  mkdirSync(nodeModules);
  const packed = new Map();
  for (const folder of ['packages', 'plugins']) {
    if (!existsSync(join(dir, folder))) continue;
    for (const name of readdirSync(join(dir, folder))) {
      const manifest = join(dir, folder, name, 'package.json');
      if (existsSync(manifest)) {
        packed.set(
          JSON.parse(readFileSync(manifest, 'utf8')).name,
          join(dir, folder, name),
        );
      }
    }
  }
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    const scoped = entry.startsWith('@');
    const names = scoped
      ? readdirSync(join(root, 'node_modules', entry)).map(n => `${entry}/${n}`)
      : [entry];
    if (scoped) mkdirSync(join(nodeModules, entry));
    for (const name of names) {
      symlinkSync(
        packed.get(name) ?? join(root, 'node_modules', name),
        join(nodeModules, name),
      );
    }
  }
  for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
    copyFileSync(join(root, file), join(dir, file));
  }
  return dir;
}
const bundleDir = unpackBundle();
mkdirSync(join(root, 'test-results'), { recursive: true });

const pgUrl = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    (() => {
      throw new Error(
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set; run through scripts/test.sh',
      );
    })(),
);

async function startRedis() {
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill() };
}

function productionEnv(overrides, redisUrl, port) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    APP_CONFIG_backend_listen: `127.0.0.1:${port}`,
    POSTGRES_HOST: pgUrl.hostname,
    POSTGRES_PORT: pgUrl.port,
    POSTGRES_USER: decodeURIComponent(pgUrl.username),
    // The throwaway server trusts loopback connections; any password will do.
    POSTGRES_PASSWORD: pgUrl.password || 'unused',
    REDIS_URL: redisUrl,
    GITHUB_TOKEN: 'unused',
    AUTH_GITHUB_CLIENT_ID: 'unused',
    AUTH_GITHUB_CLIENT_SECRET: 'unused',
    // Nothing listens on port 9: the catalog location and clusters fail
    // quietly instead of reaching outside this machine.
    PORTAL_REPOSITORY_URL:
      'http://127.0.0.1:9/ecommerce-platform/developer-portal',
    K8S_DEV_URL: 'https://127.0.0.1:9',
    K8S_STAGING_URL: 'https://127.0.0.1:9',
    K8S_PROD_URL: 'https://127.0.0.1:9',
    PORTAL_CI_TOKEN: 'smoke-test-ci-token-0123456789',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Starts the bundle on a free port with the production env plus `overrides`. */
async function startBackend(overrides, redisUrl) {
  const port = await freePort();
  const env = productionEnv(overrides, redisUrl, port);
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ],
    {
      cwd: bundleDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const exited = new Promise(resolve =>
    child.on('exit', code => resolve(code)),
  );
  return { port, child, exited, output: () => output };
}

function record(name, ok, detail) {
  results.cases.push({ name, ok, detail });
  if (ok) results.passed += 1;
  else results.failed += 1;
  console.log(`${ok ? '✓' : '✗'} ${name}${ok ? '' : `\n${detail}`}`);
}

async function expectReady(redisUrl) {
  const backend = await startBackend({}, redisUrl);
  const { port } = backend;
  const deadline = Date.now() + 120_000;
  let ready = false;
  let catalogStatus;
  while (Date.now() < deadline && backend.child.exitCode === null) {
    try {
      const res = await fetch(
        `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
      );
      if (res.ok) {
        ready = true;
        catalogStatus = (
          await fetch(`http://127.0.0.1:${port}/api/catalog/entities`)
        ).status;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  backend.child.kill('SIGTERM');
  await backend.exited;
  writeFileSync(
    join(root, 'test-results', 'production-backend.log'),
    backend.output(),
  );
  record(
    'the production bundle starts on PostgreSQL and Redis and reports ready',
    ready,
    backend.output().slice(-4000),
  );
  record(
    'the production backend refuses unauthenticated API calls',
    catalogStatus === 401,
    `GET /api/catalog/entities answered ${catalogStatus}`,
  );
}

async function expectStartFailure(name, overrides, expectedMessage, redisUrl) {
  const backend = await startBackend(overrides, redisUrl);
  const timeout = setTimeout(() => backend.child.kill('SIGKILL'), 60_000);
  const code = await backend.exited;
  clearTimeout(timeout);
  const output = backend.output();
  record(
    name,
    code !== 0 && code !== null && output.includes(expectedMessage),
    `exit code ${code}; expected the output to contain ${JSON.stringify(
      expectedMessage,
    )}:\n${output.slice(-3000)}`,
  );
}

const redis = await startRedis();
try {
  await expectReady(redis.url);
  await expectStartFailure(
    'a missing POSTGRES_HOST stops the backend naming backend.database.connection.host',
    { POSTGRES_HOST: undefined },
    "'backend.database.connection.host'",
    redis.url,
  );
  await expectStartFailure(
    'a wrong POSTGRES_PORT stops the backend naming backend.database.connection.port',
    { POSTGRES_PORT: 'five-four-three-two' },
    "'backend.database.connection.port'",
    redis.url,
  );
} finally {
  redis.stop();
  rmSync(bundleDir, { recursive: true, force: true });
}

writeFileSync(
  join(root, 'test-results', 'production.json'),
  JSON.stringify(results, null, 2),
);
process.exitCode = results.failed > 0 ? 1 : 0;
