import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Request a reconcile of a service's Flux object. A resource permission on the
 * catalog entity, so the portal's policy can grant it to the entity's owners.
 *
 * @public
 */
export const fluxResourceReconcilePermission = createPermission({
  name: 'flux.resource.reconcile',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Suspend or resume a service's Flux object.
 *
 * @public
 */
export const fluxResourceSuspendPermission = createPermission({
  name: 'flux.resource.suspend',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const fluxPermissions = [
  fluxResourceReconcilePermission,
  fluxResourceSuspendPermission,
];
