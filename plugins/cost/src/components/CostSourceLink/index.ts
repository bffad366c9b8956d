export { CostSourceLink, CostSourceList } from './CostSourceLink';
export type {
  CostSourceLinkProps,
  CostSourceListProps,
} from './CostSourceLink';
