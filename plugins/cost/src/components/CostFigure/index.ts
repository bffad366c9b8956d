export { CostFigure } from './CostFigure';
export type { CostFigureProps } from './CostFigure';
