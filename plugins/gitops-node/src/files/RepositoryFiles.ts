import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomicWrite';

/**
 * The files of one repository (or of a folder in it), addressed by
 * slash-separated paths relative to its root.
 *
 * @public
 */
export interface RepositoryFiles {
  /** The file's text, or undefined if there is no such file. */
  read(file: string): Promise<string | undefined>;
  /** Names of the entries directly in a folder (files and folders), sorted. */
  list(folder: string): Promise<string[]>;
  /** Writes a file atomically; read-only sources throw NotAllowedError. */
  write(file: string, content: string): Promise<void>;
}

function normalize(file: string): string {
  const normalized = path.posix.normalize(file.replace(/\\/g, '/'));
  if (
    normalized === '..' ||
    normalized.startsWith('../') ||
    path.posix.isAbsolute(normalized)
  ) {
    throw new NotAllowedError(`Path '${file}' leaves the repository`);
  }
  return normalized === '.' ? '' : normalized.replace(/\/$/, '');
}

/** Names of the entries directly in `folder`, given every file's path. */
function childNames(files: Iterable<string>, folder: string): Set<string> {
  const prefix = normalize(folder) ? `${normalize(folder)}/` : '';
  const names = new Set<string>();
  for (const file of files) {
    if (file.startsWith(prefix)) {
      names.add(file.slice(prefix.length).split('/')[0]);
    }
  }
  return names;
}

/**
 * A checked-out repository on disk; the only kind that can be edited. Its
 * files are read and written where they are: a path through a symbolic link
 * in the checkout (a committed `apps -> /etc` or a linked file) is refused,
 * so that neither reads nor writes reach outside it.
 *
 * @public
 */
export class DirectoryFiles implements RepositoryFiles {
  /** Folders under the root found to be real folders, not links. */
  private readonly folders = new Set<string>();

  /**
   * `sync: false` skips flushing each written file to disk, for scratch
   * copies such as a scaffolder task's workspace, where a crash means the
   * task runs again from a fresh checkout; writes stay atomic for readers.
   */
  constructor(
    readonly root: string,
    private readonly options: { sync?: boolean } = {},
  ) {}

  /** The file's place on disk, once no part of its path is a link. */
  private async resolve(file: string) {
    const relative = normalize(file);
    let current = '';
    for (const part of relative ? relative.split('/') : []) {
      current = current ? `${current}/${part}` : part;
      if (this.folders.has(current)) continue;
      const stat = await fs
        .lstat(path.join(this.root, current))
        .catch(error => {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
          throw error;
        });
      // Nothing there yet (a file or folder about to be written).
      if (!stat) break;
      if (stat.isSymbolicLink()) {
        throw new NotAllowedError(
          `Path '${file}' goes through the symbolic link '${current}' in ${this.root}; files are only read and written inside the checkout`,
        );
      }
      if (stat.isDirectory()) this.folders.add(current);
    }
    return path.join(this.root, relative);
  }

  async read(file: string) {
    const resolved = await this.resolve(file);
    try {
      return await fs.readFile(resolved, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        return undefined;
      }
      throw error;
    }
  }

  async list(folder: string) {
    const resolved = await this.resolve(folder);
    try {
      return (await fs.readdir(resolved)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  }

  async write(file: string, content: string) {
    await writeFileAtomic(await this.resolve(file), content, this.options);
  }
}

/**
 * A snapshot of a repository read through Backstage's URL reader (for
 * example a GitHub tree URL), held in memory. Read-only.
 *
 * @public
 */
export class TreeFiles implements RepositoryFiles {
  private constructor(private readonly files: Map<string, string>) {}

  /**
   * Reads the tree at `url`, e.g.
   * `https://github.com/ecommerce-platform/gitops-config/tree/main`.
   */
  static async fromUrl(
    reader: UrlReaderService,
    url: string,
    options?: { filter?: (file: string) => boolean },
  ): Promise<TreeFiles> {
    const tree = await reader.readTree(url, {
      filter: options?.filter ? p => options.filter!(normalize(p)) : undefined,
    });
    const files = new Map<string, string>();
    for (const entry of await tree.files()) {
      files.set(
        normalize(entry.path),
        (await entry.content()).toString('utf8'),
      );
    }
    return new TreeFiles(files);
  }

  /**
   * A snapshot of a folder on disk (a checkout's working copy), read in one
   * pass: later reads cost no file system round trips. `.git` and symbolic
   * links are left out, and so are files over `maxFileBytes` (2 MiB by
   * default), which are not configuration.
   */
  static async fromDirectory(
    root: string,
    options: { maxFileBytes?: number } = {},
  ): Promise<TreeFiles> {
    const maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
    const found: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      const entries = await fs.readdir(path.join(root, relative), {
        withFileTypes: true,
      });
      await Promise.all(
        entries.map(async entry => {
          // .git is a folder, or a file in a worktree.
          if (entry.name === '.git') return;
          const file = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            await walk(file);
          } else if (entry.isFile()) {
            found.push(file);
          }
        }),
      );
    };
    await walk('');
    const files = new Map<string, string>();
    await Promise.all(
      found.map(async file => {
        const content = await fs.readFile(path.join(root, file));
        if (content.length <= maxFileBytes) {
          files.set(file, content.toString('utf8'));
        }
      }),
    );
    return new TreeFiles(files);
  }

  static fromEntries(entries: Record<string, string>): TreeFiles {
    return new TreeFiles(
      new Map(Object.entries(entries).map(([k, v]) => [normalize(k), v])),
    );
  }

  async read(file: string) {
    return this.files.get(normalize(file));
  }

  async list(folder: string) {
    return [...childNames(this.files.keys(), folder)].sort();
  }

  /** The path of every file, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  async write(file: string): Promise<void> {
    throw new NotAllowedError(
      `Cannot write ${file}: this is a read-only snapshot of the repository (read through a URL or from a folder); check it out to edit it`,
    );
  }
}

/**
 * One source over another: a file of `top` hides the same file of `base`,
 * folders list the entries of both, and writes go to `top`. A lazy
 * checkout is a folder holding only what was written, over the files of its
 * commit.
 *
 * @public
 */
export class OverlayFiles implements RepositoryFiles {
  constructor(
    private readonly base: RepositoryFiles,
    private readonly top: RepositoryFiles,
  ) {}

  async read(file: string) {
    return (await this.top.read(file)) ?? this.base.read(file);
  }

  async list(folder: string) {
    const [below, above] = await Promise.all([
      this.base.list(folder),
      this.top.list(folder),
    ]);
    return [...new Set([...below, ...above])].sort();
  }

  async write(file: string, content: string) {
    await this.top.write(file, content);
  }
}

/**
 * Reads through to another source and keeps writes in memory, so that an
 * edit can be planned (a scaffolder dry run, a preview) without touching
 * the repository. `writes` holds what would have been written.
 *
 * @public
 */
export class DryRunFiles implements RepositoryFiles {
  readonly writes = new Map<string, string>();

  constructor(private readonly base: RepositoryFiles) {}

  async read(file: string) {
    return this.writes.get(normalize(file)) ?? this.base.read(file);
  }

  async list(folder: string) {
    const names = childNames(this.writes.keys(), folder);
    for (const name of await this.base.list(folder)) names.add(name);
    return [...names].sort();
  }

  async write(file: string, content: string) {
    this.writes.set(normalize(file), content);
  }
}

/**
 * Reads through to another source once per file and once per folder: one
 * computation over it (the cost model) sees one snapshot of the repository
 * and does not pay twice for a file several readers want (a service's base,
 * read for every environment). Read-only.
 *
 * @public
 */
export class SnapshotFiles implements RepositoryFiles {
  private readonly reads = new Map<string, Promise<string | undefined>>();
  private readonly lists = new Map<string, Promise<string[]>>();

  constructor(private readonly base: RepositoryFiles) {}

  async read(file: string) {
    return once(this.reads, normalize(file), () => this.base.read(file));
  }

  async list(folder: string) {
    return once(this.lists, normalize(folder), () => this.base.list(folder));
  }

  async write(file: string): Promise<void> {
    throw new NotAllowedError(
      `Cannot write ${file}: this is a read-only snapshot of the repository`,
    );
  }
}

/** The answer kept under `key`, asked for with `load` the first time. */
function once<T>(
  answers: Map<string, Promise<T>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let answer = answers.get(key);
  if (!answer) {
    answer = load();
    answers.set(key, answer);
  }
  return answer;
}
