import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { listFiles } from './__testUtils__/files';
import { REPOSITORY_ROOT, startPortal } from './__testUtils__/portal';

/**
 * The golden path provisions what is checked in: each service template, run
 * with the values in its golden/<app>.yaml, adds exactly the app's folder of
 * gitops-config, byte for byte, to a repository that lacks it.
 */

jest.setTimeout(900_000);
const run = promisify(execFile);

const TEMPLATES = ['node-service', 'spring-boot-service', 'react-frontend'];
const GITOPS_CONFIG = path.join(REPOSITORY_ROOT, 'gitops-config');

interface GoldenApp {
  template: string;
  file: string;
  values: Record<string, any>;
}

function goldenApps(): GoldenApp[] {
  return TEMPLATES.flatMap(template => {
    const folder = path.join(REPOSITORY_ROOT, 'templates', template, 'golden');
    return require('node:fs')
      .readdirSync(folder)
      .map((file: string) => ({
        template,
        file: path.relative(REPOSITORY_ROOT, path.join(folder, file)),
        values: yaml.parse(
          require('node:fs').readFileSync(path.join(folder, file), 'utf8'),
        ),
      }));
  });
}

const APPS = goldenApps();

async function git(cwd: string, ...args: string[]) {
  const { stdout } = await run('git', args, { cwd });
  return stdout.trim();
}

let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  portal = await startPortal(TEMPLATES);
});
afterAll(() => portal?.stop());

describe('golden path consistency', () => {
  it('has the parameters of every app in gitops-config', async () => {
    const apps = (
      await fs.readdir(path.join(GITOPS_CONFIG, 'apps'), {
        withFileTypes: true,
      })
    )
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .sort();
    expect(APPS.map(app => app.values.name).sort()).toEqual(apps);
  });

  it('agrees with the catalog on owner, system and data stores', async () => {
    const entities = yaml
      .parseAllDocuments(
        await fs.readFile(
          path.join(REPOSITORY_ROOT, 'catalog/components.yaml'),
          'utf8',
        ),
      )
      .map(doc => doc.toJS());
    for (const { file, values } of APPS) {
      const entity = entities.find(
        e => e?.kind === 'Component' && e.metadata.name === values.name,
      );
      expect({ file, found: Boolean(entity) }).toEqual({ file, found: true });
      expect({ file, owner: values.owner, system: values.system }).toEqual({
        file,
        owner: `group:default/${entity.spec.owner}`,
        system: `system:default/${entity.spec.system}`,
      });
      const dependsOn: string[] = entity.spec.dependsOn ?? [];
      const resources = dependsOn.filter(ref => ref.startsWith('resource:'));
      expect({
        file,
        dependencies: values.dependencies,
        database: values.database ?? 'none',
        cache: values.cache ?? false,
        queue: values.queue ?? false,
      }).toEqual({
        file,
        dependencies: dependsOn
          .filter(ref => ref.startsWith('component:'))
          .map(ref => ref.slice('component:'.length)),
        database: resources.includes(`resource:${values.name}-db`)
          ? 'postgresql'
          : 'none',
        cache: resources.includes('resource:ecommerce-sessions-cache'),
        queue: resources.some(ref => ref.endsWith('-queue')),
      });
      const runtime = entity.metadata.annotations?.['goldenpath.dev/runtime'];
      const template = APPS.find(a => a.values.name === values.name)!.template;
      expect({ file, runtime }).toEqual({
        file,
        runtime: {
          'spring-boot-service': 'java',
          'node-service': 'node',
          'react-frontend': 'frontend',
        }[template],
      });
    }
  });

  it.each(APPS.map(app => [app.values.name, app] as const))(
    'the %s values reproduce its gitops-config folder',
    async (name, app) => {
      // The GitOps repository as checked in, without this app's folder.
      const work = await fs.mkdtemp(path.join(os.tmpdir(), `golden-${name}-`));
      try {
        await git(
          work,
          'clone',
          '--quiet',
          path.join(portal.gitRoot, 'gitops-config.git'),
          'repo',
        );
        const repo = path.join(work, 'repo');
        await git(repo, 'rm', '-r', '--quiet', `apps/${name}`);
        await git(
          repo,
          '-c',
          'user.name=golden',
          '-c',
          'user.email=golden@test',
          'commit',
          '--quiet',
          '-m',
          `remove ${name}`,
        );
        await git(repo, 'push', '--quiet', 'origin', 'HEAD:main');
        const before = await git(repo, 'rev-parse', 'HEAD');
        const infrastructureBefore = await portal.git(
          'infrastructure',
          'rev-parse',
          'main',
        );

        const task = await portal.runTemplate(
          `template:default/${app.template}`,
          app.values,
        );
        expect({
          status: task.status,
          log: task.status === 'completed' ? [] : task.log,
        }).toEqual({ status: 'completed', log: [] });

        const after = await portal.clone('gitops-config');
        try {
          const expected = await listFiles(GITOPS_CONFIG);
          expect(await listFiles(after)).toEqual(expected);
          for (const file of expected) {
            const [ours, checkedIn] = await Promise.all([
              fs.readFile(path.join(after, file), 'utf8'),
              fs.readFile(path.join(GITOPS_CONFIG, file), 'utf8'),
            ]);
            expect({ file, text: ours }).toEqual({ file, text: checkedIn });
          }
          // The change touched this app's folder and nothing else.
          const changed = (
            await git(after, 'diff', '--name-only', before, 'HEAD')
          ).split('\n');
          expect(changed.filter(f => !f.startsWith(`apps/${name}/`))).toEqual(
            [],
          );
          expect(changed.length).toBeGreaterThan(0);
        } finally {
          await fs.rm(after, { recursive: true, force: true });
        }
        // Its data stores are already in the infrastructure repository.
        expect(await portal.git('infrastructure', 'rev-parse', 'main')).toBe(
          infrastructureBefore,
        );
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
    },
  );
});
