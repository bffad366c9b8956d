import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { linkName } from '../../__testUtils__/queries';
import { CostSourceLink, CostSourceList } from './CostSourceLink';

describe('CostSourceLink', () => {
  it('links to the URL and still names the file and line', async () => {
    await renderInTestApp(
      <CostSourceLink
        source={{
          label: 'HPA bounds',
          file: 'gitops-config/apps/user-service/overlays/prod/hpa.yaml',
          line: 14,
          url: 'https://github.com/ecommerce-platform/gitops-config/blob/main/apps/user-service/overlays/prod/hpa.yaml#L14',
        }}
      />,
    );

    const link = screen.getByRole('link', { name: linkName('HPA bounds') });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/ecommerce-platform/gitops-config/blob/main/apps/user-service/overlays/prod/hpa.yaml#L14',
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(
      screen.getByText(
        'gitops-config/apps/user-service/overlays/prod/hpa.yaml:14',
      ),
    ).toBeInTheDocument();
  });

  it('writes the file and line as text when there is no URL', async () => {
    await renderInTestApp(
      <CostSourceLink
        source={{
          label: 'module user_service_db',
          file: 'infrastructure/terraform/environments/prod/main.tf',
          line: 153,
        }}
      />,
    );

    expect(screen.queryByRole('link')).toBeNull();
    expect(
      screen.getByText(
        'infrastructure/terraform/environments/prod/main.tf:153',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/module user_service_db/)).toBeInTheDocument();
  });

  it('lists several sources and says when there is none', async () => {
    const { rerender } = await renderInTestApp(
      <CostSourceList
        sources={[
          { label: 'requests', file: 'a.yaml', line: 3 },
          { label: 'price page', url: 'https://aws.amazon.com/ec2/pricing/' },
        ]}
      />,
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    rerender(<CostSourceList sources={[]} />);
    expect(screen.getByText('no source given')).toBeInTheDocument();
  });
});
