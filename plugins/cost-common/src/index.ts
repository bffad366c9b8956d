/**
 * Types shared by the cost frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './types';
