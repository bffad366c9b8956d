import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  UrlReaders,
  FetchUrlReader,
} from '@backstage/backend-defaults/urlReader';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplates from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// Test harness only: the portal the templates run on has the checklist backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import checklistPlugin from '@goldenpath/backstage-plugin-deployment-checklist-backend';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { scaffolderModuleGitops } from '../module';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');
const run = promisify(execFile);

/**
 * The catalog reads catalog-info.yaml of new services from the test backend
 * itself, whose port is only known once it listens: allow that host.
 */
const loopbackUrlReader = createServiceFactory({
  service: coreServices.urlReader,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    discovery: coreServices.discovery,
  },
  async factory({ config, logger, discovery }) {
    const host = new URL(await discovery.getBaseUrl('catalog')).host;
    return UrlReaders.default({
      config,
      logger,
      factories: [
        options =>
          FetchUrlReader.factory({
            ...options,
            config: new ConfigReader({
              backend: { reading: { allow: [{ host }] } },
            }),
          }),
      ],
    });
  },
});

/** The auditor's reports that end a task. */
const TASK_ENDS = new Set(['execution', 'stale-cancel']);

/**
 * The scaffolder reports each task's end to the auditor (a success right
 * after the task is stored, a failure just before): runTemplate waits for
 * that instead of polling the task every few milliseconds, which would load
 * the backend a benchmark measures.
 */
function taskEndAuditor() {
  const waiters = new Map<
    string,
    { ended: Promise<bigint>; end: (at: bigint) => void }
  >();
  const waiter = (taskId: string) => {
    let entry = waiters.get(taskId);
    if (!entry) {
      let end: (at: bigint) => void = () => {};
      const ended = new Promise<bigint>(resolve => {
        end = resolve;
      });
      entry = { ended, end };
      waiters.set(taskId, entry);
    }
    return entry;
  };
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => ({
      async createEvent(options) {
        const { taskId, actionType } = options.meta ?? {};
        const ends =
          options.eventId === 'task' &&
          typeof taskId === 'string' &&
          TASK_ENDS.has(String(actionType));
        const ended = async () => {
          if (ends) waiter(taskId).end(process.hrtime.bigint());
        };
        return { success: ended, fail: ended };
      },
    }),
  });
  return {
    factory,
    /** When the task ended (process.hrtime.bigint()); once per task run. */
    ended: async (taskId: string) => {
      try {
        return await waiter(taskId).ended;
      } finally {
        // A retried task ends again under the same id.
        waiters.delete(taskId);
      }
    },
  };
}

export interface TaskResult {
  id: string;
  status: string;
  output: Record<string, any>;
  log: string[];
  /** When the scaffolder reported the task's end (process.hrtime.bigint()). */
  endedAt: bigint;
}

/**
 * A portal as the golden path runs it locally: the real scaffolder and
 * catalog, this module, the repository's templates and organisation, and
 * git repositories under a scratch data folder (seeded from this
 * repository's gitops-config and infrastructure).
 */
export async function startPortal(
  templates: string[],
  extraTemplateFiles: string[] = [],
  portalOptions: {
    /** Also load the platform's services (catalog/components.yaml). */
    platformComponents?: boolean;
    /**
     * How often the catalog reprocesses every entity; 1 s by default, so
     * that tests see registrations quickly.
     */
    processingIntervalSeconds?: number;
  } = {},
) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-data-'));
  const gitRoot = path.join(dataDir, 'git');
  const auditor = taskEndAuditor();
  const backend = await startTestBackend({
    features: [
      auditor.factory,
      catalogPlugin,
      catalogModuleTemplates,
      scaffolderPlugin,
      scaffolderModuleGitops,
      checklistPlugin,
      loopbackUrlReader,
      mockServices.rootConfig.factory({
        data: {
          goldenpath: {
            localGit: {
              root: gitRoot,
              seed: {
                'gitops-config': path.join(REPOSITORY_ROOT, 'gitops-config'),
                infrastructure: path.join(REPOSITORY_ROOT, 'infrastructure'),
              },
            },
          },
          scaffolder: {
            defaultEnvironment: {
              parameters: {
                publisher: 'local',
                gitopsCloneUrl: 'gitops-config',
                gitopsRepoUrl: 'gitops-config',
                infrastructureCloneUrl: 'infrastructure',
                infrastructureRepoUrl: 'infrastructure',
              },
            },
          },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'API',
                  'Resource',
                  'System',
                  'Domain',
                  'Group',
                  'User',
                  'Location',
                  'Template',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(REPOSITORY_ROOT, 'catalog/org.yaml'),
              },
              {
                type: 'file',
                target: path.join(REPOSITORY_ROOT, 'catalog/systems.yaml'),
              },
              ...(portalOptions.platformComponents
                ? [
                    {
                      type: 'file',
                      target: path.join(
                        REPOSITORY_ROOT,
                        'catalog/components.yaml',
                      ),
                    },
                  ]
                : []),
              ...templates.map(t => ({
                type: 'file',
                target: path.join(
                  REPOSITORY_ROOT,
                  'templates',
                  t,
                  'template.yaml',
                ),
              })),
              ...extraTemplateFiles.map(target => ({ type: 'file', target })),
            ],
            processingInterval: {
              seconds: portalOptions.processingIntervalSeconds ?? 1,
            },
          },
        },
      }),
    ],
  });
  const http = request(backend.server);
  const auth = mockCredentials.user.header('user:default/guest');

  async function entity(ref: string) {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const response = await http
      .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
      .set('Authorization', auth);
    return response.status === 200 ? response.body : undefined;
  }

  async function waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    seconds = 60,
    pollMs = 250,
  ) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}`);
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
  }

  async function runTemplate(
    templateRef: string,
    values: Record<string, unknown>,
    options: {
      /**
       * Called with each "Beginning step" as it is first seen (the task's
       * events are then read every 10 ms).
       */
      onStepStart?: (stepId: string) => void;
    } = {},
  ): Promise<TaskResult> {
    await waitFor(templateRef, () => entity(templateRef));
    const created = await http
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef, values });
    if (created.status !== 201) {
      throw new Error(
        `POST /v2/tasks: ${created.status} ${JSON.stringify(created.body)}`,
      );
    }
    const id: string = created.body.id;
    let endedAt: bigint | undefined;
    let stopWatching = false;
    const end = auditor.ended(id).then(at => {
      endedAt = at;
    });
    const seenSteps = new Set<string>();
    const watchSteps = async (onStepStart: (stepId: string) => void) => {
      while (!endedAt && !stopWatching) {
        const events = await http
          .get(`/api/scaffolder/v2/tasks/${id}/events`)
          .set('Authorization', auth);
        for (const event of Array.isArray(events.body) ? events.body : []) {
          const step = event.body?.stepId;
          if (step && !seenSteps.has(step)) {
            seenSteps.add(step);
            onStepStart(step);
          }
        }
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    };
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([
        end,
        options.onStepStart && watchSteps(options.onStepStart),
      ]),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Timed out waiting for task ${id}`)),
          300_000,
        );
      }),
    ]).finally(() => {
      clearTimeout(timer);
      stopWatching = true;
    });
    // A failure is reported just before it is stored: read the task until
    // its status is final.
    const task = await waitFor(
      `the status of task ${id}`,
      async () => {
        const { body } = await http
          .get(`/api/scaffolder/v2/tasks/${id}`)
          .set('Authorization', auth);
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      30,
      20,
    );
    const events = await http
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', auth);
    const log = (events.body as any[])
      .filter(e => e.type === 'log')
      .map(e => `${e.body.stepId ?? ''} ${e.body.message}`);
    const completion = (events.body as any[]).find(
      e => e.type === 'completion',
    );
    return {
      id,
      status: task.status,
      output: completion?.body?.output ?? {},
      log,
      endedAt: endedAt!,
    };
  }

  /**
   * A fresh clone of a local repository's main branch (in the portal's data
   * folder, so stop() removes it).
   */
  async function clone(name: string) {
    await fs.mkdir(path.join(dataDir, 'clones'), { recursive: true });
    const dir = await fs.mkdtemp(path.join(dataDir, 'clones', `${name}-`));
    await run('git', [
      'clone',
      '--quiet',
      path.join(gitRoot, `${name}.git`),
      dir,
    ]);
    return dir;
  }

  async function git(name: string, ...args: string[]) {
    const { stdout } = await run('git', [
      '--git-dir',
      path.join(gitRoot, `${name}.git`),
      ...args,
    ]);
    return stdout.trim();
  }

  return {
    http,
    auth,
    gitRoot,
    entity,
    waitFor,
    runTemplate,
    clone,
    git,
    stop: async () => {
      await backend.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
