import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { deploymentChecklistPlugin } from '../plugin';
import { OWNER_USER } from './entities';

/** One permission the plugin asked the permission service about. */
export interface PermissionAsked {
  permission: string;
  resourceRef?: string;
  /** The user's entity ref, or the principal type of anyone else. */
  principal: string;
}

/** A running test backend with the checklist plugin. */
export interface ChecklistTestBackend {
  /** Base URL of the plugin's API, e.g. http://127.0.0.1:4567/api/deployment-checklist */
  apiUrl: string;
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  /** Runs the plugin's scheduled tasks when the test says so. */
  scheduler: SchedulerService;
  /** Notifications the plugin sent. */
  sent: NotificationSendOptions[];
  /** The permissions asked, in order: name, entity and who asked. */
  asked: PermissionAsked[];
  stop(): Promise<void>;
}

/**
 * Starts the plugin in a test backend: the given database (shared between
 * backends to act as replicas), an in-memory catalog, a scheduler that runs
 * tasks only when the test triggers them, a permission service granting checklist changes to `owners`
 * only (what the portal's policy does for the entity's owners), and a
 * recording notification service.
 */
export async function startChecklistBackend(options: {
  knex: Knex;
  entities?: Entity[];
  config?: JsonObject;
  owners?: string[];
  /** Users the catalog shows no entity to. */
  cannotRead?: string[];
  sent?: NotificationSendOptions[];
}): Promise<ChecklistTestBackend> {
  const owners = new Set(options.owners ?? [OWNER_USER]);
  const sent = options.sent ?? [];
  const asked: PermissionAsked[] = [];
  // The catalog in memory; the users in `cannotRead` see none of it, as a
  // policy restricting catalog reads would have it.
  const catalog = catalogServiceMock({ entities: options.entities ?? [] });
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, requestOptions) => {
    const credentials =
      requestOptions && 'credentials' in requestOptions
        ? requestOptions.credentials
        : undefined;
    const user = (credentials?.principal as { userEntityRef?: string })
      ?.userEntityRef;
    if (user && options.cannotRead?.includes(user)) return undefined;
    return getEntityByRef(ref, requestOptions!);
  };
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      deploymentChecklistPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          deploymentChecklist: { discovery: { enabled: false } },
          ...options.config,
        },
      }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          async authorize(requests, { credentials }) {
            const principal = credentials.principal as {
              type: string;
              userEntityRef?: string;
            };
            const user = principal.userEntityRef;
            for (const { permission, resourceRef } of requests as Array<{
              permission: { name: string };
              resourceRef?: string;
            }>) {
              asked.push({
                permission: permission.name,
                resourceRef,
                principal: user ?? principal.type,
              });
            }
            // As the backend's permission client: service tokens are
            // allowed; users by the policy (owners only).
            return requests.map(() => ({
              result:
                principal.type === 'service' || (user && owners.has(user))
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            }));
          },
          async authorizeConditional(requests) {
            return requests.map(() => ({ result: AuthorizeResult.DENY }));
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification) {
            sent.push(notification);
          },
        }),
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/deployment-checklist`,
    server: backend.server,
    scheduler,
    sent,
    asked,
    stop: () => backend.stop(),
  };
}
