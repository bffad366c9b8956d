export { EntitySystemCostContent } from './EntitySystemCostContent';
