export { ReadinessStatus, readinessLabel } from './ReadinessStatus';
