/**
 * Test-only harnesses: real servers started for a test and loopback doubles of
 * APIs this machine cannot reach. Never a dependency of what the portal runs.
 *
 * @packageDocumentation
 */

export * from './prometheus';
export * from './kubernetes';
export * from './databases';
