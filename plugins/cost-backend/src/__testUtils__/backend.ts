import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'node:path';
import { costPlugin } from '../plugin';

/** The checked-in repositories (read only, never written). */
export const GITOPS_CONFIG = path.resolve(
  __dirname,
  '../../../../gitops-config',
);
export const INFRASTRUCTURE = path.resolve(
  __dirname,
  '../../../../infrastructure',
);

const partOf = (system: string) => [
  { type: 'partOf', targetRef: `system:default/${system}` },
];

/** The e-commerce system as the catalog holds it, plus one unknown component. */
export const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'ecommerce-platform', namespace: 'default' },
    spec: { owner: 'platform-team' },
  },
  ...[
    'user-service',
    'order-service',
    'payment-service',
    'product-catalog',
    'cart-service',
    'notification-service',
    'search-service',
  ].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'goldenpath.dev/gitops-path': `apps/${name}` },
      },
      spec: { type: 'service', owner: 'team', system: 'ecommerce-platform' },
      relations: partOf('ecommerce-platform'),
    }),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    // Named otherwise in the catalog: the annotation finds its folder.
    metadata: {
      name: 'storefront',
      namespace: 'default',
      annotations: { 'goldenpath.dev/gitops-path': 'apps/frontend' },
    },
    spec: { type: 'website', owner: 'web', system: 'ecommerce-platform' },
    relations: partOf('ecommerce-platform'),
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'legacy-billing', namespace: 'default' },
    spec: { type: 'service', owner: 'team', system: 'ecommerce-platform' },
    relations: partOf('ecommerce-platform'),
  },
];

/** Starts the cost plugin alone on the given config over the checked-in repositories. */
export async function startCostBackend(config: Record<string, unknown> = {}) {
  const { goldenpath, ...rest } = config as { goldenpath?: unknown };
  return startTestBackend({
    features: [
      costPlugin,
      mockServices.rootConfig.factory({
        data: {
          goldenpath: goldenpath ?? {
            repositories: {
              gitopsConfig: GITOPS_CONFIG,
              infrastructure: INFRASTRUCTURE,
            },
          },
          ...rest,
        },
      }),
      catalogServiceMock.factory({ entities: ENTITIES }),
    ],
  });
}
