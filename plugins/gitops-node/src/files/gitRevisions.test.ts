import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  gitHeadOf,
  GitRevisionCache,
  readCheckedOutRevision,
  readGitRevision,
  readHeadCommit,
} from './gitRevisions';
import { git } from '../testUtils';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../../gitops-config');

const REPLICAS = 'apps/user-service/overlays/prod/patch-replicas.yaml';

describe('readGitRevision', () => {
  let root: string;
  let folder: string;

  beforeAll(async () => {
    // gitops-config as a folder of a larger repository, as in this monorepo.
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-git-'));
    folder = path.join(root, 'gitops-config');
    await fs.cp(GITOPS_CONFIG, folder, { recursive: true });
    await fs.writeFile(path.join(root, 'NOTES.txt'), 'outside the folder\n');
    git(root, 'init', '-q', '--initial-branch=main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'base');
    const file = path.join(folder, REPLICAS);
    await fs.writeFile(
      file,
      (await fs.readFile(file, 'utf8')).replace('replicas: 5', 'replicas: 7'),
    );
    git(root, 'commit', '-q', '-am', 'scale user-service');
    // An uncommitted edit that no revision holds.
    await fs.writeFile(file, 'uncommitted\n');
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('reads a folder as it was at a revision, relative to the folder', async () => {
    const before = await readGitRevision(folder, 'HEAD~1');
    const after = await readGitRevision(folder, 'main');
    expect(await before.files.read(REPLICAS)).toContain('replicas: 5');
    expect(await after.files.read(REPLICAS)).toContain('replicas: 7');
    expect(await after.files.read('NOTES.txt')).toBeUndefined();
    expect(await after.files.read('README.md')).toContain('gitops-config');
    expect(await after.files.list('apps')).toEqual(
      await fs.readdir(path.join(GITOPS_CONFIG, 'apps')).then(n => n.sort()),
    );
    expect(after.commit).toBe(git(root, 'rev-parse', 'HEAD'));
    expect(before.commit).toBe(git(root, 'rev-parse', 'HEAD~1'));
    expect(await gitHeadOf(folder)).toBe(
      git(root, 'rev-parse', '--short', 'HEAD'),
    );
  });

  it('reads a commit once when given a cache, per folder of the repository', async () => {
    const cache = new GitRevisionCache(4);
    const first = await readGitRevision(folder, 'HEAD', { cache });
    const again = await readGitRevision(folder, 'main', { cache });
    expect(again.files).toBe(first.files);
    // A clone of the repository has the same commit: read once too.
    const clone = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-clone-'));
    try {
      git(clone, 'clone', '-q', root, '.');
      const cloned = await readGitRevision(
        path.join(clone, 'gitops-config'),
        'HEAD',
        { cache },
      );
      expect(cloned.files).toBe(first.files);
    } finally {
      await fs.rm(clone, { recursive: true, force: true });
    }
    // Another folder of the same commit is another set of files.
    const whole = await readGitRevision(root, 'HEAD', { cache });
    expect(whole.files).not.toBe(first.files);
    expect(await whole.files.read('NOTES.txt')).toBe('outside the folder\n');
    // Another commit of the same folder too.
    const older = await readGitRevision(folder, 'HEAD~1', { cache });
    expect(await older.files.read(REPLICAS)).toContain('replicas: 5');
  });

  it('refuses what is not a revision and names what is unknown', async () => {
    await expect(readGitRevision(folder, '--output=/tmp/x')).rejects.toThrow(
      InputError,
    );
    await expect(readGitRevision(folder, 'main..HEAD')).rejects.toThrow(
      "'main..HEAD' is not a git revision",
    );
    await expect(readGitRevision(folder, 'no-such-branch')).rejects.toThrow(
      `Unknown git revision 'no-such-branch' in ${folder}`,
    );
    const plain = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-plain-'));
    try {
      await expect(readGitRevision(plain, 'HEAD')).rejects.toThrow(
        `${plain} is not in a git working copy`,
      );
      expect(await gitHeadOf(plain)).toBeUndefined();
    } finally {
      await fs.rm(plain, { recursive: true, force: true });
    }
  });

  describe('a checkout read without starting git', () => {
    let clone: string;
    beforeEach(async () => {
      clone = await fs.mkdtemp(path.join(os.tmpdir(), 'git-head-'));
      git(clone, 'clone', '-q', '--no-checkout', root, '.');
    });
    afterEach(() => fs.rm(clone, { recursive: true, force: true }));

    it('finds the commit HEAD is at however git stored the ref', async () => {
      const head = git(clone, 'rev-parse', 'HEAD');
      // A fresh clone: the branch as a loose ref.
      expect(await readHeadCommit(clone)).toBe(head);
      // Refs packed (what gc does), with an annotated tag's peeled line.
      git(clone, 'tag', '-a', '-m', 'release', 'v1', 'HEAD~1');
      git(clone, 'pack-refs', '--all');
      await expect(
        fs.stat(path.join(clone, '.git/refs/heads/main')),
      ).rejects.toThrow();
      expect(
        await fs.readFile(path.join(clone, '.git/packed-refs'), 'utf8'),
      ).toMatch(/^\^[0-9a-f]{40}$/m);
      expect(await readHeadCommit(clone)).toBe(head);
      // The branch moved since: its loose ref wins over the packed one.
      git(clone, 'update-ref', 'refs/heads/main', 'HEAD~1');
      expect(await readHeadCommit(clone)).toBe(git(clone, 'rev-parse', 'HEAD'));
      expect(await readHeadCommit(clone)).not.toBe(head);
      // Detached.
      git(clone, 'update-ref', '--no-deref', 'HEAD', head);
      expect(await readHeadCommit(clone)).toBe(head);
    });

    it('leaves to git what it does not read itself', async () => {
      // A branch without commits yet.
      git(clone, 'symbolic-ref', 'HEAD', 'refs/heads/unborn');
      expect(await readHeadCommit(clone)).toBeUndefined();
      // A symbolic ref pointing at another.
      git(clone, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
      git(clone, 'symbolic-ref', 'HEAD', 'refs/heads/alias');
      expect(await readHeadCommit(clone)).toBeUndefined();
      await expect(readCheckedOutRevision(clone)).resolves.toMatchObject({
        commit: git(clone, 'rev-parse', 'HEAD'),
      });
      // A folder inside the checkout, and one that is no checkout.
      expect(await readHeadCommit(path.join(clone, '.git'))).toBeUndefined();
      expect(await readHeadCommit(os.tmpdir())).toBeUndefined();
    });

    it('reads a commit the cache holds without any git process', async () => {
      const cache = new GitRevisionCache(4);
      const first = await readCheckedOutRevision(clone, { cache });
      expect(first.commit).toBe(git(clone, 'rev-parse', 'HEAD'));
      expect(await first.files.read(`gitops-config/${REPLICAS}`)).toContain(
        'replicas: 7',
      );
      // The cache entry is the one readGitRevision makes for the same root.
      expect((await readGitRevision(clone, 'HEAD', { cache })).files).toBe(
        first.files,
      );
      const path_ = process.env.PATH;
      const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'no-git-'));
      process.env.PATH = empty;
      try {
        // Without git on the PATH, asking git fails...
        await expect(
          readGitRevision(clone, 'HEAD', { cache }),
        ).rejects.toThrow();
        // ...and the checked-out commit is still answered.
        const again = await readCheckedOutRevision(clone, { cache });
        expect(again.files).toBe(first.files);
      } finally {
        process.env.PATH = path_;
        await fs.rm(empty, { recursive: true, force: true });
      }
    });
  });
});
