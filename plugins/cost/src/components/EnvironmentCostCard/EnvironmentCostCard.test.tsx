import { renderInTestApp } from '@backstage/test-utils';
import { EnvironmentCost } from '@goldenpath/backstage-plugin-cost-common';
import { screen, within } from '@testing-library/react';
import { EnvironmentCostCard } from './EnvironmentCostCard';

const cost: EnvironmentCost = {
  environment: 'staging',
  monthlyUsd: 60,
  band: { minMonthlyUsd: 60, maxMonthlyUsd: 60 },
  byCategory: { compute: 10, infrastructure: 40, shared: 10 },
  lines: [
    {
      category: 'shared',
      name: 'NAT gateway (share)',
      formula: '$0.045/h × 730 h × 30 %',
      monthlyUsd: 10,
      prices: [],
      sources: [{ label: 'module vpc', file: 'main.tf', line: 47 }],
    },
    {
      category: 'compute',
      name: 'worker containers',
      formula: 'no CPU or memory requests in the overlay',
      unpricedReason: 'the container has no resource requests',
      prices: [],
      sources: [],
    },
    {
      category: 'infrastructure',
      name: 'orders queue (SQS)',
      formula: '100 million requests × $0.40/million',
      monthlyUsd: 40,
      prices: [],
      sources: [{ label: 'module orders_queue', file: 'main.tf', line: 90 }],
    },
    {
      category: 'compute',
      name: 'api containers',
      formula: '2 × 0.25 vCPU × $0.0208/vCPU-h × 730 h',
      monthlyUsd: 10,
      prices: [],
      sources: [],
    },
  ],
  unpriced: [
    {
      name: 'worker containers',
      reason: 'the container has no resource requests',
    },
  ],
};

describe('EnvironmentCostCard', () => {
  it('lists lines by category and each unpriced item once', async () => {
    await renderInTestApp(<EnvironmentCostCard cost={cost} />);

    const body = screen
      .getByRole('table', { name: 'staging cost lines' })
      .querySelector('tbody')!;
    expect(
      within(body)
        .getAllByRole('row')
        .map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'worker containers',
      'api containers',
      'orders queue (SQS)',
      'NAT gateway (share)',
    ]);
    expect(
      screen.getByText(
        'Warning: 1 item is not priced in staging and not included in the total',
      ),
    ).toBeInTheDocument();
    const worker = within(body).getByText('worker containers').closest('tr')!;
    expect(worker).toHaveTextContent(
      'Not priced: the container has no resource requests',
    );
    expect(worker).not.toHaveTextContent('$');
    // No autoscaler here: no band is claimed.
    expect(screen.queryByText(/HPA band/)).toBeNull();
  });
});
