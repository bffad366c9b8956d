/**
 * Scaffolder actions of the golden path.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGitops as default } from './module';
export * from './actions';
