import { renderInTestApp } from '@backstage/test-utils';
import { EnvironmentCost } from '@goldenpath/backstage-plugin-cost-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recommendation, serviceCost } from '../../__testUtils__/fixtures';
import { RightSizingCard } from './RightSizingCard';

function environments(): EnvironmentCost[] {
  return serviceCost().environments;
}

describe('RightSizingCard', () => {
  it('reports a rule change once, and not a click on the current rule', async () => {
    const onRuleChange = jest.fn();
    await renderInTestApp(
      <RightSizingCard
        environments={environments()}
        rule="design"
        onRuleChange={onRuleChange}
      />,
    );

    expect(
      screen.getByText(
        'Design rule: request = average + 40 % CPU, + 33 % memory; limit = 4× CPU, 2× memory',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Design' }));
    expect(onRuleChange).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'VPA' }));
    expect(onRuleChange).toHaveBeenCalledWith('vpa');
  });

  it('shows current and recommended requests, limits and observed usage', async () => {
    await renderInTestApp(
      <RightSizingCard
        environments={environments()}
        rule="design"
        onRuleChange={() => {}}
      />,
    );

    const row = within(
      screen.getByRole('table', { name: 'Right-sizing suggestions' }),
    )
      .getByText('user-service')
      .closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map(cell => cell.textContent);
    expect(cells.slice(0, 6)).toEqual([
      'prod',
      'user-service',
      '500m → 350m',
      '1Gi → 768Mi',
      'CPU 1400m, memory 1536Mi',
      'CPU avg 250m, p90 350m, p95 450m; memory avg 576Mi, p90 556Mi, max 780Mi',
    ]);
  });

  it('says when a recommendation costs more than today', async () => {
    const [dev, staging, prod] = environments();
    const dearer = {
      ...recommendation('krr'),
      monthlySavingUsd: -12.5,
    };
    await renderInTestApp(
      <RightSizingCard
        environments={[dev, staging, { ...prod, recommendations: [dearer] }]}
        rule="krr"
        onRuleChange={() => {}}
      />,
    );

    expect(screen.getByText('costs more than today')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^-\$12\.50/ }),
    ).toBeInTheDocument();
  });

  it('names the environments without usage next to the others', async () => {
    const [dev, staging, prod] = environments();
    await renderInTestApp(
      <RightSizingCard
        environments={[
          {
            ...dev,
            recommendations: undefined,
            usageUnavailableReason:
              'no samples for cluster ecommerce-dev-cluster',
          },
          staging,
          prod,
        ]}
        rule="design"
        onRuleChange={() => {}}
        loading
      />,
    );

    expect(
      screen.getByText(
        'No usage for dev: no samples for cluster ecommerce-dev-cluster',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Loading suggestions' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'KRR' })).toBeDisabled();
  });
});
