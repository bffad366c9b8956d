export { fluxApiRef } from './FluxApi';
export type { FluxApi } from './FluxApi';
export { FluxClient } from './FluxClient';
