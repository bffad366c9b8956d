import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PricesCard } from './PricesCard';

describe('PricesCard', () => {
  it('lists each price with its unit, source and date, sorted by key', async () => {
    await renderInTestApp(
      <PricesCard
        prices={[
          {
            key: 'rds:db.r5.large',
            unit: 'hour',
            usd: 0.25,
            source: 'https://aws.amazon.com/rds/postgresql/pricing/',
            date: '2026-01-15',
          },
          {
            key: 'ec2:m5.large',
            unit: 'hour',
            usd: 0.096,
            source: 'AWS price list, us-east-1',
            date: '2026-01',
          },
        ]}
      />,
    );

    const rows = within(screen.getByRole('table', { name: 'Prices used' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'ec2:m5.large$0.096hourAWS price list, us-east-1Jan 2026',
      expect.stringMatching(
        /^rds:db\.r5\.large\$0\.25hourhttps:\/\/aws\.amazon\.com\/rds\/postgresql\/pricing\/.*Jan 15, 2026$/,
      ),
    ]);
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      'https://aws.amazon.com/rds/postgresql/pricing/',
    );
    expect(within(rows[0]).queryByRole('link')).toBeNull();
  });
});
