import { renderInTestApp } from '@backstage/test-utils';
import { EnvironmentCost } from '@goldenpath/backstage-plugin-cost-common';
import { screen } from '@testing-library/react';
import { EnvironmentCostChart } from './EnvironmentCostChart';

function environment(
  name: EnvironmentCost['environment'],
  byCategory: EnvironmentCost['byCategory'],
  band?: EnvironmentCost['band'],
): EnvironmentCost {
  const monthlyUsd =
    byCategory.compute + byCategory.infrastructure + byCategory.shared;
  return {
    environment: name,
    monthlyUsd,
    band: band ?? { minMonthlyUsd: monthlyUsd, maxMonthlyUsd: monthlyUsd },
    byCategory,
    lines: [],
    unpriced: [],
  };
}

function widthOf(environmentName: string, category: string): number {
  const bar = screen.getByRole('img', {
    name: new RegExp(`^${environmentName}:`),
  });
  const rect = bar.querySelector(`rect[data-category="${category}"]`);
  return Number(rect?.getAttribute('width'));
}

describe('EnvironmentCostChart', () => {
  it('stacks the categories on one scale for every environment', async () => {
    await renderInTestApp(
      <EnvironmentCostChart
        environments={[
          environment('dev', { compute: 10, infrastructure: 20, shared: 10 }),
          environment(
            'prod',
            { compute: 100, infrastructure: 200, shared: 100 },
            { minMonthlyUsd: 340, maxMonthlyUsd: 800 },
          ),
        ]}
      />,
    );

    // prod is ten times dev, category by category.
    for (const category of ['compute', 'infrastructure', 'shared']) {
      expect(widthOf('prod', category)).toBeCloseTo(
        widthOf('dev', category) * 10,
      );
    }
    // The HPA band's maximum sets the scale: prod's bar fills half of it.
    const prodWidth = ['compute', 'infrastructure', 'shared']
      .map(category => widthOf('prod', category))
      .reduce((a, b) => a + b, 0);
    const band = screen.getByTestId('hpa-band-prod');
    const [whisker] = Array.from(band.querySelectorAll('line'));
    const bandStart = Number(whisker.getAttribute('x1'));
    const bandEnd = Number(whisker.getAttribute('x2'));
    const barStart = Number(
      screen
        .getByRole('img', { name: /^prod:/ })
        .querySelector('rect')
        ?.getAttribute('x'),
    );
    expect(bandEnd - barStart).toBeCloseTo(prodWidth * 2);
    expect(bandStart - barStart).toBeCloseTo(prodWidth * (340 / 400));
    expect(screen.queryByTestId('hpa-band-dev')).toBeNull();
    expect(screen.getByRole('img', { name: /^prod:/ })).toHaveAccessibleName(
      'prod: $400.00 a month (compute $100.00, infrastructure $200.00, shared platform $100.00)',
    );
  });
});
