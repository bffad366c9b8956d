import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import { ConflictError } from '@backstage/errors';
import { Document, isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import { GitopsFileError, UnknownNameError } from '../errors';
import { RepositoryFiles } from '../files/RepositoryFiles';
import { GitopsRepository } from '../gitops/GitopsRepository';
import {
  lineOf,
  parseYamlDocument,
  stringifyYamlDocument,
} from '../yaml/yamlFiles';
import { appPaths } from '../layout';
import { registerInReadme } from './readmeTables';
import { APP_PORTS, appPeer, compareNames, renderApp } from './renderApp';
import { AppSpec } from './types';
import { yamlDocument } from './yamlEmit';

/** @public */
export interface AddAppOptions {
  /**
   * Replace the app's files when they differ from what the spec renders.
   * Files of the app that the spec no longer renders are left in place.
   */
  overwrite?: boolean;
}

/**
 * The files addApp wrote or left alone, relative to the repository root,
 * sorted.
 *
 * @public
 */
export interface AddAppResult {
  created: string[];
  updated: string[];
  /** Files that already said what the spec says; nothing was written. */
  unchanged: string[];
}

const README = 'apps/README.md';

/** Every file under `folder`, recursively (empty folders have none). */
async function filesUnder(
  files: RepositoryFiles,
  folder: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const name of await files.list(folder)) {
    const entry = `${folder}/${name}`;
    const children = await files.list(entry);
    if (children.length) {
      found.push(...(await filesUnder(files, entry)));
      continue;
    }
    try {
      if ((await files.read(entry)) !== undefined) found.push(entry);
    } catch (error) {
      // An empty folder on disk: listing it gives nothing, reading it fails.
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }
  return found;
}

/** A Kustomization that lists `entry` among its resources, in name order. */
function withResource(
  file: string,
  text: string | undefined,
  entry: string,
): string {
  if (text === undefined) {
    return yamlDocument({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [entry],
    });
  }
  const document = parseYamlDocument(file, text);
  const resources = document.get('resources', true);
  if (resources === undefined) {
    document.set('resources', document.createNode([entry]));
    return stringifyYamlDocument(document);
  }
  if (!isSeq(resources)) {
    throw new GitopsFileError({
      file,
      line: lineOf(text, resources as Node),
      message: 'expected resources to be a list of files',
    });
  }
  const names = resources.items.map(item =>
    isScalar(item) ? String(item.value) : undefined,
  );
  if (names.includes(entry)) return text;
  const at = names.findIndex(
    name => name !== undefined && compareNames(name, entry) > 0,
  );
  resources.items.splice(
    at < 0 ? resources.items.length : at,
    0,
    document.createNode(entry),
  );
  return stringifyYamlDocument(document);
}

function appLabel(peer: unknown): unknown {
  return isMap(peer)
    ? peer.getIn(['podSelector', 'matchLabels', 'app'])
    : undefined;
}

function namespaceLabel(peer: unknown): unknown {
  return isMap(peer)
    ? peer.getIn([
        'namespaceSelector',
        'matchLabels',
        'kubernetes.io/metadata.name',
      ])
    : undefined;
}

function peersOf(rule: unknown, key: 'from' | 'to') {
  if (!isMap(rule)) return undefined;
  const peers = rule.get(key, true);
  return isSeq(peers) ? peers : undefined;
}

/**
 * A prod NetworkPolicy that lets app `peer` in (`ingress`) or lets the
 * policy's app reach it (`egress`) on the apps' port: the peer joins the
 * rule that lists apps, in name order, or a new such rule where the
 * generator puts it (after ingress-nginx / before Prometheus; after DNS).
 */
function withPeer(
  file: string,
  text: string,
  direction: 'ingress' | 'egress',
  peer: string,
): string {
  const document: Document = parseYamlDocument(file, text);
  const rules = document.getIn(['spec', direction], true);
  if (!isSeq(rules)) {
    throw new GitopsFileError({
      file,
      line: lineOf(text, document.contents),
      message: `expected a NetworkPolicy with a list of spec.${direction} rules`,
    });
  }
  const key = direction === 'ingress' ? 'from' : 'to';
  const appRule = rules.items.find(rule => {
    const peers = peersOf(rule, key);
    const ports = isMap(rule) ? rule.get('ports', true) : undefined;
    return (
      peers !== undefined &&
      peers.items.length > 0 &&
      peers.items.every(p => typeof appLabel(p) === 'string') &&
      isSeq(ports) &&
      ports.items.some(port => isMap(port) && port.get('port') === 8080)
    );
  });
  const peers = peersOf(appRule, key);
  if (peers) {
    const names = peers.items.map(p => String(appLabel(p)));
    if (names.includes(peer)) return text;
    const at = names.findIndex(name => compareNames(name, peer) > 0);
    peers.items.splice(
      at < 0 ? peers.items.length : at,
      0,
      document.createNode(appPeer(peer)),
    );
    return stringifyYamlDocument(document);
  }
  const rule = document.createNode({
    [key]: [appPeer(peer)],
    ports: APP_PORTS,
  }) as YAMLMap;
  let at: number;
  if (direction === 'ingress') {
    at = rules.items.findIndex(r =>
      peersOf(r, 'from')?.items.some(
        p => namespaceLabel(p) === 'monitoring' && appLabel(p) === undefined,
      ),
    );
    if (at < 0) at = rules.items.length;
  } else {
    at =
      rules.items.findIndex(r =>
        peersOf(r, 'to')?.items.some(
          p =>
            isMap(p) &&
            p.getIn(['podSelector', 'matchLabels', 'k8s-app']) === 'kube-dns',
        ),
      ) + 1;
  }
  rules.items.splice(at, 0, rule);
  return stringifyYamlDocument(document);
}

/**
 * Adds an app to gitops-config the way the platform's generator lays it out
 * (the portal's "Create component" runs this): writes every file
 * `renderApp` renders and registers the app where the repository lists its
 * apps — `clusters/<env>-cluster/apps/kustomization.yaml`, the
 * PrometheusRule and dashboard kustomizations, the tables of
 * `apps/README.md` — and in the prod NetworkPolicies of the apps it calls
 * and that call it. Lists stay in name order; YAML edits keep comments,
 * order and formatting of everything else.
 *
 * Everything is planned and checked before the first write, so a rejected
 * call changes nothing: an invalid spec is an InputError, a dependency or
 * caller that is not an app of the repository a NotFoundError, and an
 * existing app whose files differ from what the spec renders (without
 * `overwrite`) a ConflictError naming the first differing file. Calling it
 * again with the same spec writes nothing and reports every file unchanged.
 *
 * @public
 */
export async function addApp(
  files: RepositoryFiles,
  spec: AppSpec,
  options: AddAppOptions = {},
): Promise<AddAppResult> {
  const rendered = renderApp(spec);
  const name = spec.name;

  const known = await new GitopsRepository(files).services();
  const others = known.filter(app => app !== name);
  for (const field of ['dependencies', 'callers'] as const) {
    for (const app of spec[field]) {
      if (!others.includes(app)) {
        throw new UnknownNameError(`app (in ${field})`, app, others);
      }
    }
  }

  const current = new Map<string, Promise<string | undefined>>();
  const read = (file: string) => {
    if (!current.has(file)) current.set(file, files.read(file));
    return current.get(file)!;
  };

  const appFiles = Object.keys(rendered).sort();
  const existing = await filesUnder(files, appPaths.folder(name));
  const candidates = [...new Set([...appFiles, ...existing])].sort();
  // Read at once rather than one after the other.
  await Promise.all(candidates.map(read));
  const conflicts: string[] = [];
  for (const file of candidates) {
    const text = await read(file);
    if (!(file in rendered)) {
      conflicts.push(`${file} is not part of the app the spec renders`);
    } else if (text !== undefined && text !== rendered[file]) {
      conflicts.push(`${file} differs from what the spec renders`);
    }
  }
  if (conflicts.length && !options.overwrite) {
    throw new ConflictError(
      `App '${name}' already exists in the repository and does not match its spec: ${
        conflicts[0]
      }${
        conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : ''
      }; pass overwrite to replace it`,
    );
  }

  const planned = new Map<string, string>(Object.entries(rendered));
  const edit = async (
    file: string,
    change: (text: string | undefined) => string | undefined,
  ) => {
    const text = planned.has(file) ? planned.get(file) : await read(file);
    const next = change(text);
    if (next !== undefined) planned.set(file, next);
  };

  const rules = `${appPaths.rules}/kustomization.yaml`;
  const dashboards = `${appPaths.dashboards}/kustomization.yaml`;
  await Promise.all(
    [
      ...ENVIRONMENTS.map(
        env => `${appPaths.clusterApps(env)}/kustomization.yaml`,
      ),
      rules,
      dashboards,
      README,
      ...[...spec.dependencies, ...spec.callers].map(appPaths.networkPolicy),
    ].map(read),
  );
  for (const env of ENVIRONMENTS) {
    const list = `${appPaths.clusterApps(env)}/kustomization.yaml`;
    await edit(list, text => withResource(list, text, `${name}.yaml`));
  }
  await edit(rules, text => withResource(rules, text, `${name}-alerts.yaml`));
  await edit(dashboards, text =>
    withResource(dashboards, text, `${name}.yaml`),
  );
  await edit(README, text =>
    text === undefined ? undefined : registerInReadme(README, text, spec),
  );
  // An app without a prod NetworkPolicy does not restrict traffic: nothing to add.
  for (const app of spec.dependencies) {
    const policy = appPaths.networkPolicy(app);
    await edit(policy, text =>
      text === undefined ? undefined : withPeer(policy, text, 'ingress', name),
    );
  }
  for (const app of spec.callers) {
    const policy = appPaths.networkPolicy(app);
    await edit(policy, text =>
      text === undefined ? undefined : withPeer(policy, text, 'egress', name),
    );
  }

  const result: AddAppResult = { created: [], updated: [], unchanged: [] };
  const writes: Array<[string, string]> = [];
  for (const [file, text] of planned) {
    const before = await read(file);
    if (before === text) {
      result.unchanged.push(file);
      continue;
    }
    (before === undefined ? result.created : result.updated).push(file);
    writes.push([file, text]);
  }
  // The app's own files first, so that no list ever names a missing file.
  const own = (file: string) => file in rendered;
  for (const batch of [
    writes.filter(([file]) => own(file)),
    writes.filter(([file]) => !own(file)),
  ]) {
    await Promise.all(batch.map(([file, text]) => files.write(file, text)));
  }
  result.created.sort();
  result.updated.sort();
  result.unchanged.sort();
  return result;
}
