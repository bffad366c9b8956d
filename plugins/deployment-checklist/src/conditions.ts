import type { Entity } from '@backstage/catalog-model';

/**
 * Whether an entity has a release checklist: every Component does (the
 * default checklist applies unless the entity names its own).
 *
 * @public
 */
export function isDeploymentChecklistAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
