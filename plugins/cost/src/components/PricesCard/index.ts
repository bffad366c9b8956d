export { PricesCard } from './PricesCard';
export type { PricesCardProps } from './PricesCard';
