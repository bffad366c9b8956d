export * from './format';
export { ItemStatus } from './ItemStatus';
export { PhaseProgress } from './PhaseProgress';
export { Timestamp } from './Timestamp';
export { serverError } from './errors';
