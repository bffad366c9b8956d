/**
 * Types and permissions shared by the Flux frontend and backend plugins.
 *
 * @packageDocumentation
 */

import { KUBERNETES_ID_ANNOTATION } from '@goldenpath/backstage-plugin-gitops-common';

export * from './types';
export * from './permissions';

/**
 * Entity annotation holding a label selector that finds a service's Flux and
 * workload objects, when the `backstage.io/kubernetes-id` label is not used.
 *
 * @public
 */
export const FLUX_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * The `backstage.io/kubernetes-id` an entity's Flux objects are labelled
 * with: its annotation, else its name.
 *
 * @public
 */
export function kubernetesIdOf(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}): string {
  return (
    entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION] ??
    entity.metadata.name
  );
}

/**
 * Whether an entity says how to find its Flux objects: a
 * `backstage.io/kubernetes-id` or `backstage.io/kubernetes-label-selector`
 * annotation. Only such entities show Flux objects and act on them.
 *
 * @public
 */
export function namesFluxObjects(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION]?.trim() ||
      annotations[FLUX_LABEL_SELECTOR_ANNOTATION]?.trim(),
  );
}
