import { screen, within } from '@testing-library/react';
import { entityStatus, environmentStatus } from '../../__testUtils__/fixtures';
import { fluxApiStub, renderWithFlux } from '../../__testUtils__/renderFluxTab';
import { entityContentRouteRef } from '../../routes';
import { EntityFluxCard } from './EntityFluxCard';

// In an app the tab is a child of the entity page, whose parameters come
// from the page's location; the test app mounts routes flat, so at a path
// of their own.
const withFluxTab = {
  '/catalog/default/component/user-service/flux': entityContentRouteRef,
};

function row(environment: string) {
  return within(screen.getByTestId(`deployment-${environment}`));
}

describe('EntityFluxCard', () => {
  it('shows each environment with its declared and running tags and readiness, and links to the Flux tab', async () => {
    const status = entityStatus();
    status.environments[1] = environmentStatus('staging', 'sha-5c1f3aa', {
      deployed: {
        image: 'ghcr.io/ecommerce-platform/user-service',
        tag: 'sha-0000001',
      },
      drift: true,
      readiness: 'reconciling',
    });
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxCard />, {
      api,
      mountedRoutes: withFluxTab,
    });

    expect(await screen.findByText('Deployments')).toBeInTheDocument();
    expect(row('dev').getAllByText('sha-8d41e07')).toHaveLength(2);
    expect(row('dev').getByText('Ready')).toBeInTheDocument();
    expect(row('staging').getByText('sha-5c1f3aa')).toBeInTheDocument();
    expect(row('staging').getByText('sha-0000001')).toBeInTheDocument();
    expect(row('staging').getByText('Reconciling')).toBeInTheDocument();
    expect(row('staging').getByText('DRIFT')).toBeInTheDocument();
    expect(row('dev').queryByText('DRIFT')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Flux tab/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/user-service/flux',
    );
    expect(api.getEntityStatus).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'user-service',
    });
  });

  it('shows the declared tag of an environment without a cluster, and says which cluster could not be read', async () => {
    const status = entityStatus();
    status.environments[0] = {
      environment: 'dev',
      readiness: 'unknown',
      suspended: false,
      drift: false,
      declared: {
        image: 'ghcr.io/ecommerce-platform/user-service',
        tag: 'sha-8d41e07',
      },
      objects: [],
    };
    status.environments[2] = environmentStatus('prod', 'sha-2b9d0e4', {
      deployed: undefined,
      error: {
        cluster: 'ecommerce-prod-cluster',
        environment: 'prod',
        reason: 'unreachable',
        message: 'connect ECONNREFUSED 10.20.0.1:443',
      },
    });
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxCard />, { api });

    expect(await row('dev').findByText('sha-8d41e07')).toBeInTheDocument();
    expect(row('dev').getByText('no cluster')).toBeInTheDocument();
    expect(row('prod').getByText('sha-2b9d0e4')).toBeInTheDocument();
    expect(row('prod').getByText('cannot read')).toBeInTheDocument();
    expect(
      row('prod').getByTitle('connect ECONNREFUSED 10.20.0.1:443'),
    ).toBeInTheDocument();
    expect(row('staging').getByText('Ready')).toBeInTheDocument();
    // The app has no Flux tab here: no link to it.
    expect(
      screen.queryByRole('link', { name: /Flux tab/ }),
    ).not.toBeInTheDocument();
  });

  it('keeps the last answer when a refresh fails, and says so', async () => {
    const getEntityStatus = jest
      .fn()
      .mockResolvedValueOnce(entityStatus())
      .mockRejectedValue(new Error('Flux backend unavailable'));
    await renderWithFlux(<EntityFluxCard pollIntervalMs={50} />, {
      api: fluxApiStub({ getEntityStatus }),
    });

    expect(
      await screen.findByText(
        'Could not refresh (Flux backend unavailable); showing the last answer',
      ),
    ).toBeInTheDocument();
    expect(row('prod').getAllByText('sha-2b9d0e4')).toHaveLength(2);
  });

  it('shows the error when the Flux backend cannot answer', async () => {
    const api = fluxApiStub({
      getEntityStatus: jest.fn(async () => {
        throw new Error('Flux backend unavailable');
      }),
    });
    await renderWithFlux(<EntityFluxCard />, { api });

    expect(
      await screen.findByText('Error: Flux backend unavailable'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
