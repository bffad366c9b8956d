/**
 * Helpers for tests of packages that work with the platform's repositories.
 *
 * @packageDocumentation
 */

export { git } from './git';
