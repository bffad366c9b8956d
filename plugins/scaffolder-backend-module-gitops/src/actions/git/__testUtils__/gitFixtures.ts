import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ActionContext,
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'yaml';

/** What an action's input may hold (JSON), without depending on @backstage/types. */
type JsonObject = Parameters<TemplateAction['handler']>[0]['input'];

/** git as a person at a terminal would run it, to set up and inspect repositories. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test Setup',
      GIT_AUTHOR_EMAIL: 'setup@example.test',
      GIT_COMMITTER_NAME: 'Test Setup',
      GIT_COMMITTER_EMAIL: 'setup@example.test',
    },
  }).replace(/\n$/, '');
}

/** A temporary folder with sub-folders `workspace/` and `remotes/`. */
export async function createSandbox() {
  const root = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'git-actions-')),
  );
  const workspacePath = path.join(root, 'workspace');
  const remotes = path.join(root, 'remotes');
  await fs.mkdir(workspacePath);
  await fs.mkdir(remotes);
  return {
    root,
    workspacePath,
    remotes,
    /** Writes files (slash paths relative to the workspace). */
    async write(files: Record<string, string>, base = workspacePath) {
      for (const [file, content] of Object.entries(files)) {
        const full = path.join(base, file);
        await fs.mkdir(path.dirname(full), { recursive: true });
        await fs.writeFile(full, content);
      }
    },
    read: (file: string) => fs.readFile(path.join(workspacePath, file), 'utf8'),
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/**
 * A bare repository whose `main` holds the given files (or a copy of a
 * folder), committed by "Test Setup".
 */
export async function createRemote(
  barePath: string,
  content: Record<string, string> | string = { 'README.md': '# remote\n' },
  branch = 'main',
): Promise<string> {
  await fs.mkdir(barePath, { recursive: true });
  git(barePath, 'init', '-q', '--bare', `--initial-branch=${branch}`);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'git-seed-'));
  try {
    if (typeof content === 'string') {
      await fs.cp(content, work, { recursive: true });
    } else {
      for (const [file, text] of Object.entries(content)) {
        await fs.mkdir(path.dirname(path.join(work, file)), {
          recursive: true,
        });
        await fs.writeFile(path.join(work, file), text);
      }
    }
    git(work, 'init', '-q', `--initial-branch=${branch}`);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'Seed');
    git(work, 'push', '-q', barePath, `HEAD:refs/heads/${branch}`);
    return git(work, 'rev-parse', 'HEAD');
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** The files of a branch of a repository, by path, with their exact content. */
export function filesAt(repo: string, ref: string): Record<string, string> {
  const names = git(repo, 'ls-tree', '-r', '--name-only', ref)
    .split('\n')
    .filter(Boolean);
  return Object.fromEntries(
    names.map(name => [
      name,
      execFileSync('git', ['show', `${ref}:${name}`], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ]),
  );
}

/** Every file under a folder (outside .git), by slash path, with its exact content. */
export async function filesIn(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        files[path.relative(root, full).split(path.sep).join('/')] =
          await fs.readFile(full, 'utf8');
    }
  }
  await walk(root);
  return files;
}

/** Every file under a folder, .git included, with its bytes, for "nothing written" checks. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        files[path.relative(root, full)] = (await fs.readFile(full)).toString(
          'base64',
        );
    }
  }
  await walk(root);
  return files;
}

/** A logger that keeps every line, to check what a task's log shows. */
export function captureLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, meta?: unknown) =>
    lines.push(`${level}: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  const logger = {
    lines,
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
    child: () => logger,
  };
  return logger;
}

/**
 * A task's checkpoint store as the scaffolder keeps it between attempts: a
 * key that succeeded returns its stored value without running again.
 */
export function checkpointStore() {
  const values = new Map<string, unknown>();
  return {
    values,
    async checkpoint<T>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      if (values.has(opts.key)) return values.get(opts.key) as T;
      const value = await opts.fn();
      values.set(opts.key, value);
      return value;
    },
  };
}

export type RunOptions = {
  workspacePath: string;
  isDryRun?: boolean;
  logger?: LoggerService;
  checkpoints?: ReturnType<typeof checkpointStore>;
};

/**
 * Runs an action's handler as a task step would, and returns its outputs.
 * Without a checkpoint store every checkpoint runs (a fresh task).
 */
export async function runAction<I extends JsonObject, O extends JsonObject>(
  action: TemplateAction<I, O, 'v2'>,
  input: I,
  options: RunOptions,
): Promise<{ outputs: Partial<O>; ctx: ActionContext<I, O> }> {
  const outputs: Partial<O> = {};
  const ctx: ActionContext<I, O> = {
    ...createMockActionContext<I, O>({
      workspacePath: options.workspacePath,
      input,
      ...(options.logger && { logger: options.logger }),
    }),
    isDryRun: options.isDryRun ?? false,
    output: (name, value) => {
      outputs[name] = value;
    },
  };
  if (options.checkpoints) ctx.checkpoint = options.checkpoints.checkpoint;
  await action.handler(ctx);
  return { outputs, ctx };
}

/**
 * Serves the bare repositories under a folder over git's "dumb" http
 * protocol (plain files, read only) on 127.0.0.1, recording the
 * Authorization header of every request.
 */
export async function serveOverHttp(root: string) {
  const authorizations: Array<string | undefined> = [];
  const server = http.createServer(async (req, res) => {
    authorizations.push(req.headers.authorization);
    const file = path.join(root, decodeURIComponent(req.url!.split('?')[0]));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    authorizations,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Where the documented examples keep repositories on the Backstage host. */
export const EXAMPLE_LOCAL_ROOT = '/var/lib/goldenpath/git';
/** The GitHub organisation the documented examples use. */
const EXAMPLE_GITHUB_PREFIXES = [
  'https://github.com/acme/',
  'git@github.com:acme/',
];

/**
 * Lets the documented examples run as written, on this machine: git itself
 * sends their GitHub URLs (https and ssh) to bare repositories under
 * `<remotes>/github/acme/` (url.<base>.insteadOf), so the actions still see
 * and report the GitHub URLs; their local paths under EXAMPLE_LOCAL_ROOT are
 * moved to `<remotes>/local/` (the only change made to an example's input).
 * Returns a function that restores the environment.
 */
export function routeExampleRemotes(remotes: string): () => void {
  const saved = { ...process.env };
  const base = `${pathToFileURL(path.join(remotes, 'github', 'acme')).href}/`;
  process.env.GIT_CONFIG_COUNT = String(EXAMPLE_GITHUB_PREFIXES.length);
  EXAMPLE_GITHUB_PREFIXES.forEach((prefix, index) => {
    process.env[`GIT_CONFIG_KEY_${index}`] = `url.${base}.insteadOf`;
    process.env[`GIT_CONFIG_VALUE_${index}`] = prefix;
  });
  return () => {
    process.env = saved;
  };
}

/** Where a remote of an example really is, after routeExampleRemotes. */
export function exampleRemotePath(remotes: string, repoUrl: string): string {
  for (const prefix of EXAMPLE_GITHUB_PREFIXES) {
    if (repoUrl.startsWith(prefix)) {
      return path.join(remotes, 'github', 'acme', repoUrl.slice(prefix.length));
    }
  }
  const local = repoUrl.replace(/^file:\/\//, '');
  if (local.startsWith(`${EXAMPLE_LOCAL_ROOT}/`)) {
    return path.join(remotes, 'local', local.slice(EXAMPLE_LOCAL_ROOT.length));
  }
  // An input runExample has already moved.
  if (local.startsWith(`${path.join(remotes, 'local')}/`)) return local;
  throw new Error(
    `The examples' remotes are on GitHub (acme) or under ${EXAMPLE_LOCAL_ROOT}, not ${repoUrl}`,
  );
}

export type ExampleStep = {
  id: string;
  action: string;
  input: Record<string, unknown>;
};

/** The steps of a documented example, as the template author wrote them. */
export function exampleSteps(example: TemplateExample): ExampleStep[] {
  return yaml.parse(example.example).steps;
}

/**
 * Runs the steps of a documented example in a workspace, each with the
 * action its `action:` names, and returns every step's outputs.
 */
export async function runExample(
  example: TemplateExample,
  // The actions take different inputs; each step's input is its own.
  actions: Array<TemplateAction<any, any, 'v2'>>,
  options: { workspacePath: string; remotes: string },
): Promise<Array<ExampleStep & { outputs: Record<string, unknown> }>> {
  const results = [];
  for (const step of exampleSteps(example)) {
    const action = actions.find(a => a.id === step.action);
    if (!action) throw new Error(`No action ${step.action} to run the example`);
    const input = JSON.parse(
      JSON.stringify(step.input)
        .split(EXAMPLE_LOCAL_ROOT)
        .join(path.join(options.remotes, 'local')),
    );
    const { outputs } = await runAction(action, input, {
      workspacePath: options.workspacePath,
    });
    results.push({ ...step, input, outputs });
  }
  return results;
}
