import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  RightSizingRule,
  ServiceCost,
} from '@goldenpath/backstage-plugin-cost-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CostApi, costApiRef } from '../../api';
import {
  recommendation,
  serviceCost,
  serviceEntity,
} from '../../__testUtils__/fixtures';
import { linkName } from '../../__testUtils__/queries';
import { formatUsd, formatUsdRange } from '../../format';
import { EntityCostContent } from './EntityCostContent';

class StubCostApi implements CostApi {
  readonly calls: Array<{ ref: CompoundEntityRef; rule?: RightSizingRule }> =
    [];

  constructor(
    private readonly answer: (
      rule?: RightSizingRule,
    ) => Promise<ServiceCost> = async rule => serviceCost({ rule }),
  ) {}

  async getEntityCost(
    ref: CompoundEntityRef,
    options?: { rule?: RightSizingRule },
  ): Promise<ServiceCost> {
    this.calls.push({ ref, rule: options?.rule });
    return this.answer(options?.rule);
  }

  async getSystemCost(): Promise<never> {
    throw new Error('not used by the entity tab');
  }

  async getPrices(): Promise<never> {
    throw new Error('not used by the entity tab');
  }
}

async function renderTab(api: CostApi, entity = serviceEntity) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityCostContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function environmentCard(environment: string): HTMLElement {
  const table = screen.getByRole('table', {
    name: `${environment} cost lines`,
  });
  const card = table.closest('.MuiCard-root');
  if (!(card instanceof HTMLElement)) {
    throw new Error(`no card around the ${environment} table`);
  }
  return card;
}

describe('EntityCostContent', () => {
  it('shows each environment with its total and its split by category', async () => {
    const expected = serviceCost();
    await renderTab(new StubCostApi());

    for (const environment of expected.environments) {
      const name = environment.environment;
      const total = await screen.findByRole('group', { name: `${name} total` });
      expect(total).toHaveTextContent(
        `${formatUsd(environment.monthlyUsd)} / month`,
      );
      const split = screen.getByRole('list', { name: `${name} by category` });
      expect(
        within(split)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        `Compute ${formatUsd(environment.byCategory.compute)}`,
        `Infrastructure ${formatUsd(environment.byCategory.infrastructure)}`,
        `Shared platform ${formatUsd(environment.byCategory.shared)}`,
      ]);
      const bar = screen.getByRole('img', { name: new RegExp(`^${name}:`) });
      expect(bar).toHaveAccessibleName(
        `${name}: ${formatUsd(
          environment.monthlyUsd,
        )} a month (compute ${formatUsd(
          environment.byCategory.compute,
        )}, infrastructure ${formatUsd(
          environment.byCategory.infrastructure,
        )}, shared platform ${formatUsd(environment.byCategory.shared)})`,
      );
    }
    // In promotion order, whatever order the backend answers in.
    expect(
      screen.getAllByRole('group', { name: / total$/ }).map(g => g.ariaLabel),
    ).toEqual(['dev total', 'staging total', 'prod total']);
  });

  it('shows the HPA band next to the total and on the containers line', async () => {
    const prod = serviceCost().environments.find(
      e => e.environment === 'prod',
    )!;
    await renderTab(new StubCostApi());

    const total = await screen.findByRole('group', { name: 'prod total' });
    expect(total).toHaveTextContent(`HPA band ${formatUsdRange(prod.band)}`);
    const containers = prod.lines.find(l => l.category === 'compute')!;
    expect(
      within(environmentCard('prod')).getByText(
        `HPA band ${formatUsdRange(containers.band!)}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('hpa-band-prod')).toBeInTheDocument();
    // dev has no autoscaler: no band is drawn or written.
    expect(
      screen.getByRole('group', { name: 'dev total' }),
    ).not.toHaveTextContent('HPA band');
    expect(screen.queryByTestId('hpa-band-dev')).not.toBeInTheDocument();
  });

  it('links every figure to its source and lists file and line of the others', async () => {
    const staging = serviceCost().environments.find(
      e => e.environment === 'staging',
    )!;
    const [containers, database, share] = staging.lines;
    await renderTab(new StubCostApi());
    await screen.findByRole('group', { name: 'staging total' });
    const card = within(environmentCard('staging'));
    const rowOf = (name: string) => card.getByText(name).closest('tr')!;

    // The containers' figure links to the overlay that sets the requests.
    const containersRow = rowOf(containers.name);
    expect(containersRow).toHaveTextContent(containers.formula);
    expect(
      within(containersRow).getByRole('link', {
        name: linkName(formatUsd(containers.monthlyUsd!)),
      }),
    ).toHaveAttribute('href', containers.sources[0].url);
    expect(
      within(containersRow).getByRole('link', {
        name: linkName('t3.large price'),
      }),
    ).toHaveAttribute('href', containers.sources[1].url);

    // Sources that only name a file: the figure shows the file and line.
    for (const line of [database, share]) {
      const row = rowOf(line.name);
      expect(row).toHaveTextContent(line.formula);
      const figure = within(row)
        .getByText(formatUsd(line.monthlyUsd!))
        .closest('td')!;
      expect(figure).toHaveTextContent(
        `${line.sources[0].file}:${line.sources[0].line}`,
      );
      expect(within(figure).queryByRole('link')).toBeNull();
    }
  });

  it('lists what is not priced with the reason, never as $0', async () => {
    await renderTab(new StubCostApi());
    await screen.findByRole('group', { name: 'prod total' });
    const prod = within(environmentCard('prod'));

    expect(
      prod.getByText(/2 items are not priced in prod/),
    ).toBeInTheDocument();
    expect(
      prod.getByText(/module has no Service tag, so it is not attributed/),
    ).toBeInTheDocument();
    const uploads = prod
      .getByRole('table', { name: 'prod cost lines' })
      .querySelector('tbody')!;
    const uploadsRow = within(uploads)
      .getByText('user-service-uploads (S3)')
      .closest('tr')!;
    expect(uploadsRow).toHaveTextContent(
      'Not priced: no usage assumption: set cost.assumptions.s3.user-service-uploads.storageGb',
    );
    expect(uploadsRow).not.toHaveTextContent('$0.00');
    // The other environments price everything.
    expect(
      within(environmentCard('dev')).queryByText(/not priced/),
    ).not.toBeInTheDocument();
  });

  it('refetches with the chosen right-sizing rule and shows its recommendation', async () => {
    const api = new StubCostApi();
    await renderTab(api);
    const suggestions = await screen.findByRole('table', {
      name: 'Right-sizing suggestions',
    });
    const design = recommendation('design');
    expect(suggestions).toHaveTextContent('500m → 350m');
    expect(suggestions).toHaveTextContent('1Gi → 768Mi');
    expect(
      within(suggestions).getByRole('link', {
        name: linkName(formatUsd(design.monthlySavingUsd)),
      }),
    ).toHaveAttribute('href', design.sources[0].url);

    await userEvent.click(screen.getByRole('button', { name: 'KRR' }));

    const krr = recommendation('krr');
    await waitFor(() =>
      expect(
        screen.getByRole('table', { name: 'Right-sizing suggestions' }),
      ).toHaveTextContent('500m → 450m'),
    );
    const table = screen.getByRole('table', {
      name: 'Right-sizing suggestions',
    });
    expect(table).toHaveTextContent('1Gi → 896Mi');
    expect(
      within(table).getByRole('link', {
        name: linkName(formatUsd(krr.monthlySavingUsd)),
      }),
    ).toHaveAttribute('href', krr.sources[0].url);
    expect(api.calls.map(call => call.rule)).toEqual(['design', 'krr']);
    expect(api.calls[1].ref).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'user-service',
    });
    // The environments stay on the page while the suggestions reload.
    expect(screen.getByRole('group', { name: 'prod total' })).toBeVisible();
  });

  it('keeps the page and the last rule when a rule cannot be loaded, and asks again when chosen again', async () => {
    let vpaFails = true;
    const api = new StubCostApi(async rule => {
      if (rule === 'vpa' && vpaFails) {
        throw new Error('Prometheus did not answer in 15 s');
      }
      return serviceCost({ rule });
    });
    await renderTab(api);
    await screen.findByRole('table', { name: 'Right-sizing suggestions' });

    await userEvent.click(screen.getByRole('button', { name: 'VPA' }));

    expect(
      await screen.findByText(
        'Warning: Could not load the VPA suggestions; showing those of Design',
      ),
    ).toBeVisible();
    expect(screen.getByText('Prometheus did not answer in 15 s')).toBeVisible();
    // Nothing else is lost: the environments and the design suggestions stay.
    expect(screen.getByRole('group', { name: 'prod total' })).toBeVisible();
    expect(
      screen.getByRole('table', { name: 'Right-sizing suggestions' }),
    ).toHaveTextContent('500m → 350m');
    expect(screen.getByRole('button', { name: 'Design' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    vpaFails = false;
    await userEvent.click(screen.getByRole('button', { name: 'VPA' }));
    await waitFor(() =>
      expect(
        screen.queryByText(/Could not load the VPA suggestions/),
      ).not.toBeInTheDocument(),
    );
    expect(api.calls.map(call => call.rule)).toEqual(['design', 'vpa', 'vpa']);
  });

  it('says how to get usage when Prometheus is not configured', async () => {
    await renderTab(
      new StubCostApi(async () => serviceCost({ withUsage: false })),
    );

    expect(
      await screen.findByText(
        'Usage is unavailable, so there are no right-sizing suggestions',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/configure\s+cost\.prometheus\.baseUrl/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('prod: cost.prometheus.baseUrl is not configured'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Right-sizing suggestions' }),
    ).not.toBeInTheDocument();
  });

  it('lists every price with its source and date', async () => {
    const { prices } = serviceCost();
    await renderTab(new StubCostApi());
    const table = await screen.findByRole('table', { name: 'Prices used' });

    const rowOf = (key: string) => within(table).getByText(key).closest('tr')!;
    for (const price of prices) {
      const row = rowOf(price.key);
      expect(row).toHaveTextContent(price.unit);
      expect(row).toHaveTextContent(price.source);
      expect(row.querySelector('time')).toHaveAttribute('datetime', price.date);
    }
    for (const price of prices.filter(p => p.source.startsWith('https://'))) {
      expect(within(rowOf(price.key)).getByRole('link')).toHaveAttribute(
        'href',
        price.source,
      );
    }
    expect(within(rowOf('eks:control-plane')).queryByRole('link')).toBeNull();
    expect(
      within(table).getByText('ec2:t3.large').closest('tr'),
    ).toHaveTextContent('$0.0832');
    expect(
      within(table).getByText('ec2:t3.large').closest('tr'),
    ).toHaveTextContent('Jan 2026');
  });

  it('shows progress while the first answer loads', async () => {
    await renderTab(new StubCostApi(() => new Promise(() => {})));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'Error',
          message: 'gitops-config could not be read: ENOENT',
        },
        request: {
          method: 'GET',
          url: '/entity/default/component/user-service',
        },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderTab(new StubCostApi(() => Promise.reject(error)));

    expect(
      (await screen.findAllByText(/gitops-config could not be read: ENOENT/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('group', { name: 'prod total' })).toBeNull();
  });

  it('says what to add when the service is not in gitops-config', async () => {
    await renderTab(
      new StubCostApi(async () => ({ ...serviceCost(), environments: [] })),
      {
        ...serviceEntity,
        metadata: { name: 'search-service' },
      },
    );

    expect(
      await screen.findByText(
        'search-service is not deployed through gitops-config',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Add apps\/search-service\/base and apps\/search-service\/overlays\/dev/,
      ),
    ).toBeInTheDocument();
  });

  it('takes a 404 from the backend for a service missing from gitops-config', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'gitops-config has no apps/search-service',
          },
          request: { method: 'GET', url: '/entity/default/component/x' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderTab(new StubCostApi(() => Promise.reject(error)), {
      ...serviceEntity,
      metadata: { name: 'search-service' },
    });

    expect(
      await screen.findByText(
        'search-service is not deployed through gitops-config',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /The cost backend says: gitops-config has no apps\/search-service/,
      ),
    ).toBeInTheDocument();
  });
});
