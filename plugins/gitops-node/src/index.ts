/**
 * Reads and edits the platform's GitOps and infrastructure repositories. The
 * validation suite is the `./validation` entry point: it loads the object
 * schemas, which are ES modules.
 *
 * @packageDocumentation
 */

export * from './errors';
export * from './files/RepositoryFiles';
export * from './files/gitRevisions';
export * from './gitops/GitopsRepository';
export { splitImage } from './gitops/imageTags';
export * from './apps';
export * from './terraform';
export * from './platform/PlatformRepositories';
export * from './costInputs';
export * from './prometheus';
export * from './recentPromises';
