// Starts the deployment checklist backend alone (`yarn start` in this
// package), with the repository's app-config.yaml: SQLite in memory, releases
// discovered from the portal's local gitops-config repository (.data/git,
// created when the portal first starts), the catalog's components as entities,
// every request signed in as a mock user, and notifications logged instead of
// sent. Try:
//   curl localhost:7007/api/deployment-checklist/releases?entityRef=component:default/order-service
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

const components = yaml
  .parseAllDocuments(
    readFileSync(
      path.resolve(__dirname, '../../../catalog/components.yaml'),
      'utf8',
    ),
  )
  .map(document => document.toJS() as Entity)
  .filter(entity => entity?.kind === 'Component');

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());
backend.add(catalogServiceMock.factory({ entities: components }));
backend.add(
  createServiceFactory({
    service: notificationService,
    deps: { logger: coreServices.logger },
    factory: ({ logger }) => ({
      async send(notification) {
        logger.info(`Notification: ${JSON.stringify(notification)}`);
      },
    }),
  }),
);
backend.add(import('../src'));
backend.start();
