import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FluxEntityStatus } from '@goldenpath/backstage-plugin-flux-common';
import {
  actionRecord,
  entityStatus,
  environmentStatus,
  kustomization,
} from '../../__testUtils__/fixtures';
import { fluxApiStub, renderWithFlux } from '../../__testUtils__/renderFluxTab';
import { EntityFluxContent } from './EntityFluxContent';

function row(environment: string) {
  return within(screen.getByTestId(`environment-${environment}`));
}

describe('EntityFluxContent', () => {
  it('shows the version declared and deployed in each of the three environments', async () => {
    const api = fluxApiStub();
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(await screen.findByText('Environments')).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'user-service',
    });
    // Declared and deployed agree: the tag shows twice in each row.
    expect(row('dev').getAllByText('sha-8d41e07')).toHaveLength(2);
    expect(row('staging').getAllByText('sha-5c1f3aa')).toHaveLength(2);
    expect(row('prod').getAllByText('sha-2b9d0e4')).toHaveLength(2);
    expect(row('dev').getByText('ecommerce-dev-cluster')).toBeInTheDocument();
    expect(row('prod').getByText('Ready')).toBeInTheDocument();
    expect(row('prod').getByText('main@b7e1c0a')).toBeInTheDocument();
    expect(row('prod').getByText('12 minutes ago')).toBeInTheDocument();
    expect(screen.queryByText('DRIFT')).not.toBeInTheDocument();
  });

  it('calls out drift where the cluster runs another version than declared', async () => {
    const status = entityStatus();
    status.environments[1] = environmentStatus('staging', 'sha-5c1f3aa', {
      deployed: {
        image: 'ghcr.io/ecommerce-platform/user-service',
        tag: 'sha-4a0e2b1',
      },
      drift: true,
    });
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(await row('staging').findByText('DRIFT')).toBeInTheDocument();
    expect(
      row('staging').getByText('declared sha-5c1f3aa, running sha-4a0e2b1'),
    ).toBeInTheDocument();
    expect(row('dev').queryByText('DRIFT')).not.toBeInTheDocument();
    expect(row('prod').queryByText('DRIFT')).not.toBeInTheDocument();
  });

  it('shows progress while the first answer is awaited', async () => {
    const api = fluxApiStub({
      getEntityStatus: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Environments')).not.toBeInTheDocument();
  });

  it('shows an error panel when the status cannot be read', async () => {
    const api = fluxApiStub({
      getEntityStatus: jest.fn(async () => {
        throw new Error('Request failed with 500 Internal Server Error');
      }),
    });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(
      await screen.findByText(
        'Error: Request failed with 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Environments')).not.toBeInTheDocument();
  });

  it('says what to configure for an environment without a cluster', async () => {
    const status = entityStatus();
    status.environments[1] = {
      environment: 'staging',
      readiness: 'unknown',
      suspended: false,
      drift: false,
      declared: {
        image: 'ghcr.io/ecommerce-platform/user-service',
        tag: 'sha-5c1f3aa',
      },
      objects: [],
    };
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(
      await row('staging').findByText('No cluster configured for staging'),
    ).toBeInTheDocument();
    // What gitops-config declares is shown all the same.
    expect(row('staging').getByText('sha-5c1f3aa')).toBeInTheDocument();
    const help = within(screen.getByTestId('no-cluster-help'));
    expect(help.getByText('To see what runs in staging')).toBeInTheDocument();
    expect(
      help.getByText('kubernetes.clusterLocatorMethods'),
    ).toBeInTheDocument();
    expect(
      help.getByText('flux.clusters.ecommerce-staging-cluster.environment'),
    ).toBeInTheDocument();
    expect(
      help.queryByText('flux.clusters.ecommerce-dev-cluster.environment'),
    ).not.toBeInTheDocument();
    // The other environments are unaffected and keep their Flux objects.
    expect(row('dev').getAllByText('sha-8d41e07')).toHaveLength(2);
    expect(screen.getByText('Flux objects in dev')).toBeInTheDocument();
    expect(
      screen.queryByText('Flux objects in staging'),
    ).not.toBeInTheDocument();
  });

  it("shows a cluster's error beside the environments that could be read", async () => {
    const status = entityStatus();
    status.environments[2] = environmentStatus('prod', 'sha-2b9d0e4', {
      error: {
        cluster: 'ecommerce-prod-cluster',
        environment: 'prod',
        reason: 'unreachable',
        message: 'connect ECONNREFUSED 10.20.0.1:443',
        statusCode: 503,
      },
      deployed: undefined,
      objects: [],
    });
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(
      await row('prod').findByText(
        'Cannot read ecommerce-prod-cluster (unreachable, HTTP 503)',
      ),
    ).toBeInTheDocument();
    expect(
      row('prod').getByText('connect ECONNREFUSED 10.20.0.1:443'),
    ).toBeInTheDocument();
    expect(row('dev').getByText('Ready')).toBeInTheDocument();
    expect(row('staging').getByText('Ready')).toBeInTheDocument();
    expect(row('staging').getAllByText('sha-5c1f3aa')).toHaveLength(2);
  });

  it('shows an object it cannot interpret as unknown, with its raw conditions', async () => {
    const status = entityStatus();
    status.environments[0] = environmentStatus('dev', 'sha-8d41e07', {
      readiness: 'unknown',
      objects: [
        kustomization('dev', {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v2',
          knownApiVersion: false,
          readiness: 'unknown',
          reason: undefined,
          message: undefined,
          conditions: [
            {
              type: 'Converged',
              status: 'Maybe',
              reason: 'FutureReason',
              message: 'a condition from a newer Flux',
            },
          ],
          history: [],
        }),
      ],
    });
    const api = fluxApiStub({ getEntityStatus: jest.fn(async () => status) });
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(await row('dev').findByText('unknown')).toBeInTheDocument();
    expect(
      screen.getByText('unknown API version kustomize.toolkit.fluxcd.io/v2'),
    ).toBeInTheDocument();
    const conditions = within(
      screen.getByRole('table', { name: 'Conditions' }),
    );
    expect(conditions.getByText('Converged')).toBeInTheDocument();
    expect(conditions.getByText('Maybe')).toBeInTheDocument();
    expect(conditions.getByText('FutureReason')).toBeInTheDocument();
    expect(
      conditions.getByText('a condition from a newer Flux'),
    ).toBeInTheDocument();
  });

  it('lists who did what to the Flux objects', async () => {
    const api = fluxApiStub();
    await renderWithFlux(<EntityFluxContent />, { api });

    expect(await screen.findByText('Flux actions')).toBeInTheDocument();
    expect(screen.getByText('jane.doe')).toBeInTheDocument();
    expect(
      screen.getByText('reconcile Kustomization flux-system/user-service'),
    ).toBeInTheDocument();
    expect(screen.getByText('succeeded')).toBeInTheDocument();
    expect(screen.getByText('30 minutes ago')).toBeInTheDocument();
  });

  it('reloads after an action so that the audit trail shows it', async () => {
    const record = actionRecord({
      id: 'a9',
      actor: 'user:default/guest',
      cluster: 'ecommerce-staging-cluster',
      environment: 'staging',
      requestedAt: new Date().toISOString(),
    });
    const after = entityStatus({ actions: [record, actionRecord()] });
    const api = fluxApiStub({
      getEntityStatus: jest
        .fn()
        .mockResolvedValueOnce(entityStatus())
        .mockResolvedValue(after),
      requestAction: jest.fn(async () => record),
    });
    await renderWithFlux(<EntityFluxContent />, { api });

    const staging = within(
      await screen.findByRole('region', { name: 'Flux objects in staging' }),
    );
    await userEvent.click(
      staging.getByRole('button', {
        name: 'Reconcile Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Reconcile' }));

    expect(api.requestAction).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'user-service' },
      expect.objectContaining({
        cluster: 'ecommerce-staging-cluster',
        action: 'reconcile',
      }),
    );
    expect(await screen.findByText('guest')).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledTimes(2);
  });

  it('polls the status and shows the newer answer', async () => {
    const first = entityStatus();
    const second = entityStatus();
    second.environments[0] = environmentStatus('dev', 'sha-9e9e9e9');
    // Polls after the first answer wait until the test lets them through.
    let answerPolls: (status: FluxEntityStatus) => void = () => {};
    const polled = new Promise<FluxEntityStatus>(resolve => {
      answerPolls = resolve;
    });
    const api = fluxApiStub({
      getEntityStatus: jest
        .fn()
        .mockResolvedValueOnce(first)
        .mockReturnValue(polled),
    });
    await renderWithFlux(<EntityFluxContent pollIntervalMs={50} />, { api });

    expect(await row('dev').findAllByText('sha-8d41e07')).toHaveLength(2);
    await waitFor(() => expect(api.getEntityStatus).toHaveBeenCalledTimes(2));
    answerPolls(second);
    await waitFor(() =>
      expect(row('dev').getAllByText('sha-9e9e9e9')).toHaveLength(2),
    );
  });

  it('asks again every 15 seconds by default', async () => {
    jest.useFakeTimers();
    try {
      const api = fluxApiStub();
      await renderWithFlux(<EntityFluxContent />, { api });
      await screen.findByText('Environments');
      expect(api.getEntityStatus).toHaveBeenCalledTimes(1);

      await act(async () => {
        jest.advanceTimersByTime(14_000);
      });
      expect(api.getEntityStatus).toHaveBeenCalledTimes(1);

      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      expect(api.getEntityStatus).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('loads again on the refresh button, one request for the whole tab', async () => {
    const api = fluxApiStub();
    await renderWithFlux(<EntityFluxContent />, { api });
    await screen.findByText('Environments');
    expect(api.getEntityStatus).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(api.getEntityStatus).toHaveBeenCalledTimes(2));
  });

  it('keeps the last answer and warns when a refresh fails', async () => {
    const api = fluxApiStub({
      getEntityStatus: jest
        .fn()
        .mockResolvedValueOnce(entityStatus())
        .mockRejectedValue(new Error('flux backend restarting')),
    });
    await renderWithFlux(<EntityFluxContent />, { api });
    await screen.findByText('Environments');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(
      await screen.findByText(
        'Warning: Could not refresh the Flux status; showing the last answer',
      ),
    ).toBeInTheDocument();
    expect(row('dev').getAllByText('sha-8d41e07')).toHaveLength(2);
  });
});
