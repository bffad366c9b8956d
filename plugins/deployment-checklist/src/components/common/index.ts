export * from './format';
export { GateStatus } from './GateStatus';
export { ItemStatus } from './ItemStatus';
export { PhaseProgress } from './PhaseProgress';
export { Timestamp } from './Timestamp';
export { serverError } from './errors';
