import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';
import { DirectoryFiles, RepositoryFiles } from '../files/RepositoryFiles';
import { validateGitopsConfig } from '../validation';
import { PLATFORM_APPS } from './__testUtils__/platformApps';
import {
  copyGitopsConfig,
  GITOPS_CONFIG,
  readTree,
} from './__testUtils__/gitopsConfigCopy';
import { addApp } from './addApp';
import { defaultAppSpec, INITIAL_TAGS } from './defaultAppSpec';
import { AppSpec } from './types';

const run = promisify(execFile);
const ENVS = ENVIRONMENTS;

let scratch: { root: string; remove: () => Promise<void> };
beforeEach(async () => {
  scratch = await copyGitopsConfig();
});
afterEach(async () => {
  await scratch.remove();
});

/** DirectoryFiles that counts its writes. */
function countingFiles(root: string) {
  const files = new DirectoryFiles(root);
  const written: string[] = [];
  const counting: RepositoryFiles = {
    read: file => files.read(file),
    list: folder => files.list(folder),
    write: async (file, content) => {
      written.push(file);
      await files.write(file, content);
    },
  };
  return { files: counting, written };
}

// ---- Taking an app out of the repository by hand, as if it never existed.

async function editYaml(
  file: string,
  change: (doc: ReturnType<typeof parseDocument>) => void,
) {
  const doc = parseDocument(await fs.readFile(file, 'utf8'));
  change(doc);
  await fs.writeFile(file, doc.toString({ lineWidth: 0, indentSeq: true }));
}

function dropFromList(doc: ReturnType<typeof parseDocument>, entry: string) {
  const resources = doc.get('resources', true);
  if (!isSeq(resources)) throw new Error('no resources');
  resources.items = resources.items.filter(item => String(item) !== entry);
}

function dropPeer(
  doc: ReturnType<typeof parseDocument>,
  direction: string,
  app: string,
) {
  const key = direction === 'ingress' ? 'from' : 'to';
  const rules = doc.getIn(['spec', direction], true);
  if (!isSeq(rules)) throw new Error('no rules');
  for (const rule of rules.items) {
    const peers = isMap(rule) ? rule.get(key, true) : undefined;
    if (isSeq(peers)) {
      peers.items = peers.items.filter(
        peer =>
          !isMap(peer) ||
          peer.getIn(['podSelector', 'matchLabels', 'app']) !== app,
      );
    }
  }
  rules.items = rules.items.filter(rule => {
    const peers = isMap(rule) ? rule.get(key, true) : undefined;
    return !isSeq(peers) || peers.items.length > 0;
  });
}

function dropReadmeRows(text: string, app: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (!table.length) return;
    const rows = table.filter((row, i) => i < 2 || row[0] !== app);
    const widths = rows[0].map((_, c) =>
      Math.max(3, ...rows.filter((__, i) => i !== 1).map(row => row[c].length)),
    );
    rows.forEach((row, i) =>
      out.push(
        `| ${row
          .map((cell, c) =>
            i === 1 ? '-'.repeat(widths[c]) : cell.padEnd(widths[c]),
          )
          .join(' | ')} |`,
      ),
    );
    table = [];
  };
  for (const line of lines) {
    if (line.startsWith('|')) {
      table.push(
        line
          .slice(1, -1)
          .split('|')
          .map(cell => cell.trim()),
      );
    } else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}

async function removeApp(root: string, spec: AppSpec) {
  const name = spec.name;
  await fs.rm(path.join(root, 'apps', name), { recursive: true });
  for (const env of ENVS) {
    const folder = path.join(root, `clusters/${env}-cluster/apps`);
    await fs.rm(path.join(folder, `${name}.yaml`));
    await editYaml(path.join(folder, 'kustomization.yaml'), doc =>
      dropFromList(doc, `${name}.yaml`),
    );
  }
  const rules = path.join(root, 'infrastructure/base/prometheus/rules');
  await fs.rm(path.join(rules, `${name}-alerts.yaml`));
  await editYaml(path.join(rules, 'kustomization.yaml'), doc =>
    dropFromList(doc, `${name}-alerts.yaml`),
  );
  const dashboards = path.join(root, 'infrastructure/base/grafana/dashboards');
  await fs.rm(path.join(dashboards, `${name}.yaml`));
  await editYaml(path.join(dashboards, 'kustomization.yaml'), doc =>
    dropFromList(doc, `${name}.yaml`),
  );
  const policy = (app: string) =>
    path.join(root, 'apps', app, 'overlays/prod/networkpolicy.yaml');
  for (const app of spec.dependencies) {
    await editYaml(policy(app), doc => dropPeer(doc, 'ingress', name));
  }
  for (const app of spec.callers) {
    await editYaml(policy(app), doc => dropPeer(doc, 'egress', name));
  }
  const readme = path.join(root, 'apps/README.md');
  await fs.writeFile(
    readme,
    dropReadmeRows(await fs.readFile(readme, 'utf8'), name),
  );
}

function changedFiles(
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter(file => before.get(file) !== after.get(file)).sort();
}

describe('addApp', () => {
  it.each(PLATFORM_APPS.map(spec => [spec.name, spec] as const))(
    'puts %s back exactly as the repository had it, then has nothing to do',
    async (name, spec) => {
      const original = await readTree(GITOPS_CONFIG);
      await removeApp(scratch.root, spec);
      const removed = await readTree(scratch.root);
      // The removal really touched the lists, README and neighbours it must restore.
      const touched = changedFiles(original, removed).filter(
        f => !f.startsWith(`apps/${name}/`),
      );
      expect(touched).toEqual(
        expect.arrayContaining([
          'apps/README.md',
          'clusters/prod-cluster/apps/kustomization.yaml',
          'infrastructure/base/grafana/dashboards/kustomization.yaml',
          ...[...spec.dependencies, ...spec.callers].map(
            app => `apps/${app}/overlays/prod/networkpolicy.yaml`,
          ),
        ]),
      );

      const first = countingFiles(scratch.root);
      const result = await addApp(first.files, spec);
      const restored = await readTree(scratch.root);
      expect(changedFiles(original, restored)).toEqual([]);
      expect(result.created).toEqual(
        changedFiles(removed, restored).filter(f => !removed.has(f)),
      );
      expect(result.updated).toEqual(
        changedFiles(removed, restored).filter(f => removed.has(f)),
      );

      const second = countingFiles(scratch.root);
      const again = await addApp(second.files, spec);
      expect(second.written).toEqual([]);
      expect(again.created).toEqual([]);
      expect(again.updated).toEqual([]);
      expect(again.unchanged).toEqual(
        [...result.created, ...result.updated, ...result.unchanged].sort(),
      );
      expect(changedFiles(original, await readTree(scratch.root))).toEqual([]);
    },
  );

  it('adds a new service that kustomize builds and the validation suite accepts', async () => {
    const spec = defaultAppSpec({
      name: 'inventory-service',
      kind: 'node',
      owner: 'checkout-team',
      database: true,
      cache: true,
      queue: true,
      dependencies: ['product-catalog'],
    });
    const before = await readTree(scratch.root);
    const result = await addApp(new DirectoryFiles(scratch.root), spec);

    expect(result.created).toContain(
      'apps/inventory-service/overlays/prod/networkpolicy.yaml',
    );
    expect(result.updated).toEqual([
      'apps/README.md',
      'apps/product-catalog/overlays/prod/networkpolicy.yaml',
      'clusters/dev-cluster/apps/kustomization.yaml',
      'clusters/prod-cluster/apps/kustomization.yaml',
      'clusters/staging-cluster/apps/kustomization.yaml',
      'infrastructure/base/grafana/dashboards/kustomization.yaml',
      'infrastructure/base/prometheus/rules/kustomization.yaml',
    ]);
    expect(changedFiles(before, await readTree(scratch.root))).toEqual(
      [...result.created, ...result.updated].sort(),
    );

    const callers = parseDocument(
      await fs.readFile(
        path.join(
          scratch.root,
          'apps/product-catalog/overlays/prod/networkpolicy.yaml',
        ),
        'utf8',
      ),
    )
      .toJS()
      .spec.ingress[0].from.map(
        (peer: any) => peer.podSelector.matchLabels.app,
      );
    expect(callers).toEqual([
      'cart-service',
      'frontend',
      'inventory-service',
      'search-service',
    ]);

    for (const env of ENVS) {
      const overlay = await run(
        'kubectl',
        ['kustomize', `apps/inventory-service/overlays/${env}`],
        {
          cwd: scratch.root,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      expect(overlay.stdout).toContain(
        `image: ghcr.io/ecommerce-platform/inventory-service:${INITIAL_TAGS[env]}`,
      );
      const cluster = await run(
        'kubectl',
        ['kustomize', `clusters/${env}-cluster/apps`],
        {
          cwd: scratch.root,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      expect(cluster.stdout).toContain(
        `path: ./apps/inventory-service/overlays/${env}`,
      );
    }

    await expect(validateGitopsConfig(scratch.root)).resolves.toEqual([]);
  }, 180_000);

  it('refuses to replace an app whose files differ, and writes nothing', async () => {
    const userService = PLATFORM_APPS.find(app => app.name === 'user-service')!;
    const changed = {
      ...userService,
      hpa: { minReplicas: 3, maxReplicas: 30 },
    };
    const { files, written } = countingFiles(scratch.root);

    const error = await addApp(files, changed).catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain("'user-service'");
    expect(error.message).toContain('apps/user-service/overlays/prod/hpa.yaml');
    expect(written).toEqual([]);
    expect(
      changedFiles(await readTree(GITOPS_CONFIG), await readTree(scratch.root)),
    ).toEqual([]);
  });

  it('names a file of the app that the spec would not render as a conflict', async () => {
    const cart = PLATFORM_APPS.find(app => app.name === 'cart-service')!;
    await fs.writeFile(
      path.join(scratch.root, 'apps/cart-service/base/extra.yaml'),
      'kind: X\n',
    );
    const error = await addApp(new DirectoryFiles(scratch.root), cart).catch(
      e => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('apps/cart-service/base/extra.yaml');
  });

  it('replaces the differing files with overwrite', async () => {
    const userService = PLATFORM_APPS.find(app => app.name === 'user-service')!;
    const changed = {
      ...userService,
      hpa: { minReplicas: 3, maxReplicas: 30 },
    };
    const result = await addApp(new DirectoryFiles(scratch.root), changed, {
      overwrite: true,
    });
    expect(result.created).toEqual([]);
    expect(result.updated).toEqual([
      'apps/README.md',
      'apps/user-service/overlays/prod/hpa.yaml',
    ]);
    const hpa = await fs.readFile(
      path.join(scratch.root, 'apps/user-service/overlays/prod/hpa.yaml'),
      'utf8',
    );
    expect(hpa).toContain('maxReplicas: 30\n');
    const readme = await fs.readFile(
      path.join(scratch.root, 'apps/README.md'),
      'utf8',
    );
    expect(readme).toMatch(
      /\| user-service +\| prod +\| 5 +\| [^|]+\| [^|]+\| 3\.\.30 +\|/,
    );
  });

  it('rejects dependencies that are not apps of the repository, and writes nothing', async () => {
    const spec = defaultAppSpec({
      name: 'inventory-service',
      kind: 'node',
      owner: 'checkout-team',
      dependencies: ['warehouse-service'],
    });
    const { files, written } = countingFiles(scratch.root);
    const error = await addApp(files, spec).catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(
      "Unknown app (in dependencies) 'warehouse-service'",
    );
    expect(error.message).toContain('product-catalog');
    expect(written).toEqual([]);
  });

  it('plans every edit before writing, so a broken list stops it with nothing written', async () => {
    const list = 'infrastructure/base/grafana/dashboards/kustomization.yaml';
    await fs.writeFile(path.join(scratch.root, list), 'resources: [a\n');
    const before = await readTree(scratch.root);
    const { files, written } = countingFiles(scratch.root);
    const error = await addApp(
      files,
      defaultAppSpec({
        name: 'inventory-service',
        kind: 'node',
        owner: 'checkout-team',
      }),
    ).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(new RegExp(`^${list}:\\d+: invalid YAML`));
    expect(written).toEqual([]);
    expect(changedFiles(before, await readTree(scratch.root))).toEqual([]);
  });

  it.each(['../x', 'User_Service', 'a'.repeat(64)])(
    'rejects the name %s before touching the repository',
    async name => {
      const spec = {
        ...defaultAppSpec({ name: 'ok', kind: 'node', owner: 'web-team' }),
        name,
      };
      const { files, written } = countingFiles(scratch.root);
      const error = await addApp(files, spec).catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('name');
      expect(error.message).toContain('DNS label');
      expect(written).toEqual([]);
      expect(
        changedFiles(
          await readTree(GITOPS_CONFIG),
          await readTree(scratch.root),
        ),
      ).toEqual([]);
    },
  );
});
