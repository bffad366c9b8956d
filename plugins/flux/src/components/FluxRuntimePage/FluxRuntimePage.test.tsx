import { screen, within } from '@testing-library/react';
import { runtimeStatus } from '../../__testUtils__/fixtures';
import { fluxApiStub, renderWithFlux } from '../../__testUtils__/renderFluxTab';
import { FluxRuntimePage } from './FluxRuntimePage';

describe('FluxRuntimePage', () => {
  it('lists the controllers, versions and served APIs of each cluster', async () => {
    const api = fluxApiStub();
    await renderWithFlux(<FluxRuntimePage />, { api });

    expect(
      await screen.findByText('ecommerce-dev-cluster'),
    ).toBeInTheDocument();
    const controllers = within(
      screen.getByRole('table', { name: 'Controllers' }),
    );
    for (const name of [
      'source-controller',
      'kustomize-controller',
      'helm-controller',
      'notification-controller',
    ]) {
      expect(controllers.getByText(name)).toBeInTheDocument();
    }
    expect(controllers.getAllByText('v1.4.1')).toHaveLength(4);
    expect(controllers.getAllByText('1/1 ready')).toHaveLength(4);
    const apis = within(
      screen.getByRole('table', { name: 'Served API versions' }),
    );
    expect(apis.getByText('Kustomization')).toBeInTheDocument();
    expect(
      apis.getByText('kustomize.toolkit.fluxcd.io/v1'),
    ).toBeInTheDocument();
    expect(apis.getByText('helm.toolkit.fluxcd.io/v2')).toBeInTheDocument();
  });

  it("shows a cluster's error next to the clusters that could be read", async () => {
    const api = fluxApiStub();
    await renderWithFlux(<FluxRuntimePage />, { api });

    expect(
      await screen.findByText(
        'Cannot read ecommerce-prod-cluster (unauthorized, HTTP 401)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the service account token was rejected'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('table', { name: 'Controllers' })).toHaveLength(
      1,
    );
  });

  it('marks an unhealthy controller', async () => {
    const runtime = runtimeStatus();
    runtime.clusters[0].controllers[1] = {
      ...runtime.clusters[0].controllers[1],
      ready: false,
      readyReplicas: 0,
    };
    const api = fluxApiStub({ getRuntimeStatus: jest.fn(async () => runtime) });
    await renderWithFlux(<FluxRuntimePage />, { api });

    const unhealthy = await screen.findByText('0/1 ready');
    expect(unhealthy.closest('tr')).toHaveTextContent('kustomize-controller');
    expect(
      within(unhealthy.closest('tr')!).getByLabelText('Status error'),
    ).toBeInTheDocument();
  });

  it('says what to configure when there is no cluster', async () => {
    const api = fluxApiStub({
      getRuntimeStatus: jest.fn(async () => ({ clusters: [] })),
    });
    await renderWithFlux(<FluxRuntimePage />, { api });

    expect(
      await screen.findByText('No Flux cluster configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes\.clusterLocatorMethods/),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the runtime cannot be read', async () => {
    const api = fluxApiStub({
      getRuntimeStatus: jest.fn(async () => {
        throw new Error('flux backend unavailable');
      }),
    });
    await renderWithFlux(<FluxRuntimePage />, { api });

    expect(
      await screen.findByText('Error: flux backend unavailable'),
    ).toBeInTheDocument();
  });
});
