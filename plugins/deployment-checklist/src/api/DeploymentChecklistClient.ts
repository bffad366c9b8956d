import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ChecklistItem,
  ChecklistPhase,
  CreateReleaseRequest,
  GateResult,
  Release,
  ReleaseDetail,
  UpdateItemRequest,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import type { DeploymentChecklistApi } from './DeploymentChecklistApi';

/**
 * The {@link DeploymentChecklistApi} over HTTP, through the app's fetch API
 * (which adds the user's token).
 *
 * @public
 */
export class DeploymentChecklistClient implements DeploymentChecklistApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listReleases(request: { entityRef: string }): Promise<Release[]> {
    const query = new URLSearchParams({ entityRef: request.entityRef });
    return this.request<Release[]>(`/releases?${query}`);
  }

  async createRelease(request: CreateReleaseRequest): Promise<ReleaseDetail> {
    return this.request<ReleaseDetail>('/releases', {
      method: 'POST',
      body: request,
    });
  }

  async getRelease(request: { releaseId: string }): Promise<ReleaseDetail> {
    return this.request<ReleaseDetail>(
      `/releases/${encodeURIComponent(request.releaseId)}`,
    );
  }

  async updateItem(request: {
    releaseId: string;
    itemId: string;
    update: UpdateItemRequest;
  }): Promise<ChecklistItem> {
    const path = `/releases/${encodeURIComponent(
      request.releaseId,
    )}/items/${encodeURIComponent(request.itemId)}`;
    return this.request<ChecklistItem>(path, {
      method: 'POST',
      body: request.update,
    });
  }

  async evaluateRelease(request: {
    releaseId: string;
  }): Promise<ReleaseDetail> {
    return this.request<ReleaseDetail>(
      `/releases/${encodeURIComponent(request.releaseId)}/evaluate`,
      { method: 'POST' },
    );
  }

  async getGate(request: {
    entityRef: string;
    version: string;
    phase: ChecklistPhase;
  }): Promise<GateResult> {
    const query = new URLSearchParams({
      entityRef: request.entityRef,
      version: request.version,
      phase: request.phase,
    });
    return this.request<GateResult>(`/gate?${query}`);
  }

  private async request<T>(
    path: string,
    options?: { method: 'POST'; body?: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('deployment-checklist');
    const init: RequestInit = {};
    if (options) {
      init.method = options.method;
      if (options.body !== undefined) {
        init.headers = { 'Content-Type': 'application/json' };
        init.body = JSON.stringify(options.body);
      }
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
