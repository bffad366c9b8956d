import { CostCategory } from '@goldenpath/backstage-plugin-cost-common';

/** The categories in the order the page stacks and lists them. */
export const COST_CATEGORIES: readonly CostCategory[] = [
  'compute',
  'infrastructure',
  'shared',
];

export const CATEGORY_TITLES: Record<CostCategory, string> = {
  compute: 'Compute',
  infrastructure: 'Infrastructure',
  shared: 'Shared platform',
};
