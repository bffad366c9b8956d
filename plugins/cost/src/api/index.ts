export { costApiRef } from './CostApi';
export type { CostApi } from './CostApi';
export { CostClient } from './CostClient';
