import { Entity } from '@backstage/catalog-model';

/** The owner of the test services, and a user in that team. */
export const OWNER_GROUP = 'group:default/identity-team';
export const OWNER_USER = 'user:default/alice';
export const OUTSIDER_USER = 'user:default/mallory';

/** A component as the catalog of this repository declares one. */
export function serviceEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'github.com/project-slug': `ecommerce-platform/app-${name}`,
        'backstage.io/source-location': `url:https://github.com/ecommerce-platform/app-${name}`,
        'backstage.io/managed-by-location': `url:https://github.com/ecommerce-platform/app-${name}/blob/main/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: OWNER_GROUP },
    relations: [{ type: 'ownedBy', targetRef: OWNER_GROUP }],
  };
}
