import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { actionRecord } from '../../__testUtils__/fixtures';
import { FluxActionsTable } from './FluxActionsTable';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

describe('FluxActionsTable', () => {
  it('lists who did what, when, and how it ended', async () => {
    await renderInTestApp(
      <FluxActionsTable
        actions={[
          actionRecord({
            id: 'a2',
            action: 'suspend',
            actor: 'user:default/sam.lee',
            environment: 'prod',
            cluster: 'ecommerce-prod-cluster',
            requestedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
            result: 'denied',
            message: 'may be done by group:default/team-users',
          }),
          actionRecord(),
        ]}
      />,
      { mountedRoutes },
    );

    expect(screen.getByText('sam.lee')).toBeInTheDocument();
    expect(screen.getByText('sam.lee').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/sam.lee',
    );
    expect(
      screen.getByText('suspend Kustomization flux-system/user-service'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('prod · ecommerce-prod-cluster'),
    ).toBeInTheDocument();
    expect(screen.getByText('denied')).toBeInTheDocument();
    expect(
      screen.getByText('may be done by group:default/team-users'),
    ).toBeInTheDocument();
    expect(screen.getByText('5 minutes ago')).toBeInTheDocument();
    expect(screen.getByText('jane.doe')).toBeInTheDocument();
    expect(screen.getByText('succeeded')).toBeInTheDocument();
  });

  it('says when no action was taken yet', async () => {
    await renderInTestApp(<FluxActionsTable actions={[]} />, { mountedRoutes });

    expect(
      screen.getByText(
        "No one has reconciled, suspended or resumed this service's Flux objects from the portal yet.",
      ),
    ).toBeInTheDocument();
  });
});
