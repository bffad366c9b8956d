import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Tick, untick or mark not applicable an item of a release of an entity.
 * A resource permission on the catalog entity: the portal's policy grants it
 * to the entity's owners.
 *
 * @public
 */
export const checklistItemUpdatePermission = createPermission({
  name: 'deployment-checklist.item.update',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const deploymentChecklistPermissions = [checklistItemUpdatePermission];
