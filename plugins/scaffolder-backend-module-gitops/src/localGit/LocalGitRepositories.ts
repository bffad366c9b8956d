import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createGit } from '../actions/git/git';

const execFileAsync = promisify(execFile);

const REPOSITORY_NAME = /^[a-z0-9][a-z0-9._-]*$/;

const git = createGit({
  author: { name: 'Golden path', email: 'portal@goldenpath.local' },
});

/**
 * The portal's local git repositories (`goldenpath.localGit`): bare
 * repositories in one folder, addressed by name. They stand in for GitHub
 * when the portal runs on a laptop or in tests.
 */
export class LocalGitRepositories {
  static fromConfig(config: Config, options: { baseDir?: string } = {}) {
    const local = config.getOptionalConfig('goldenpath.localGit');
    if (!local || local.getOptionalBoolean('enabled') === false)
      return undefined;
    const root = path.resolve(
      options.baseDir ?? process.cwd(),
      local.getString('root'),
    );
    const seedConfig = local.getOptionalConfig('seed');
    const seed: Record<string, string> = {};
    for (const name of seedConfig?.keys() ?? []) {
      seed[name] = path.resolve(
        options.baseDir ?? process.cwd(),
        seedConfig!.getString(name),
      );
    }
    return new LocalGitRepositories(root, seed);
  }

  constructor(
    readonly root: string,
    private readonly seed: Record<string, string> = {},
  ) {}

  /** `<root>/<name>.git`; names are lowercase, without slashes. */
  pathOf(name: string): string {
    if (!REPOSITORY_NAME.test(name)) {
      throw new InputError(
        `'${name}' is not a local repository name: expected lowercase letters, digits, '.', '_' or '-'`,
      );
    }
    return path.join(this.root, `${name}.git`);
  }

  /**
   * Resolves what a template gives as a repository: a bare name is a local
   * repository; anything else (a path, file://, https, ssh) is used as is.
   */
  resolve(repoUrl: string): string {
    return REPOSITORY_NAME.test(repoUrl) ? this.pathOf(repoUrl) : repoUrl;
  }

  /** Creates the seeded repositories that do not exist yet. */
  async ensureSeeded(logger: LoggerService): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    for (const [name, folder] of Object.entries(this.seed)) {
      const repository = this.pathOf(name);
      if (await exists(path.join(repository, 'HEAD'))) {
        await this.followSeed(name, folder, logger).catch(error =>
          logger.warn(
            `Could not compare local repository ${name} with ${folder}: ${error}`,
          ),
        );
        continue;
      }
      if (!(await exists(folder))) {
        throw new InputError(
          `goldenpath.localGit.seed.${name}: ${folder} does not exist; give the folder to seed the repository from`,
        );
      }
      const work = await fs.mkdtemp(path.join(os.tmpdir(), `seed-${name}-`));
      try {
        await fs.cp(folder, work, {
          recursive: true,
          filter: source => path.basename(source) !== '.git',
        });
        await git.run(['init', '--quiet', '--initial-branch=main'], {
          cwd: work,
        });
        await git.run(['add', '--all'], { cwd: work });
        await git.run(
          ['commit', '--quiet', '-m', `Seed from ${path.basename(folder)}`],
          { cwd: work },
        );
        const staging = `${repository}.tmp-${process.pid}`;
        // Through git's transport (--no-local), so the objects arrive as one
        // pack, as from a hosted remote: every checkout of the repository
        // then links one pack rather than hundreds of loose objects.
        await git.run([
          'clone',
          '--quiet',
          '--bare',
          '--no-local',
          work,
          staging,
        ]);
        // Other replicas may seed at the same time: the first rename wins.
        await fs.rename(staging, repository).catch(async error => {
          await fs.rm(staging, { recursive: true, force: true });
          if (!(await exists(path.join(repository, 'HEAD')))) throw error;
        });
        logger.info(`Created local repository ${name} from ${folder}`);
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
    }
  }

  /**
   * A repository the golden path has not changed yet (main is still its seed
   * commit) follows edits of its seed folder: main becomes a new seed commit
   * of the folder's files. One that has changed is left alone, with a
   * warning that says how to start again.
   */
  private async followSeed(
    name: string,
    folder: string,
    logger: LoggerService,
  ): Promise<void> {
    if (!(await exists(folder))) return;
    const gitDir = ['--git-dir', this.pathOf(name)];
    const main = 'refs/heads/main';
    const [head, roots] = await Promise.all([
      git.text([...gitDir, 'rev-parse', '--verify', '--quiet', main], {
        okExitCodes: [1],
      }),
      git.text([...gitDir, 'rev-list', '--max-parents=0', main], {
        okExitCodes: [128],
      }),
    ]);
    const seed = roots.split('\n')[0];
    if (!head || !seed) return;
    // The folder's files as seeding commits them (its .gitignore applies),
    // staged in a scratch index; only the blobs land in the repository.
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), `seed-${name}-`));
    try {
      const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
      const inFolder = [...gitDir, '--work-tree', folder];
      await git.run([...inFolder, 'add', '--all'], { cwd: folder, env });
      const tree = await git.text([...inFolder, 'write-tree'], {
        cwd: folder,
        env,
      });
      if (
        tree === (await git.text([...gitDir, 'rev-parse', `${seed}^{tree}`]))
      ) {
        return;
      }
      if (head !== seed) {
        logger.warn(
          `${folder} has changed since local repository ${name} was seeded, and ${name} has commits of its own since: it is left as it is. Delete ${this.pathOf(
            name,
          )} to seed it again from the folder (what was merged there is lost)`,
        );
        return;
      }
      const next = await git.text([
        ...gitDir,
        'commit-tree',
        tree,
        '-m',
        `Seed from ${path.basename(folder)}`,
      ]);
      // Only from the seed commit: another replica may have moved it.
      await git.run([...gitDir, 'update-ref', main, next, seed]);
      logger.info(`Seeded local repository ${name} again from ${folder}`);
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }

  /** A file of a branch or commit, or NotFoundError. */
  async readFile(name: string, ref: string, file: string): Promise<Buffer> {
    const repository = this.pathOf(name);
    if (!(await exists(path.join(repository, 'HEAD')))) {
      throw new NotFoundError(`No local repository ${name}`);
    }
    checkRef(ref);
    try {
      const { stdout } = await execFileAsync(
        'git',
        ['--git-dir', repository, 'show', `${ref}:${file}`],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      );
      return stdout;
    } catch {
      throw new NotFoundError(`${name} has no ${file} on ${ref}`);
    }
  }

  /** The files of a branch or commit. */
  async listFiles(name: string, ref: string): Promise<string[]> {
    const repository = this.pathOf(name);
    if (!(await exists(path.join(repository, 'HEAD')))) {
      throw new NotFoundError(`No local repository ${name}`);
    }
    checkRef(ref);
    try {
      const out = await git.text([
        '--git-dir',
        repository,
        'ls-tree',
        '-r',
        '--name-only',
        ref,
      ]);
      return out.split('\n').filter(Boolean);
    } catch {
      throw new NotFoundError(`${name} has no branch or commit ${ref}`);
    }
  }
}

/**
 * A branch, tag or commit as the URLs name it; anything else (an option such
 * as `--output=...`, a range, a path) is refused before git sees it.
 */
function checkRef(ref: string) {
  if (!/^[\w./-]+$/.test(ref) || ref.includes('..') || ref.startsWith('-')) {
    throw new InputError(`'${ref}' is not a branch or commit`);
  }
}

async function exists(file: string) {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
