import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Price, SystemCost } from '@goldenpath/backstage-plugin-cost-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CostApi, costApiRef } from '../../api';
import { prices, systemCost, systemEntity } from '../../__testUtils__/fixtures';
import { formatUsd } from '../../format';
import { EntitySystemCostContent } from './EntitySystemCostContent';

function stubApi(options: {
  system?: () => Promise<SystemCost>;
  prices?: () => Promise<Price[]>;
}): CostApi & { systems: string[] } {
  const systems: string[] = [];
  return {
    systems,
    async getEntityCost() {
      throw new Error('not used by the system tab');
    },
    async getSystemCost(system: string) {
      systems.push(system);
      return (options.system ?? (async () => systemCost))();
    },
    async getPrices() {
      return (options.prices ?? (async () => prices))();
    },
  };
}

async function renderTab(api: CostApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={systemEntity}>
        <EntitySystemCostContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The service names in the order the table shows them. */
function serviceOrder(): string[] {
  const table = screen.getAllByRole('table')[0];
  const body = table.querySelector('tbody')!;
  return within(body)
    .getAllByRole('row')
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

describe('EntitySystemCostContent', () => {
  it('lists every service with its per-environment figures, most expensive first', async () => {
    const api = stubApi({});
    await renderTab(api);

    expect(
      await screen.findByText(
        `ecommerce-platform: ${formatUsd(systemCost.monthlyUsd)} a month`,
      ),
    ).toBeInTheDocument();
    // The System's whole reference, so another namespace's is not mistaken for it.
    expect(api.systems).toEqual(['system:default/ecommerce-platform']);
    expect(serviceOrder()).toEqual([
      'order-service',
      'user-service',
      'notification-service',
      'search-service',
    ]);

    const user = screen.getByText('user-service').closest('tr')!;
    const figures = within(user)
      .getAllByRole('cell')
      .map(cell => cell.textContent);
    expect(figures).toEqual([
      'user-service',
      formatUsd(30.1),
      formatUsd(120.5),
      formatUsd(860.4),
      formatUsd(1011),
      '2 not priced',
    ]);
    const notification = screen
      .getByText('notification-service')
      .closest('tr')!;
    expect(within(notification).getAllByRole('cell')[2]).toHaveTextContent(
      'not deployed',
    );
    // A service without figures says why instead of costing $0.
    const search = screen.getByText('search-service').closest('tr')!;
    expect(
      within(search)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'search-service',
      'not deployed',
      'not deployed',
      'not deployed',
      'not priced',
      'gitops-config has no apps/search-service',
    ]);
    // Per-environment sums across the services.
    expect(
      screen.getByText(
        `dev ${formatUsd(85.1)} · staging ${formatUsd(
          320.5,
        )} · prod ${formatUsd(2450.4)}`,
      ),
    ).toBeInTheDocument();
  });

  it('links each service to its entity page', async () => {
    await renderTab(stubApi({}));

    const link = await screen.findByRole('link', { name: 'order-service' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/order-service',
    );
  });

  it('re-sorts when a column header is clicked', async () => {
    await renderTab(stubApi({}));
    await screen.findByText('order-service');

    await userEvent.click(screen.getByRole('button', { name: /^Total/ }));
    await waitFor(() =>
      expect(serviceOrder()).toEqual([
        'search-service',
        'notification-service',
        'user-service',
        'order-service',
      ]),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Total/ }));
    await waitFor(() =>
      expect(serviceOrder()).toEqual([
        'order-service',
        'user-service',
        'notification-service',
        'search-service',
      ]),
    );

    // Another column keeps the direction (descending) and sorts by its own
    // figures; a service missing from staging goes last.
    await userEvent.click(screen.getByRole('button', { name: /^staging/ }));
    await waitFor(() =>
      expect(serviceOrder().slice(0, 2)).toEqual([
        'order-service',
        'user-service',
      ]),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Service/ }));
    await waitFor(() =>
      expect(serviceOrder()).toEqual([
        'user-service',
        'search-service',
        'order-service',
        'notification-service',
      ]),
    );
  });

  it('shows the price table with sources and dates', async () => {
    await renderTab(stubApi({}));

    const table = await screen.findByRole('table', { name: 'Price table' });
    for (const price of prices) {
      expect(within(table).getByText(price.key)).toBeInTheDocument();
    }
  });

  it('shows progress, then the backend error', async () => {
    let fail: (error: Error) => void = () => {};
    await renderTab(
      stubApi({
        system: () =>
          new Promise((_resolve, reject) => {
            fail = reject;
          }),
      }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();

    fail(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No System named x' },
            request: { method: 'GET', url: '/systems/x' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    expect(
      (await screen.findAllByText(/No System named x/)).length,
    ).toBeGreaterThan(0);
  });

  it('says what to do when no service of the system is deployed', async () => {
    await renderTab(
      stubApi({
        system: async () => ({
          system: 'ecommerce-platform',
          services: [],
          monthlyUsd: 0,
        }),
      }),
    );

    expect(
      await screen.findByText(
        'No service of ecommerce-platform is deployed through gitops-config',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Set spec.system: ecommerce-platform/),
    ).toBeInTheDocument();
  });
});
