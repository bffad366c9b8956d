/**
 * Reads, edits and validates the platform's GitOps and infrastructure repositories.
 *
 * @packageDocumentation
 */

export * from './errors';
export * from './files/RepositoryFiles';
export * from './gitops/GitopsRepository';
export * from './validation';
