import { Entity } from '@backstage/catalog-model';
import { GITOPS_PATH_ANNOTATION } from '@goldenpath/backstage-plugin-gitops-common';

/** Component types the platform deploys through gitops-config. */
const DEPLOYED_COMPONENT_TYPES = ['service', 'website'];

/** A component the cost backend can price (or explain why it cannot). */
export function isComponentCostAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
    return false;
  }
  if (entity.metadata.annotations?.[GITOPS_PATH_ANNOTATION]) {
    return true;
  }
  const type = entity.spec?.type;
  return typeof type === 'string' && DEPLOYED_COMPONENT_TYPES.includes(type);
}

/** A System, whose Cost tab lists its services. */
export function isSystemCostAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'system';
}

/**
 * Whether an entity has a Cost tab: a component deployed through
 * gitops-config (it has the `goldenpath.dev/gitops-path` annotation, or it is a
 * service or website, whose tab then says how to add its overlays), or a
 * System.
 *
 * @public
 */
export function isCostAvailable(entity: Entity): boolean {
  return isComponentCostAvailable(entity) || isSystemCostAvailable(entity);
}
