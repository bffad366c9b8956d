export { RightSizingCard, RIGHT_SIZING_RULES } from './RightSizingCard';
export type { RightSizingCardProps } from './RightSizingCard';
