import type { Entity } from '@backstage/catalog-model';
import { namesFluxObjects } from '@goldenpath/backstage-plugin-flux-common';

/**
 * True when the entity is a Component that says how to find its Flux
 * objects: a `backstage.io/kubernetes-id` or a
 * `backstage.io/kubernetes-label-selector` annotation. Both app systems show
 * the Flux tab where this holds, and only there.
 *
 * @public
 */
export function isFluxAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    namesFluxObjects(entity)
  );
}
