import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Price,
  RightSizingRule,
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';
import { CostApi } from './CostApi';

/**
 * Talks to the cost backend (plugin id `cost`) through the fetch API, so
 * requests carry the signed-in user's token.
 *
 * @public
 */
export class CostClient implements CostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityCost(
    entityRef: CompoundEntityRef,
    options?: { rule?: RightSizingRule },
  ): Promise<ServiceCost> {
    const path = [
      entityRef.namespace,
      entityRef.kind.toLocaleLowerCase('en-US'),
      entityRef.name,
    ]
      .map(encodeURIComponent)
      .join('/');
    const query = options?.rule
      ? `?${new URLSearchParams({ rule: options.rule })}`
      : '';
    return this.get<ServiceCost>(`/entity/${path}${query}`);
  }

  async getSystemCost(system: string): Promise<SystemCost> {
    return this.get<SystemCost>(`/systems/${encodeURIComponent(system)}`);
  }

  async getPrices(): Promise<Price[]> {
    return this.get<Price[]>('/prices');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('cost');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
