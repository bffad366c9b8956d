import type { Entity } from '@backstage/catalog-model';
import { FLUX_LABEL_SELECTOR_ANNOTATION } from '@goldenpath/backstage-plugin-flux-common';
import { KUBERNETES_ID_ANNOTATION } from '@goldenpath/backstage-plugin-gitops-common';

/**
 * True when the entity is a Component that says how to find its Flux
 * objects: a `backstage.io/kubernetes-id` or a
 * `backstage.io/kubernetes-label-selector` annotation. Both app systems show
 * the Flux tab where this holds, and only there.
 *
 * @public
 */
export function isFluxAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION]?.trim() ||
      annotations[FLUX_LABEL_SELECTOR_ANNOTATION]?.trim(),
  );
}
