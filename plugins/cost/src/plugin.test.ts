import {
  costPlugin,
  EntityCostContent,
  EntitySystemCostContent,
} from './plugin';

describe('costPlugin', () => {
  it('is the cost plugin with both Cost tabs', () => {
    expect(costPlugin.getId()).toBe('cost');
    expect(Object.keys(costPlugin.routes)).toEqual([
      'entityContent',
      'systemContent',
    ]);
    expect(EntityCostContent).toBeDefined();
    expect(EntitySystemCostContent).toBeDefined();
  });
});
