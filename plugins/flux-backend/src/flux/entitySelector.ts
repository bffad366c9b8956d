import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  FLUX_LABEL_SELECTOR_ANNOTATION,
  kubernetesIdOf,
} from '@goldenpath/backstage-plugin-flux-common';
import { LabelSelector, parseLabelSelector } from '../kubernetes/labelSelector';
import { KUBERNETES_ID_LABEL } from './fluxKinds';

/**
 * The label selector that finds an entity's Flux and workload objects: the
 * `backstage.io/kubernetes-label-selector` annotation, else
 * `backstage.io/kubernetes-id=<kubernetes-id annotation or entity name>`.
 */
export function entitySelector(entity: Entity): LabelSelector {
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[FLUX_LABEL_SELECTOR_ANNOTATION];
  if (custom !== undefined) {
    try {
      return parseLabelSelector(custom);
    } catch (error) {
      throw new InputError(
        `The annotation ${FLUX_LABEL_SELECTOR_ANNOTATION} of ${
          entity.metadata.name
        } is not a label selector: ${(error as Error).message}`,
      );
    }
  }
  return parseLabelSelector(`${KUBERNETES_ID_LABEL}=${kubernetesIdOf(entity)}`);
}
