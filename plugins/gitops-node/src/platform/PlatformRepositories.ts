import { promises as fs } from 'node:fs';
import path from 'node:path';
import type {
  LoggerService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { GitRevisionCache, readGitRevision } from '../files/gitRevisions';
import {
  DirectoryFiles,
  RepositoryFiles,
  TreeFiles,
} from '../files/RepositoryFiles';
import { GitopsRepository } from '../gitops/GitopsRepository';
import { TerraformRepository } from '../terraform/TerraformRepository';

/**
 * Where a repository is read from: a folder on disk, or a tree URL. A folder
 * that is a bare git repository (the portal's local ones under
 * `goldenpath.localGit`) is read at its HEAD: the default branch, with what
 * the golden path merged into it. A folder may name where its files can be
 * viewed (`browseUrl`, to which `/<file>` is appended), so that figures read
 * from it can link there.
 *
 * @public
 */
export type RepositoryLocation =
  | { path: string; browseUrl?: string }
  | { url: string };

/** @public */
export interface PlatformRepositoriesOptions {
  gitopsConfig: RepositoryLocation;
  infrastructure: RepositoryLocation;
  /** How long a snapshot read through a URL is reused. Default 60 s. */
  refreshIntervalMs?: number;
}

const CONFIG_KEY = 'goldenpath.repositories';

function readLocation(
  config: RootConfigService,
  key: 'gitopsConfig' | 'infrastructure',
): RepositoryLocation {
  const at = `${CONFIG_KEY}.${key}`;
  const value = config.getOptionalString(at);
  if (!value) {
    const example = key === 'gitopsConfig' ? 'gitops-config' : 'infrastructure';
    throw new InputError(
      `Missing required config value at '${at}': set a folder (relative to the backend's working directory, e.g. ../../${example}) or a repository tree URL (e.g. https://github.com/org/${example}/tree/main)`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return { url: value };
  }
  const browseUrl = config.getOptionalString(`${CONFIG_KEY}.browse.${key}`);
  return {
    path: path.resolve(value),
    ...(browseUrl && { browseUrl: browseUrl.replace(/\/$/, '') }),
  };
}

interface Snapshot {
  files: RepositoryFiles;
  readAt: number;
}

/** Whether a folder is a bare git repository (HEAD, objects and refs, no work tree). */
async function isBareRepository(folder: string): Promise<boolean> {
  const [head, objects, refs] = await Promise.all(
    ['HEAD', 'objects', 'refs'].map(name =>
      fs.stat(path.join(folder, name)).catch(() => undefined),
    ),
  );
  return Boolean(
    head?.isFile() && objects?.isDirectory() && refs?.isDirectory(),
  );
}

/**
 * The platform's GitOps and infrastructure repositories as the backends read
 * them (`goldenpath.repositories` in app-config). A URL is read through
 * Backstage's URL reader and the snapshot is reused for `refreshIntervalMs`,
 * so that many page views cost one read. A folder is read from disk; its
 * files object is likewise renewed once per interval, so what is computed
 * from one (and cached by it) is computed again after the interval, not on
 * every request.
 *
 * @public
 */
export class PlatformRepositories {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  /** How long a read of the repositories is reused (0: read on every request). */
  readonly refreshIntervalMs: number;
  /** Commits of bare repositories read before: a new interval asks git only for HEAD. */
  private readonly commits = new GitRevisionCache(4);
  /** Whether each existing folder is a bare repository. */
  private readonly bare = new Map<string, boolean>();

  static fromConfig(
    config: RootConfigService,
    deps: { reader: UrlReaderService; logger?: LoggerService },
  ): PlatformRepositories {
    return new PlatformRepositories(
      {
        gitopsConfig: readLocation(config, 'gitopsConfig'),
        infrastructure: readLocation(config, 'infrastructure'),
        refreshIntervalMs: readRefreshIntervalMs(config),
      },
      deps,
    );
  }

  constructor(
    readonly options: PlatformRepositoriesOptions,
    private readonly deps: {
      reader?: UrlReaderService;
      logger?: LoggerService;
    } = {},
  ) {
    this.refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  }

  /** The GitOps repository (gitops-config). */
  async gitops(): Promise<GitopsRepository> {
    return new GitopsRepository(await this.files('gitopsConfig'));
  }

  /** The infrastructure repository's Terraform. */
  async terraform(): Promise<TerraformRepository> {
    return new TerraformRepository(await this.files('infrastructure'));
  }

  /** The files of one of the two repositories. */
  async files(
    which: 'gitopsConfig' | 'infrastructure',
  ): Promise<RepositoryFiles> {
    const location = this.options[which];
    const cached = this.snapshots.get(which);
    if (cached) {
      const snapshot = await cached.catch(() => undefined);
      if (snapshot && Date.now() - snapshot.readAt < this.refreshIntervalMs) {
        return snapshot.files;
      }
    }
    // Shared by the requests that arrive while it is read.
    const next = (
      'path' in location
        ? this.readFolder(which, location.path)
        : this.readUrl(location.url)
    ).then(files => ({ files, readAt: Date.now() }));
    this.snapshots.set(which, next);
    try {
      return (await next).files;
    } catch (error) {
      this.snapshots.delete(which);
      this.deps.logger?.warn(
        `Could not read ${
          'path' in location ? location.path : location.url
        }: ${error}`,
      );
      throw error;
    }
  }

  /** A folder's files, or a bare repository's at its HEAD. */
  private async readFolder(
    which: 'gitopsConfig' | 'infrastructure',
    folder: string,
  ): Promise<RepositoryFiles> {
    // What the folder is does not change once it exists.
    let bare = this.bare.get(folder);
    if (bare === undefined) {
      if (!(await fs.stat(folder).catch(() => undefined))) {
        throw new InputError(
          `${CONFIG_KEY}.${which}: ${folder} does not exist; ${
            folder.endsWith('.git')
              ? 'the portal creates its local git repositories when it first starts (goldenpath.localGit), or point it at the checked-in folder'
              : 'give the folder or repository to read'
          }`,
        );
      }
      bare = await isBareRepository(folder);
      this.bare.set(folder, bare);
    }
    return bare
      ? (await readGitRevision(folder, 'HEAD', { cache: this.commits })).files
      : new DirectoryFiles(folder);
  }

  private async readUrl(url: string): Promise<RepositoryFiles> {
    const reader = this.deps.reader;
    if (!reader) {
      throw new InputError(
        `Cannot read ${url}: no URL reader was given to PlatformRepositories`,
      );
    }
    return TreeFiles.fromUrl(reader, url);
  }
}

/** `refreshIntervalSeconds` in milliseconds; 0 is allowed (no reuse). */
function readRefreshIntervalMs(config: RootConfigService): number | undefined {
  const key = `${CONFIG_KEY}.refreshIntervalSeconds`;
  const seconds = config.getOptionalNumber(key);
  if (seconds === undefined) return undefined;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new InputError(
      `Invalid config value at '${key}': ${seconds}; expected a number of seconds >= 0 (default 60)`,
    );
  }
  return seconds * 1000;
}
