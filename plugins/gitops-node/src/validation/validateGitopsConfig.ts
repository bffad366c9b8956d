import { ValidationFinding } from '@goldenpath/backstage-plugin-gitops-common';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { DEV_TAG, RELEASE_TAG, splitImage } from '../gitops/imageTags';
import { enforcePolicies } from './kyverno';
import { KustomizeBuilder, RenderedObject } from './kustomize';
import { schemaProblems } from './schemas';

const execFileAsync = promisify(execFile);

/** @public */
export interface ValidateGitopsOptions {
  /** Defaults to `kubectl` on PATH (kustomize v5 is built in). */
  kubectl?: string;
  /** Defaults to `promtool` on PATH. */
  promtool?: string;
  /**
   * Keys of ConfigMaps that Flux substitutes from (`postBuild.substituteFrom`)
   * but that are created at bootstrap rather than kept in the repository.
   * Default: `cluster-vars` holds `AWS_ACCOUNT_ID` (see docs/bootstrap.md).
   */
  bootstrapVariables?: Record<string, string[]>;
}

/** Alerts every service has, and the one services with a database add. */
const REQUIRED_ALERTS = [
  'HighErrorRate',
  'HighResponseTime',
  'PodCrashLooping',
];
const DATABASE_ALERT = 'DatabaseConnectionPoolExhausted';

const APP_OVERLAY = /^apps\/([^/]+)\/overlays\/(dev|staging|prod)$/;

type Json = Record<string, any>;

class GitopsValidation {
  private readonly findings: ValidationFinding[] = [];
  private readonly seen = new Set<string>();
  private readonly builder: KustomizeBuilder;
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly options: ValidateGitopsOptions,
  ) {
    this.builder = new KustomizeBuilder(root, options.kubectl);
  }

  async run(): Promise<ValidationFinding[]> {
    const folders = await kustomizationFolders(this.root);
    const built = new Map<string, RenderedObject[]>();
    for (const folder of folders) {
      const result = await this.builder.build(folder);
      if (result.ok) {
        built.set(folder, result.objects);
      } else {
        await this.report({
          file: `${folder}/kustomization.yaml`,
          rule: 'kustomize/build',
          message: result.error,
        });
      }
    }

    for (const objects of built.values()) {
      for (const rendered of objects) await this.checkSchema(rendered);
    }
    await this.checkFlux(built);
    await this.checkPolicies(built);
    await this.checkApps(built);
    await this.checkAlertRules(built);
    await this.checkDashboards(built);

    return this.findings.sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.rule.localeCompare(b.rule) ||
        a.message.localeCompare(b.message),
    );
  }

  private async report(
    finding: ValidationFinding,
    object?: Json,
  ): Promise<void> {
    const line =
      finding.line ??
      (object ? await this.lineOfObject(finding.file, object) : undefined);
    const complete = { ...finding, ...(line !== undefined && { line }) };
    const key = JSON.stringify(complete);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(complete);
  }

  private async reportOn(
    rendered: RenderedObject,
    fallbackFile: string,
    rule: string,
    message: string,
  ) {
    await this.report(
      {
        file: rendered.file ?? fallbackFile,
        rule,
        message: `${describe(rendered.object)}: ${message}`,
      },
      rendered.object,
    );
  }

  private async text(file: string): Promise<string | undefined> {
    if (!this.texts.has(file)) {
      try {
        this.texts.set(
          file,
          await fs.readFile(path.join(this.root, file), 'utf8'),
        );
      } catch {
        return undefined;
      }
    }
    return this.texts.get(file);
  }

  /** The line of the document that declares an object (by kind and name). */
  private async lineOfObject(file: string, object: Json) {
    const text = await this.text(file);
    if (!text || !file.endsWith('.yaml')) return undefined;
    for (const document of parseAllDocuments(text) as any[]) {
      const value = document.toJS?.();
      if (
        value?.kind === object.kind &&
        value?.metadata?.name === object.metadata?.name &&
        document.contents?.range
      ) {
        return text.slice(0, document.contents.range[0]).split('\n').length;
      }
    }
    return undefined;
  }

  private async checkSchema(rendered: RenderedObject) {
    const problems = schemaProblems(rendered.object);
    const file = rendered.file ?? '(generated)';
    if (problems === undefined) {
      await this.reportOn(
        rendered,
        file,
        'schema/unknown-kind',
        `no schema for ${rendered.object.apiVersion} ${rendered.object.kind}; use a current API version`,
      );
      return;
    }
    for (const problem of problems) {
      await this.reportOn(rendered, file, 'schema', problem);
    }
  }

  private async checkFlux(built: Map<string, RenderedObject[]>) {
    for (const [folder, objects] of built) {
      if (!folder.startsWith('clusters/')) continue;
      const cluster = folder.split('/').slice(0, 2).join('/');
      const clusterObjects = [...built.entries()]
        .filter(([f]) => f === cluster || f.startsWith(`${cluster}/`))
        .flatMap(([, o]) => o.map(r => r.object));
      const kustomizations = new Set(
        clusterObjects
          .filter(o => o.kind === 'Kustomization' && isFlux(o))
          .map(o => o.metadata?.name),
      );
      const sources = new Set(
        clusterObjects
          .filter(o => o.apiVersion?.startsWith('source.toolkit.fluxcd.io/'))
          .map(o => `${o.kind}/${o.metadata?.name}`),
      );
      for (const rendered of objects) {
        const object = rendered.object;
        if (object.kind !== 'Kustomization' || !isFlux(object)) continue;
        const target = path.posix.normalize(String(object.spec?.path ?? '.'));
        const build = await this.builder.build(target);
        if (!(await isFolder(path.join(this.root, target)))) {
          await this.reportOn(
            rendered,
            folder,
            'flux/path',
            `spec.path ${object.spec?.path} is not a folder of the repository`,
          );
        } else if (!build.ok) {
          await this.reportOn(
            rendered,
            folder,
            'flux/path',
            `spec.path ${object.spec?.path} does not build: ${build.error}`,
          );
        } else {
          await this.checkSubstitutions(
            rendered,
            folder,
            build.objects,
            clusterObjects,
          );
        }
        for (const dependency of object.spec?.dependsOn ?? []) {
          if (!kustomizations.has(dependency.name)) {
            await this.reportOn(
              rendered,
              folder,
              'flux/depends-on',
              `depends on Kustomization ${dependency.name}, which ${cluster} does not define`,
            );
          }
        }
        const source = object.spec?.sourceRef;
        if (source && !sources.has(`${source.kind}/${source.name}`)) {
          await this.reportOn(
            rendered,
            folder,
            'flux/source',
            `sourceRef ${source.kind}/${source.name} is not defined in ${cluster}`,
          );
        }
      }
    }
  }

  private async checkSubstitutions(
    rendered: RenderedObject,
    folder: string,
    targetObjects: RenderedObject[],
    clusterObjects: Json[],
  ) {
    const spec = rendered.object.spec?.postBuild ?? {};
    const defined = new Set(Object.keys(spec.substitute ?? {}));
    const bootstrap = this.options.bootstrapVariables ?? {
      'cluster-vars': ['AWS_ACCOUNT_ID'],
    };
    for (const from of spec.substituteFrom ?? []) {
      const inRepository = clusterObjects.find(
        o => o.kind === from.kind && o.metadata?.name === from.name,
      );
      const keys = inRepository
        ? Object.keys(inRepository.data ?? {})
        : bootstrap[from.name] ?? [];
      keys.forEach(key => defined.add(key));
    }
    for (const target of targetObjects) {
      for (const variable of variablesIn(target.object)) {
        if (!defined.has(variable.name) && !variable.hasDefault) {
          await this.reportOn(
            target,
            folder,
            'flux/substitution',
            `uses \${${variable.name}}, which Flux Kustomization ${
              rendered.object.metadata?.name
            } (${rendered.file ?? folder}) does not substitute; defined: ${
              [...defined].sort().join(', ') || 'none'
            }`,
          );
        }
      }
    }
  }

  private async checkPolicies(built: Map<string, RenderedObject[]>) {
    const policies = [...built.entries()]
      .filter(([folder]) => folder.startsWith('policies'))
      .flatMap(([, objects]) => objects.map(r => r.object))
      .filter(o => o.kind === 'ClusterPolicy');
    if (policies.length === 0) return;
    for (const [folder, objects] of built) {
      if (!APP_OVERLAY.test(folder)) continue;
      const findings = enforcePolicies(
        policies,
        objects.map(r => r.object),
        { fileOf: (_, index) => objects[index].file ?? folder },
      );
      for (const finding of findings) {
        const object = objects.find(
          r =>
            describe(r.object) ===
            `${finding.resource.kind} ${
              finding.resource.namespace ? `${finding.resource.namespace}/` : ''
            }${finding.resource.name}`,
        )?.object;
        await this.report(
          {
            file: finding.file,
            rule: finding.rule,
            message: `${folder}: ${finding.message}`,
          },
          object,
        );
      }
    }
  }

  private async checkApps(built: Map<string, RenderedObject[]>) {
    for (const [folder, objects] of built) {
      const match = folder.match(APP_OVERLAY);
      if (!match) continue;
      const [, app, env] = match;
      const kinds = new Set(objects.map(r => r.object.kind));
      const required = [
        'Namespace',
        'ServiceAccount',
        'Deployment',
        'Service',
        'ConfigMap',
        'ServiceMonitor',
      ];
      if (env === 'prod') {
        required.push(
          'HorizontalPodAutoscaler',
          'PodDisruptionBudget',
          'NetworkPolicy',
        );
      }
      const missing = required.filter(kind => !kinds.has(kind));
      if (missing.length > 0) {
        await this.report({
          file: `${folder}/kustomization.yaml`,
          rule: 'apps/required-kinds',
          message: `${env} of ${app} renders no ${missing.join(', ')}`,
        });
      }
      for (const rendered of objects) {
        const object = rendered.object;
        const labels = object.metadata?.labels ?? {};
        if (
          labels.app !== app ||
          labels['backstage.io/kubernetes-id'] !== app
        ) {
          await this.reportOn(
            rendered,
            folder,
            'apps/labels',
            `needs labels app: ${app} and backstage.io/kubernetes-id: ${app} (the portal finds the app's objects by them)`,
          );
        }
        if (object.kind !== 'Deployment') continue;
        if (
          object.spec?.template?.metadata?.labels?.[
            'backstage.io/kubernetes-id'
          ] !== app
        ) {
          await this.reportOn(
            rendered,
            folder,
            'apps/labels',
            `pod template needs label backstage.io/kubernetes-id: ${app}`,
          );
        }
        for (const container of object.spec?.template?.spec?.containers ?? []) {
          const tag = splitImage(String(container.image ?? '')).tag ?? '';
          const convention = env === 'dev' ? DEV_TAG : RELEASE_TAG;
          if (!convention.test(tag)) {
            await this.report({
              file: `${folder}/kustomization.yaml`,
              rule: 'apps/image-tag',
              message: `${env} of ${app} runs ${container.image}; ${env} runs ${
                env === 'dev' ? 'sha-<commit>' : 'release vX.Y.Z'
              } tags`,
            });
          }
        }
      }
    }
  }

  private async checkAlertRules(built: Map<string, RenderedObject[]>) {
    const rules = uniqueByFile(built, o => o.kind === 'PrometheusRule');
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'promtool-'));
    try {
      for (const rendered of rules) {
        const file = path.join(scratch, 'rules.yaml');
        await fs.writeFile(file, stringify(rendered.object.spec ?? {}));
        try {
          await execFileAsync(this.options.promtool ?? 'promtool', [
            'check',
            'rules',
            file,
          ]);
        } catch (error) {
          const output = `${(error as any).stdout ?? ''}${
            (error as any).stderr ?? ''
          }`;
          const problems = output
            .split('\n')
            .filter(
              l => /error|FAILED|:\s/i.test(l) && !l.startsWith('Checking'),
            )
            .map(l => l.replace(`${file}: `, '').trim())
            .filter(Boolean);
          await this.reportOn(
            rendered,
            '(generated)',
            'prometheus/promtool',
            problems.join('; ') || output.trim(),
          );
        }
      }
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
    // Every app has the design's alerts.
    const apps = [...built.keys()]
      .map(folder => folder.match(APP_OVERLAY))
      .filter((m): m is RegExpMatchArray => !!m);
    const alertsByApp = new Map<string, Set<string>>();
    for (const rendered of rules) {
      const app = rendered.object.metadata?.labels?.app;
      const alerts = alertsByApp.get(app) ?? new Set<string>();
      for (const group of rendered.object.spec?.groups ?? []) {
        for (const rule of group.rules ?? [])
          if (rule.alert) alerts.add(rule.alert);
      }
      alertsByApp.set(app, alerts);
    }
    for (const app of new Set(apps.map(m => m[1]))) {
      const overlay = built.get(`apps/${app}/overlays/prod`) ?? [];
      const config =
        overlay.find(r => r.object.kind === 'ConfigMap')?.object.data ?? {};
      const required =
        'DB_HOST' in config
          ? [...REQUIRED_ALERTS, DATABASE_ALERT]
          : REQUIRED_ALERTS;
      const have = alertsByApp.get(app) ?? new Set();
      const missing = required.filter(alert => !have.has(alert));
      if (missing.length > 0) {
        await this.report({
          file: `infrastructure/base/prometheus/rules/${app}-alerts.yaml`,
          rule: 'prometheus/required-alerts',
          message: `${app} has no alert ${missing.join(
            ', ',
          )} (a PrometheusRule labelled app: ${app})`,
        });
      }
    }
  }

  private async checkDashboards(built: Map<string, RenderedObject[]>) {
    const dashboards = uniqueByFile(
      built,
      o =>
        o.kind === 'ConfigMap' &&
        o.metadata?.labels?.grafana_dashboard !== undefined,
    );
    for (const rendered of dashboards) {
      for (const [key, value] of Object.entries(rendered.object.data ?? {})) {
        if (!key.endsWith('.json')) continue;
        let dashboard: Json;
        try {
          dashboard = JSON.parse(String(value));
        } catch (error) {
          await this.reportOn(
            rendered,
            '(generated)',
            'grafana/dashboard',
            `${key} is not JSON: ${(error as Error).message}`,
          );
          continue;
        }
        const problems: string[] = [];
        if (typeof dashboard.title !== 'string') problems.push('has no title');
        if (typeof dashboard.uid !== 'string') problems.push('has no uid');
        if (!Array.isArray(dashboard.panels) || dashboard.panels.length === 0) {
          problems.push('has no panels');
        }
        for (const [index, panel] of (dashboard.panels ?? []).entries()) {
          if (panel.type === 'row') continue;
          if (!panel.title || !panel.type)
            problems.push(`panel ${index} needs a title and a type`);
          if (
            !(panel.targets ?? []).some(
              (t: Json) => typeof t.expr === 'string' && t.expr,
            )
          ) {
            problems.push(
              `panel '${panel.title ?? index}' has no query (targets[].expr)`,
            );
          }
        }
        for (const problem of problems) {
          await this.reportOn(
            rendered,
            '(generated)',
            'grafana/dashboard',
            `${key} ${problem}`,
          );
        }
      }
    }
  }
}

/**
 * The GitOps repository's validation suite. Every folder with a
 * kustomization.yaml must build; every rendered object must match the schema
 * of its kind; the repository's Kyverno policies must admit every app
 * overlay; every Flux Kustomization must point at a folder that builds and
 * depend on Kustomizations that exist; post-build variables must be defined;
 * alert rules must pass promtool and dashboards must be Grafana JSON.
 * Validates a scratch copy, so the repository itself is never written to.
 *
 * @public
 */
export async function validateGitopsConfig(
  root: string,
  options: ValidateGitopsOptions = {},
): Promise<ValidationFinding[]> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-validate-'));
  try {
    await fs.cp(root, scratch, {
      recursive: true,
      filter: source => path.basename(source) !== '.git',
    });
    return await new GitopsValidation(scratch, options).run();
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

function isFlux(object: Json) {
  return String(object.apiVersion).startsWith('kustomize.toolkit.fluxcd.io/');
}

function describe(object: Json) {
  const namespace = object.metadata?.namespace
    ? `${object.metadata.namespace}/`
    : '';
  return `${object.kind} ${namespace}${object.metadata?.name ?? '(unnamed)'}`;
}

function uniqueByFile(
  built: Map<string, RenderedObject[]>,
  predicate: (object: Json) => boolean,
) {
  const unique = new Map<string, RenderedObject>();
  for (const objects of built.values()) {
    for (const rendered of objects) {
      if (predicate(rendered.object)) {
        unique.set(`${rendered.file}:${describe(rendered.object)}`, rendered);
      }
    }
  }
  return [...unique.values()];
}

function* variablesIn(
  value: unknown,
): Generator<{ name: string; hasDefault: boolean }> {
  if (typeof value === 'string') {
    // Flux's envsubst: ${VAR}, ${VAR:=default}, ${VAR:-default}; $${VAR} escapes.
    for (const match of value.matchAll(
      /(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[=-][^}]*)?\}/g,
    )) {
      if (match[1] !== '$') yield { name: match[2], hasDefault: !!match[3] };
    }
  } else if (Array.isArray(value)) {
    for (const item of value) yield* variablesIn(item);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) yield* variablesIn(item);
  }
}

async function isFolder(dir: string) {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function kustomizationFolders(root: string): Promise<string[]> {
  const folders: string[] = [];
  async function walk(relative: string) {
    const entries = await fs.readdir(path.join(root, relative), {
      withFileTypes: true,
    });
    if (entries.some(e => e.isFile() && e.name === 'kustomization.yaml')) {
      folders.push(relative);
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        await walk(relative ? `${relative}/${entry.name}` : entry.name);
      }
    }
  }
  await walk('');
  return folders.sort();
}
