import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClusterState, StoredEvent } from './ClusterState';
import { groupVersion, RESOURCE_TYPES, ResourceType } from './resources';
import {
  fieldOf,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
import type {
  ClusterOptions,
  ControllerOptions,
  FaultRule,
  KubeObject,
  RecordedRequest,
  RequestFilter,
} from './types';

/** Options of {@link startKubernetesDouble}. */
export interface KubernetesDoubleOptions {
  /** The simulated clusters by name; each is served under `/clusters/<name>`. */
  clusters: Record<string, ClusterOptions>;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** One simulated cluster, to change during a test. */
export interface KubernetesClusterDouble {
  readonly name: string;
  /** The API server URL to configure for this cluster. */
  readonly url: string;
  list(kind: string): KubeObject[];
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  /** Creates or replaces an object (watchers see ADDED or MODIFIED). */
  put(object: KubeObject): KubeObject;
  patch(
    kind: string,
    namespace: string,
    name: string,
    mergePatch: unknown,
  ): KubeObject | undefined;
  delete(kind: string, namespace: string, name: string): boolean;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setController(options: ControllerOptions): void;
  setServedVersions(versions: Record<string, string[]>): void;
  setToken(token: string | undefined): void;
}

/** The Kubernetes API double: an HTTP server on loopback speaking the real API. */
export interface KubernetesDouble {
  /** Base URL of the server, e.g. `http://127.0.0.1:39123`. */
  readonly url: string;
  readonly port: number;
  cluster(name: string): KubernetesClusterDouble;
  clusterNames(): string[];
  /** Every request that reached the server, in order. */
  readonly requests: RecordedRequest[];
  /** How many recorded requests match the filter. */
  countRequests(filter?: RequestFilter): number;
  resetRequests(): void;
  close(): Promise<void>;
}

function statusBody(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

function sendJson(res: http.ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendStatus(res: http.ServerResponse, code: number, message: string) {
  sendJson(res, code, statusBody(code, REASONS[code] ?? 'Unknown', message));
}

function matchesPath(rulePath: string | RegExp | undefined, path: string) {
  if (rulePath === undefined) return true;
  return typeof rulePath === 'string'
    ? path.startsWith(rulePath)
    : rulePath.test(path);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface ResourcePath {
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
}

/**
 * Starts the Kubernetes API double: discovery (`/api`, `/apis`,
 * `/apis/<group>`, `/apis/<group>/<version>`), list with label and field
 * selectors, get, watch (chunked JSON lines, from a resourceVersion, with
 * timeoutSeconds), merge-patch and delete of the Flux kinds, Deployments and
 * Events, per cluster under `/clusters/<name>`. Test code only.
 */
export async function startKubernetesDouble(
  options: KubernetesDoubleOptions,
): Promise<KubernetesDouble> {
  const clusters = new Map<string, ClusterState>();
  for (const [name, clusterOptions] of Object.entries(options.clusters)) {
    clusters.set(name, new ClusterState(name, clusterOptions));
  }
  const requests: RecordedRequest[] = [];
  const openResponses = new Set<http.ServerResponse>();
  let baseUrl = '';

  function requireCluster(name: string): ClusterState {
    const state = clusters.get(name);
    if (!state) {
      throw new Error(
        `The Kubernetes double has no cluster ${name}; it has ${[
          ...clusters.keys(),
        ].join(', ')}`,
      );
    }
    return state;
  }

  function resolveResource(
    state: ClusterState,
    segments: string[],
  ): { resource?: ResourcePath; discovery?: unknown } | undefined {
    let group: string;
    let version: string | undefined;
    let rest: string[];
    if (segments[0] === 'api') {
      group = '';
      version = segments[1];
      rest = segments.slice(2);
      if (!version) {
        return {
          discovery: {
            kind: 'APIVersions',
            versions: ['v1'],
            serverAddressByClientCIDRs: [
              { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
            ],
          },
        };
      }
    } else if (segments[0] === 'apis') {
      if (segments.length === 1) {
        const groups = [
          ...new Set(RESOURCE_TYPES.map(t => t.group).filter(g => g !== '')),
        ]
          .map(g => apiGroup(state, g))
          .filter(g => g.versions.length > 0);
        return {
          discovery: { kind: 'APIGroupList', apiVersion: 'v1', groups },
        };
      }
      group = segments[1];
      version = segments[2];
      rest = segments.slice(3);
      if (!version) {
        const served = apiGroup(state, group);
        return served.versions.length > 0 ? { discovery: served } : undefined;
      }
    } else {
      return undefined;
    }
    const types = state.typesAt(group, version);
    if (types.length === 0) return undefined;
    if (rest.length === 0) {
      return {
        discovery: {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: groupVersion(group, version),
          resources: types.flatMap(t => [
            {
              name: t.plural,
              singularName: t.singular,
              namespaced: t.namespaced,
              kind: t.kind,
              verbs: [
                'create',
                'delete',
                'get',
                'list',
                'patch',
                'update',
                'watch',
              ],
            },
            {
              name: `${t.plural}/status`,
              singularName: '',
              namespaced: t.namespaced,
              kind: t.kind,
              verbs: ['get', 'patch', 'update'],
            },
          ]),
        },
      };
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const type = types.find(t => t.plural === rest[0]);
    if (!type || rest.length > 2) return undefined;
    return { resource: { type, version, namespace, name: rest[1] } };
  }

  function apiGroup(state: ClusterState, group: string) {
    const versions = state.groupVersions(group).map(version => ({
      groupVersion: `${group}/${version}`,
      version,
    }));
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: group,
      versions,
      preferredVersion: versions[0],
    };
  }

  function objectMatcher(
    resource: ResourcePath,
    query: URLSearchParams,
  ): (object: KubeObject) => boolean {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'));
    return object =>
      object.kind === resource.type.kind &&
      (resource.namespace === undefined ||
        object.metadata.namespace === resource.namespace) &&
      labels(key => object.metadata.labels?.[key]) &&
      fields(path => fieldOf(object, path));
  }

  function handleWatch(
    state: ClusterState,
    resource: ResourcePath,
    query: URLSearchParams,
    res: http.ServerResponse,
  ) {
    const matches = objectMatcher(resource, query);
    const write = (type: string, object: unknown) =>
      res.write(`${JSON.stringify({ type, object })}\n`);
    const present = (event: StoredEvent) =>
      state.present(event.object, resource.version);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
    });
    // The client sees the answer start before the first event, as with a real server.
    res.flushHeaders();
    openResponses.add(res);
    const from = query.get('resourceVersion');
    if (!from || from === '0') {
      for (const object of state.list(resource.type.kind, resource.version)) {
        if (matches(object)) write('ADDED', object);
      }
    } else {
      const changes = state.changesSince(Number(from));
      if (!changes) {
        write(
          'ERROR',
          statusBody(
            410,
            'Expired',
            `too old resource version: ${from} (${state.resourceVersion})`,
          ),
        );
        openResponses.delete(res);
        res.end();
        return;
      }
      for (const event of changes) {
        if (matches(event.object)) write(event.type, present(event));
      }
    }
    const unsubscribe = state.subscribe(event => {
      if (matches(event.object)) write(event.type, present(event));
    });
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 1800);
    const timer = setTimeout(() => res.end(), timeoutSeconds * 1000);
    res.on('close', () => {
      clearTimeout(timer);
      unsubscribe();
      openResponses.delete(res);
    });
  }

  async function handleResource(
    state: ClusterState,
    resource: ResourcePath,
    query: URLSearchParams,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) {
    const { type, version, namespace, name } = resource;
    const gv = groupVersion(type.group, version);
    const method = req.method ?? 'GET';
    if (name === undefined) {
      if (method !== 'GET') {
        sendStatus(res, 405, `the server does not allow ${method} here`);
        return;
      }
      const watching = ['true', '1'].includes(query.get('watch') ?? '');
      if (watching) {
        if (!state.watchAllowed) {
          sendStatus(res, 405, 'watch is not allowed on this server');
          return;
        }
        handleWatch(state, resource, query, res);
        return;
      }
      const matches = objectMatcher(resource, query);
      sendJson(res, 200, {
        apiVersion: gv,
        kind: `${type.kind}List`,
        metadata: { resourceVersion: String(state.resourceVersion) },
        items: state.list(type.kind, version).filter(matches),
      });
      return;
    }
    const notFound = () =>
      sendStatus(
        res,
        404,
        `${type.plural}${
          type.group ? `.${type.group}` : ''
        } "${name}" not found`,
      );
    if (method === 'GET') {
      const object = state.get(type.kind, namespace, name, version);
      if (object) sendJson(res, 200, object);
      else notFound();
      return;
    }
    if (method === 'PATCH') {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0];
      if (contentType !== 'application/merge-patch+json') {
        sendStatus(
          res,
          415,
          `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json (got ${contentType})`,
        );
        return;
      }
      let patch: unknown;
      try {
        patch = JSON.parse(await readBody(req));
      } catch (error) {
        sendStatus(res, 400, `invalid JSON patch: ${error}`);
        return;
      }
      const patched = state.patch(type.kind, namespace, name, patch);
      if (patched) sendJson(res, 200, state.present(patched, version));
      else notFound();
      return;
    }
    if (method === 'DELETE') {
      if (state.delete(type.kind, namespace, name)) {
        sendJson(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Success',
          details: { name, kind: type.plural },
        });
      } else {
        notFound();
      }
      return;
    }
    sendStatus(res, 405, `the server does not allow ${method} here`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://double');
    const match = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) {
      sendStatus(
        res,
        404,
        `unknown path ${url.pathname}: use /clusters/<name>/...`,
      );
      return;
    }
    const clusterName = decodeURIComponent(match[1]);
    const path = match[2] ?? '/';
    const state = clusters.get(clusterName);
    const watch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    const method = req.method ?? 'GET';
    requests.push({
      cluster: clusterName,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      watch,
    });
    if (!state) {
      sendStatus(res, 404, `no cluster ${clusterName}`);
      return;
    }

    for (const rule of state.faults) {
      if (
        !matchesPath(rule.path, path) ||
        (rule.method && rule.method !== method) ||
        (rule.watch !== undefined && rule.watch !== watch)
      ) {
        continue;
      }
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) {
          state.faults = state.faults.filter(r => r !== rule);
        }
      }
      const fault = rule.fault;
      if (fault.type === 'status') {
        sendStatus(
          res,
          fault.status,
          fault.message ?? `injected ${fault.status} for ${path}`,
        );
        return;
      }
      if (fault.type === 'hang') {
        openResponses.add(res);
        res.on('close', () => openResponses.delete(res));
        return;
      }
      if (fault.type === 'reset') {
        req.socket.destroy();
        return;
      }
      await new Promise(resolve => setTimeout(resolve, fault.ms));
      break;
    }

    if (state.token !== undefined) {
      if (req.headers.authorization !== `Bearer ${state.token}`) {
        sendStatus(res, 401, 'Unauthorized');
        return;
      }
    }

    const segments = path.split('/').filter(s => s.length > 0);
    const resolved = resolveResource(state, segments);
    if (!resolved) {
      sendStatus(res, 404, 'the server could not find the requested resource');
      return;
    }
    if (resolved.discovery) {
      sendJson(res, 200, resolved.discovery);
      return;
    }
    try {
      await handleResource(
        state,
        resolved.resource!,
        url.searchParams,
        req,
        res,
      );
    } catch (error) {
      if (error instanceof SelectorError) {
        sendStatus(res, 400, error.message);
        return;
      }
      throw error;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(error => {
      if (!res.headersSent) sendStatus(res, 500, String(error));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
      resolve(),
    );
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  function clusterHandle(name: string): KubernetesClusterDouble {
    const state = requireCluster(name);
    return {
      name,
      url: `${baseUrl}/clusters/${encodeURIComponent(name)}`,
      list: kind => state.list(kind),
      get: (kind, namespace, objectName) =>
        state.get(kind, namespace, objectName),
      put: object => state.put(object),
      patch: (kind, namespace, objectName, patch) =>
        state.patch(kind, namespace, objectName, patch),
      delete: (kind, namespace, objectName) =>
        state.delete(kind, namespace, objectName),
      addFault: rule => {
        state.faults.push({ ...rule });
      },
      clearFaults: () => {
        state.faults = [];
      },
      setController: controller => {
        state.controller = controller;
      },
      setServedVersions: versions => {
        state.servedVersions = versions;
      },
      setToken: token => {
        state.token = token;
      },
    };
  }

  return {
    url: baseUrl,
    port: address.port,
    requests,
    cluster: clusterHandle,
    clusterNames: () => [...clusters.keys()],
    countRequests(filter: RequestFilter = {}) {
      return requests.filter(
        r =>
          (filter.cluster === undefined || r.cluster === filter.cluster) &&
          (filter.method === undefined || r.method === filter.method) &&
          (filter.watch === undefined || r.watch === filter.watch) &&
          matchesPath(filter.path, r.path),
      ).length;
    },
    resetRequests() {
      requests.length = 0;
    },
    async close() {
      for (const state of clusters.values()) state.stop();
      for (const res of openResponses) res.destroy();
      openResponses.clear();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
