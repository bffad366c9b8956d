/**
 * Types and permissions shared by the deployment checklist plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './permissions';
export * from './summaries';
export * from './request';

/**
 * Entity annotation naming the checklist definition of a Component or System:
 * a path relative to the entity's catalog-info.yaml, or a URL.
 *
 * @public
 */
export const CHECKLIST_DEFINITION_ANNOTATION =
  'goldenpath.dev/deployment-checklist';
