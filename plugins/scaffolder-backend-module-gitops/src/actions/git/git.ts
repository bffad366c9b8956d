import { execFile } from 'node:child_process';

/** Who commits: the author and committer of every commit an action makes. */
export interface GitAuthor {
  name: string;
  email: string;
}

/** How the actions call git; `createPublishGitAction(options)` etc. take it. */
export interface GitActionOptions {
  /**
   * The git executable of these actions' commands; defaults to `git` on the
   * PATH. The files of a lazy checkout's commit are read (by these and the
   * GitOps actions) with the `git` on the PATH.
   */
  gitBinary?: string;
  /**
   * Folders under which local remotes (absolute paths, file:// URLs) may live;
   * an empty list allows none. Without it, a template may point repoUrl at
   * any folder the backend can write to (what the `gitops` CLI does on a CI
   * machine).
   */
  localRemoteRoots?: string[];
}

/** A git command that failed; its message never contains the token. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

export interface GitRunOptions {
  cwd?: string;
  /** Exit codes that are answers, not failures (e.g. 1 of `diff --quiet`). */
  okExitCodes?: number[];
  /** Extra environment, e.g. GIT_INDEX_FILE for a scratch index. */
  env?: Record<string, string>;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Git {
  run(args: string[], options?: GitRunOptions): Promise<GitResult>;
  /** stdout without the trailing newline. */
  text(args: string[], options?: GitRunOptions): Promise<string>;
}

/**
 * The Authorization header git sends to an https remote. Basic with the
 * `x-access-token` user is what GitHub (PATs and app tokens), GitLab, Gitea
 * and Bitbucket accept for a token as password.
 */
export function authorizationHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(
    `x-access-token:${token}`,
  ).toString('base64')}`;
}

/**
 * Runs git without a shell. Credentials and the author travel in the
 * environment only: the token is scoped to the remote's origin as an
 * `http.<origin>.extraHeader` given through GIT_CONFIG_COUNT, so it is neither
 * on the command line (visible to `ps`) nor written to any .git/config.
 */
export function createGit(options: {
  gitBinary?: string;
  author?: GitAuthor;
  /** The remote's scheme://host[:port]/ that the token is sent to. */
  tokenOrigin?: string;
  token?: string;
  signal?: AbortSignal;
}): Git {
  const binary = options.gitBinary ?? 'git';
  const secrets = options.token
    ? [options.token, authorizationHeader(options.token)]
    : [];
  const redact = (text: string) =>
    secrets.reduce((t, secret) => t.split(secret).join('***'), text);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // A backend has nobody to answer a password prompt: fail instead of hanging.
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
  };
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) {
    // ssh asks on /dev/tty when started from a terminal (yarn start); BatchMode
    // makes it fail with "Permission denied" instead.
    env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  }
  if (options.author) {
    env.GIT_AUTHOR_NAME = options.author.name;
    env.GIT_AUTHOR_EMAIL = options.author.email;
    env.GIT_COMMITTER_NAME = options.author.name;
    env.GIT_COMMITTER_EMAIL = options.author.email;
  }
  if (options.token && options.tokenOrigin) {
    // Appended after any GIT_CONFIG_* the backend was started with.
    const index = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
    env.GIT_CONFIG_COUNT = String(index + 1);
    env[`GIT_CONFIG_KEY_${index}`] = `http.${options.tokenOrigin}.extraHeader`;
    env[`GIT_CONFIG_VALUE_${index}`] = authorizationHeader(options.token);
  }

  const run = (args: string[], runOptions: GitRunOptions = {}) =>
    new Promise<GitResult>((resolve, reject) => {
      execFile(
        binary,
        args,
        {
          cwd: runOptions.cwd,
          env: { ...env, ...runOptions.env },
          maxBuffer: 256 * 1024 * 1024,
          signal: options.signal,
        },
        (error, stdout, stderr) => {
          const exitCode = exitCodeOf(error);
          if (
            exitCode === 0 ||
            (exitCode !== undefined &&
              runOptions.okExitCodes?.includes(exitCode))
          ) {
            resolve({ stdout, stderr, exitCode });
            return;
          }
          const reason =
            exitCode === undefined
              ? `could not run ${binary}: ${error?.message}`
              : redact(stderr.trim() || stdout.trim()) ||
                `exit code ${exitCode}`;
          reject(
            new GitCommandError(
              `git ${
                args.find(arg => !arg.startsWith('-')) ?? ''
              } failed: ${reason}`,
              exitCode,
              redact(stderr),
            ),
          );
        },
      );
    });

  return {
    run,
    async text(args, runOptions) {
      return (await run(args, runOptions)).stdout.replace(/\n$/, '');
    },
  };
}

/** The exit code of a finished git, undefined if it could not run at all. */
function exitCodeOf(error: { code?: unknown } | null): number | undefined {
  if (error === null) return 0;
  return typeof error.code === 'number' ? error.code : undefined;
}
