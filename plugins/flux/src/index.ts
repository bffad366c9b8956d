/**
 * Flux status and actions for every service and environment: the entity
 * page's Flux tab and the Flux runtime page.
 *
 * @packageDocumentation
 */

export {
  fluxPlugin,
  EntityFluxCard,
  EntityFluxContent,
  FluxRuntimePage,
} from './plugin';
export { isFluxAvailable } from './conditions';
export { fluxApiRef, FluxClient } from './api';
export type { FluxApi } from './api';
