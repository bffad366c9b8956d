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

/**
 * Open a release of an entity (its checklist for one version). A resource
 * permission on the catalog entity, an update of it: the portal's policy
 * grants it to the entity's owners. Service tokens (CI's
 * `gitops checklist create`) are allowed unless their access is restricted.
 *
 * @public
 */
export const checklistReleaseCreatePermission = createPermission({
  name: 'deployment-checklist.release.create',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Check a release's automatic items again now (they are also checked on a
 * schedule). A resource permission on the catalog entity, granted like
 * {@link checklistReleaseCreatePermission}.
 *
 * @public
 */
export const checklistReleaseEvaluatePermission = createPermission({
  name: 'deployment-checklist.release.evaluate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const deploymentChecklistPermissions = [
  checklistItemUpdatePermission,
  checklistReleaseCreatePermission,
  checklistReleaseEvaluatePermission,
];
