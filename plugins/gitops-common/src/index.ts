/**
 * Types shared by the golden-path GitOps plugins.
 *
 * @packageDocumentation
 */

export * from './environments';
export * from './annotations';
export * from './names';
export * from './types';
