export { createCostEstimateAction } from './estimate';
