import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { linkName } from '../../__testUtils__/queries';
import { CostFigure } from './CostFigure';

describe('CostFigure', () => {
  it('links the figure to the first source that has a URL', async () => {
    await renderInTestApp(
      <CostFigure
        usd={1234.5}
        sources={[
          { label: 'requests', file: 'gitops-config/a.yaml', line: 3 },
          {
            label: 'requests on GitHub',
            url: 'https://github.com/o/gitops-config/blob/main/a.yaml#L3',
          },
          { label: 'price', url: 'https://aws.amazon.com/ec2/pricing/' },
        ]}
      />,
    );

    expect(
      screen.getByRole('link', { name: linkName('$1,234.50') }),
    ).toHaveAttribute(
      'href',
      'https://github.com/o/gitops-config/blob/main/a.yaml#L3',
    );
  });

  it('shows the file and line under the figure when no source has a URL', async () => {
    await renderInTestApp(
      <CostFigure
        usd={759.74}
        sources={[
          {
            label: 'module user_service_db',
            file: 'infrastructure/terraform/environments/prod/main.tf',
            line: 153,
          },
        ]}
      />,
    );

    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('$759.74')).toBeInTheDocument();
    expect(
      screen.getByText(
        'infrastructure/terraform/environments/prod/main.tf:153',
      ),
    ).toBeInTheDocument();
  });
});
