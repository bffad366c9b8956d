export { EnvironmentCostChart } from './EnvironmentCostChart';
export type { EnvironmentCostChartProps } from './EnvironmentCostChart';
