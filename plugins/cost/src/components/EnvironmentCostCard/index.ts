export { EnvironmentCostCard } from './EnvironmentCostCard';
export type { EnvironmentCostCardProps } from './EnvironmentCostCard';
