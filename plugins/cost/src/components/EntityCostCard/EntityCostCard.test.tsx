import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ServiceCost } from '@goldenpath/backstage-plugin-cost-common';
import { screen } from '@testing-library/react';
import { CostApi, costApiRef } from '../../api';
import { serviceCost, serviceEntity } from '../../__testUtils__/fixtures';
import { formatUsd } from '../../format';
import { entityCostRouteRef } from '../../routes';
import { EntityCostCard } from './EntityCostCard';

function costApi(answer: () => Promise<ServiceCost>): CostApi {
  return {
    getEntityCost: jest.fn(answer),
    getSystemCost: jest.fn(),
    getPrices: jest.fn(),
  } as unknown as CostApi;
}

async function renderCard(api: CostApi, options: { costTab?: boolean } = {}) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={serviceEntity}>
        <EntityCostCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        // In an app the tab is a child of the entity page (whose parameters
        // come from the location); the test app mounts routes flat.
        ...(options.costTab
          ? {
              [`/catalog/default/component/${serviceEntity.metadata.name}/cost`]:
                entityCostRouteRef,
            }
          : {}),
      },
    },
  );
}

describe('EntityCostCard', () => {
  it('shows the monthly cost of each environment and of all of them, and links to the Cost tab', async () => {
    const expected = serviceCost();
    const api = costApi(async () => expected);
    await renderCard(api, { costTab: true });

    const total = expected.environments.reduce(
      (sum, e) => sum + e.monthlyUsd,
      0,
    );
    expect(
      await screen.findByText(
        `${formatUsd(total)} a month in dev, staging, prod`,
      ),
    ).toBeInTheDocument();
    for (const environment of expected.environments) {
      expect(
        screen.getByRole('img', {
          name: new RegExp(
            `^${environment.environment}: ${formatUsd(
              environment.monthlyUsd,
            ).replace('$', '\\$')} a month`,
          ),
        }),
      ).toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: /Cost tab/ })).toHaveAttribute(
      'href',
      `/catalog/default/component/${serviceEntity.metadata.name}/cost`,
    );
  });

  it('says there is nothing to price for a service without overlays', async () => {
    const api = costApi(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'no apps/x' },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    await renderCard(api, { costTab: true });

    expect(
      await screen.findByText(/Nothing to price: .* has no overlays/),
    ).toBeInTheDocument();
    // The tab says how to add them.
    expect(screen.getByRole('link', { name: /Cost tab/ })).toBeInTheDocument();
  });

  it('shows any other error, without a link in an app without the tab', async () => {
    await renderCard(
      costApi(async () => {
        throw new Error('cost backend unavailable');
      }),
    );
    expect(
      await screen.findByText('Error: cost backend unavailable'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Cost tab/ }),
    ).not.toBeInTheDocument();
  });
});
