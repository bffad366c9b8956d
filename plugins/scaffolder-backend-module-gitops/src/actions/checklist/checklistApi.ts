import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { requestChecklist } from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** What the checklist actions need to call the deployment checklist backend. */
export interface ChecklistActionOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * Calls the deployment checklist backend on behalf of whoever started the
 * task, so that the backend sees (and records) that person: a POST of
 * `body` when given, a GET otherwise.
 */
export async function checklistRequest<T>(
  options: ChecklistActionOptions,
  credentials: BackstageCredentials,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const [baseUrl, { token }] = await Promise.all([
    options.discovery.getBaseUrl('deployment-checklist'),
    options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'deployment-checklist',
    }),
  ]);
  return requestChecklist<T>({
    baseUrl,
    path,
    token,
    body,
    answeredBy: 'The deployment checklist',
  });
}
