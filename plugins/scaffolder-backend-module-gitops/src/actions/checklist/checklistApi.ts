import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { errorMessageOf } from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** What the checklist actions need to call the deployment checklist backend. */
export interface ChecklistActionOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * Calls the deployment checklist backend on behalf of whoever started the
 * task, so that the backend sees (and records) that person.
 */
export async function checklistRequest<T>(
  options: ChecklistActionOptions,
  credentials: BackstageCredentials,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const baseUrl = await options.discovery.getBaseUrl('deployment-checklist');
  const { token } = await options.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'deployment-checklist',
  });
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (!response.ok) {
    // The backend's message names what is wrong; keep it as the step's error.
    throw new Error(
      `The deployment checklist answered ${response.status}: ${errorMessageOf(
        await response.text(),
      )}`,
    );
  }
  // Parsed here rather than with response.json(): values that become step
  // outputs must be this realm's arrays and objects (fetch's are the host
  // realm's under Jest, whose prototypes the templating refuses).
  return {
    status: response.status,
    body: JSON.parse(await response.text()) as T,
  };
}
