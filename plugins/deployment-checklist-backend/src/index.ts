/**
 * The deployment checklist backend: release checklists with automatic
 * evidence (Flux, CI, Prometheus, git, HTTP) and a promotion gate.
 *
 * @packageDocumentation
 */

export { deploymentChecklistPlugin as default } from './plugin';
