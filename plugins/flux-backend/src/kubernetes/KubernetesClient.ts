import { readFileSync } from 'node:fs';
import { Agent, fetch, type Dispatcher } from 'undici';
import type { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import type { FluxCluster } from '../config/readFluxConfig';
import { ClusterRequestError } from './ClusterRequestError';
import type { ClusterCredentials } from './credentials';

/** A Kubernetes list answer. */
export interface KubeList<T = KubeObject> {
  metadata?: { resourceVersion?: string };
  items: T[];
}

/** Any Kubernetes object, as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
    resourceVersion?: string;
    creationTimestamp?: string;
  };
  // Free-form per kind; read through the model's accessors.
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** One line of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string; reason?: string };
}

export type Query = Record<string, string | undefined>;

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return (
    cause?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : String(error))
  );
}

/**
 * Talks to one cluster's API server with fetch: the Kubernetes plugin's
 * credentials, the cluster's CA (caData/caFile) or skipTLSVerify, a timeout
 * per request, and errors classified as the portal shows them.
 */
export class KubernetesClient {
  private readonly dispatchers = new Map<string, Dispatcher>();

  constructor(
    readonly cluster: FluxCluster,
    private readonly deps: {
      credentials: ClusterCredentials;
      requestTimeoutMs: number;
    },
  ) {}

  async get<T = KubeObject>(
    path: string,
    query: Query = {},
    signal?: AbortSignal,
  ): Promise<T> {
    return (await this.request('GET', path, query, undefined, signal)) as T;
  }

  async mergePatch<T = KubeObject>(
    path: string,
    patch: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    return (await this.request('PATCH', path, {}, patch, signal)) as T;
  }

  /**
   * Watches from a resourceVersion; calls `onEvent` per line and resolves
   * when the server ends the stream. Rejects when the watch cannot start.
   */
  async watch(
    path: string,
    query: Query,
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    // The timeout covers the answer's start only; the stream stays open.
    const started = new AbortController();
    const timer = setTimeout(() => started.abort(), this.deps.requestTimeoutMs);
    const response = await this.send(
      'GET',
      path,
      { ...query, watch: 'true' },
      undefined,
      AbortSignal.any([signal, started.signal]),
      started.signal,
    ).finally(() => clearTimeout(timer));
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) onEvent(JSON.parse(line) as WatchEvent);
          newline = buffer.indexOf('\n');
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw new ClusterRequestError(
        'unreachable',
        `Watch of ${path} on ${this.cluster.name} broke: ${describeNetworkError(
          error,
        )}`,
      );
    }
  }

  private async request(
    method: string,
    path: string,
    query: Query,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.deps.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const response = await this.send(
      method,
      path,
      query,
      body,
      combined,
      timeout,
    );
    try {
      return await response.json();
    } catch (error) {
      throw this.classify(error, path, timeout);
    }
  }

  private async send(
    method: string,
    path: string,
    query: Query,
    body: unknown,
    signal: AbortSignal,
    timeout: AbortSignal,
  ) {
    const credential = await this.deps.credentials.credential(this.cluster);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (credential.type === 'bearer token') {
      headers.Authorization = `Bearer ${credential.token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/merge-patch+json';
    }
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) search.set(key, value);
    }
    const url = `${this.cluster.url}${path}${search.size ? `?${search}` : ''}`;
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        dispatcher: this.dispatcher(credential),
      });
    } catch (error) {
      throw this.classify(error, path, timeout);
    }
    if (!response.ok) {
      throw await this.httpError(method, path, response);
    }
    return response;
  }

  private classify(error: unknown, path: string, timeout: AbortSignal): Error {
    if (error instanceof ClusterRequestError) return error;
    if (timeout.aborted) {
      return new ClusterRequestError(
        'timeout',
        `No answer from cluster ${this.cluster.name} (${path}) within ${
          this.deps.requestTimeoutMs / 1000
        } s`,
      );
    }
    if ((error as Error)?.name === 'AbortError') return error as Error;
    return new ClusterRequestError(
      'unreachable',
      `Cannot reach cluster ${this.cluster.name} at ${
        this.cluster.url
      }: ${describeNetworkError(error)}`,
    );
  }

  private async httpError(
    method: string,
    path: string,
    response: { status: number; text(): Promise<string> },
  ): Promise<ClusterRequestError> {
    let detail = '';
    try {
      const text = await response.text();
      try {
        detail = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        detail = text;
      }
    } catch {
      // The status says enough.
    }
    const suffix = detail ? `: ${detail.slice(0, 300)}` : '';
    const where = `cluster ${this.cluster.name}`;
    if (response.status === 401) {
      return new ClusterRequestError(
        'unauthorized',
        `The API server of ${where} refused the credentials (401)${suffix}`,
        401,
      );
    }
    if (response.status === 403) {
      return new ClusterRequestError(
        'forbidden',
        `The portal's identity may not ${method} ${path} on ${where} (403)${suffix}`,
        403,
      );
    }
    return new ClusterRequestError(
      'error',
      `${method} ${path} on ${where} answered ${response.status}${suffix}`,
      response.status,
    );
  }

  private dispatcher(credential: KubernetesCredential): Dispatcher {
    const key =
      credential.type === 'x509 client certificate' ? credential.cert : '';
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      const { caData, caFile, skipTLSVerify } = this.cluster.details;
      let ca: Buffer | undefined;
      if (caData) ca = Buffer.from(caData, 'base64');
      else if (caFile) ca = readFileSync(caFile);
      dispatcher = new Agent({
        connect: {
          ca,
          rejectUnauthorized: !skipTLSVerify,
          ...(credential.type === 'x509 client certificate'
            ? { cert: credential.cert, key: credential.key }
            : {}),
        },
      });
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  async close() {
    await Promise.all([...this.dispatchers.values()].map(d => d.close()));
    this.dispatchers.clear();
  }
}

/** One client per configured cluster, by name. */
export function createClusterClients(
  clusters: FluxCluster[],
  deps: { credentials: ClusterCredentials; requestTimeoutMs: number },
): Map<string, KubernetesClient> {
  return new Map(clusters.map(c => [c.name, new KubernetesClient(c, deps)]));
}
