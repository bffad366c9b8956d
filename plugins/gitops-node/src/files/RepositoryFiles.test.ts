import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DirectoryFiles,
  DryRunFiles,
  OverlayFiles,
  RepositoryFiles,
  SnapshotFiles,
  TreeFiles,
} from './RepositoryFiles';

describe('TreeFiles.fromDirectory', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tree-files-'));
    const write = async (file: string, content: string | Buffer) => {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fs.writeFile(path.join(root, file), content);
    };
    await write('kustomization.yaml', 'resources: []\n');
    await write('apps/orders/base/deployment.yaml', 'kind: Deployment\n');
    await write('apps/orders/overlays/prod/kustomization.yaml', 'x: 1\n');
    await write('.git/HEAD', 'ref: refs/heads/main\n');
    await write('big.bin', Buffer.alloc(64, 'a'));
    await fs.symlink('/etc/hostname', path.join(root, 'link.txt'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('holds the working copy as it was when read, without .git or links', async () => {
    const files = await TreeFiles.fromDirectory(root);
    expect(await files.list('')).toEqual([
      'apps',
      'big.bin',
      'kustomization.yaml',
    ]);
    expect(await files.list('apps/orders')).toEqual(['base', 'overlays']);
    expect(await files.read('apps/orders/base/deployment.yaml')).toBe(
      'kind: Deployment\n',
    );
    expect(await files.read('.git/HEAD')).toBeUndefined();
    expect(await files.read('link.txt')).toBeUndefined();

    await fs.writeFile(path.join(root, 'kustomization.yaml'), 'changed\n');
    expect(await files.read('kustomization.yaml')).toBe('resources: []\n');
    await expect(files.write('kustomization.yaml')).rejects.toThrow(
      'read-only',
    );
  });

  it('leaves out files over the size limit', async () => {
    const files = await TreeFiles.fromDirectory(root, { maxFileBytes: 32 });
    expect(await files.read('big.bin')).toBeUndefined();
    expect(await files.read('kustomization.yaml')).toBe('resources: []\n');
  });
});

describe('DirectoryFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'directory-files-'));
    await fs.mkdir(path.join(dir, 'checkout/apps/orders'), { recursive: true });
    await fs.mkdir(path.join(dir, 'outside'));
    await fs.writeFile(path.join(dir, 'outside/secret.env'), 'TOKEN=s3cr3t\n');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads and writes files in the checkout, creating folders', async () => {
    const files = new DirectoryFiles(path.join(dir, 'checkout'));
    await files.write('apps/orders/base/kustomization.yaml', 'resources: []\n');
    expect(await files.read('apps/orders/base/kustomization.yaml')).toBe(
      'resources: []\n',
    );
    expect(await files.list('apps/orders')).toEqual(['base']);
    expect(await files.read('apps/missing.yaml')).toBeUndefined();
  });

  it('refuses paths through a symbolic link, reading and writing nothing outside', async () => {
    const checkout = path.join(dir, 'checkout');
    await fs.symlink(
      path.join(dir, 'outside'),
      path.join(checkout, 'apps/payments'),
    );
    await fs.symlink(
      path.join(dir, 'outside/secret.env'),
      path.join(checkout, 'apps/orders/config.env'),
    );
    const files = new DirectoryFiles(checkout);

    await expect(
      files.write('apps/payments/base/kustomization.yaml', 'x: 1\n'),
    ).rejects.toThrow(
      `Path 'apps/payments/base/kustomization.yaml' goes through the symbolic link 'apps/payments' in ${checkout}`,
    );
    await expect(files.read('apps/orders/config.env')).rejects.toThrow(
      "goes through the symbolic link 'apps/orders/config.env'",
    );
    await expect(files.list('apps/payments')).rejects.toThrow('symbolic link');
    await expect(
      files.write('apps/orders/config.env', 'A=1\n'),
    ).rejects.toThrow('symbolic link');
    expect(await fs.readdir(path.join(dir, 'outside'))).toEqual(['secret.env']);
    expect(
      await fs.readFile(path.join(dir, 'outside/secret.env'), 'utf8'),
    ).toBe('TOKEN=s3cr3t\n');
  });
});

describe('OverlayFiles', () => {
  it('reads the top first, lists both and writes to the top only', async () => {
    const base = TreeFiles.fromEntries({
      'apps/orders/base/deployment.yaml': 'base\n',
      'apps/README.md': 'readme\n',
    });
    const top = new DryRunFiles(TreeFiles.fromEntries({}));
    const files = new OverlayFiles(base, top);
    await files.write('apps/README.md', 'edited\n');
    await files.write('apps/cart/base/deployment.yaml', 'new\n');

    expect(await files.read('apps/README.md')).toBe('edited\n');
    expect(await files.read('apps/orders/base/deployment.yaml')).toBe('base\n');
    expect(await files.read('apps/missing.yaml')).toBeUndefined();
    expect(await files.list('apps')).toEqual(['README.md', 'cart', 'orders']);
    expect([...top.writes.keys()].sort()).toEqual([
      'apps/README.md',
      'apps/cart/base/deployment.yaml',
    ]);
    expect(await base.read('apps/README.md')).toBe('readme\n');
  });
});

describe('SnapshotFiles', () => {
  it('reads each file and lists each folder of its source once', async () => {
    const source = TreeFiles.fromEntries({
      'apps/orders/base/deployment.yaml': 'kind: Deployment\n',
    });
    const reads: string[] = [];
    const counting: RepositoryFiles = {
      read: file => {
        reads.push(`read ${file}`);
        return source.read(file);
      },
      list: folder => {
        reads.push(`list ${folder}`);
        return source.list(folder);
      },
      write: file => source.write(file),
    };
    const snapshot = new SnapshotFiles(counting);

    for (const file of [
      'apps/orders/base/deployment.yaml',
      './apps/orders/base/deployment.yaml',
      'apps/orders/missing.yaml',
      'apps/orders/missing.yaml',
    ]) {
      await snapshot.read(file);
    }
    expect(await snapshot.list('apps/orders')).toEqual(['base']);
    expect(await snapshot.list('apps/orders/')).toEqual(['base']);
    expect(await snapshot.read('apps/orders/base/deployment.yaml')).toBe(
      'kind: Deployment\n',
    );
    expect(reads).toEqual([
      'read apps/orders/base/deployment.yaml',
      'read apps/orders/missing.yaml',
      'list apps/orders',
    ]);
    await expect(snapshot.write('x.yaml')).rejects.toThrow(
      'Cannot write x.yaml: this is a read-only snapshot',
    );
  });
});
