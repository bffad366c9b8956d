import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  FluxActionRecord,
  FluxActionRequest,
  FluxEntityStatus,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import type { FluxApi } from './FluxApi';

/**
 * The {@link FluxApi} over HTTP, talking to the `flux` backend plugin.
 *
 * @public
 */
export class FluxClient implements FluxApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityStatus(
    entityRef: CompoundEntityRef,
  ): Promise<FluxEntityStatus> {
    return this.request<FluxEntityStatus>(
      `${await this.entityPath(entityRef)}/status`,
    );
  }

  async requestAction(
    entityRef: CompoundEntityRef,
    request: FluxActionRequest,
  ): Promise<FluxActionRecord> {
    return this.request<FluxActionRecord>(
      `${await this.entityPath(entityRef)}/actions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
  }

  async getRuntimeStatus(): Promise<FluxRuntimeStatus> {
    const baseUrl = await this.discoveryApi.getBaseUrl('flux');
    return this.request<FluxRuntimeStatus>(`${baseUrl}/runtime`);
  }

  private async entityPath(entityRef: CompoundEntityRef): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('flux');
    // Kind and namespace are case-insensitive in entity refs; the canonical
    // (lower-case) form keeps the backend's cache keys and audit rows uniform.
    const parts = [
      entityRef.namespace.toLocaleLowerCase('en-US'),
      entityRef.kind.toLocaleLowerCase('en-US'),
      entityRef.name,
    ].map(encodeURIComponent);
    return `${baseUrl}/entity/${parts.join('/')}`;
  }

  private async request<T>(url: string, init?: RequestInit): Promise<T> {
    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
