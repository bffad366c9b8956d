/**
 * Types and permissions shared by the Flux frontend and backend plugins.
 *
 * @packageDocumentation
 */

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
