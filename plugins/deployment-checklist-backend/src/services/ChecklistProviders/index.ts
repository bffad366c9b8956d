export * from './types';
export { createChecklistProviders } from './createChecklistProviders';
export { createFluxProvider } from './fluxProvider';
export { createCiProvider } from './ciProvider';
export { createPrometheusProvider } from './prometheusProvider';
export type { PrometheusTarget } from './prometheusProvider';
export { createGitProvider } from './gitProvider';
export { createHttpProvider } from './httpProvider';
