/**
 * The Flux backend plugin: Flux status per service and environment from a
 * shared per-cluster cache, and reconcile / suspend / resume actions.
 *
 * @packageDocumentation
 */

export { fluxPlugin as default } from './plugin';
