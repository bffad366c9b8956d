import type { FluxObjectStatus } from '@goldenpath/backstage-plugin-flux-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kustomization } from '../../__testUtils__/fixtures';
import { fluxApiStub, renderWithFlux } from '../../__testUtils__/renderFluxTab';
import { FluxObjectDetails } from './FluxObjectDetails';

const entityRef = {
  kind: 'component',
  namespace: 'default',
  name: 'user-service',
};

async function renderObject(object: FluxObjectStatus) {
  return renderWithFlux(
    <FluxObjectDetails
      object={object}
      entityRef={entityRef}
      resourceRef="component:default/user-service"
    />,
    { api: fluxApiStub() },
  );
}

describe('FluxObjectDetails', () => {
  it('shows conditions, history, inventory and events of a ready object when expanded', async () => {
    await renderObject(kustomization('dev'));

    expect(
      screen.getByText('Kustomization flux-system/user-service'),
    ).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    // A ready object starts collapsed.
    expect(
      screen.queryByRole('table', { name: 'Conditions' }),
    ).not.toBeInTheDocument();

    // The actions are buttons of their own, named after the object, not
    // inside another button (an accordion summary is one).
    const reconcile = screen.getByRole('button', {
      name: 'Reconcile Kustomization flux-system/user-service',
    });
    expect(reconcile.parentElement!.closest('[role="button"]')).toBeNull();

    const toggle = screen.getByRole('button', {
      name: 'Kustomization flux-system/user-service details',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const conditions = within(
      await screen.findByRole('table', { name: 'Conditions' }),
    );
    expect(conditions.getByText('Healthy')).toBeInTheDocument();
    expect(conditions.getByText('Health check passed')).toBeInTheDocument();
    const history = within(screen.getByRole('table', { name: 'History' }));
    expect(history.getByText('main@4f2a9c8')).toBeInTheDocument();
    expect(history.getByText('25')).toBeInTheDocument();
    const inventory = within(screen.getByRole('table', { name: 'Inventory' }));
    expect(inventory.getByText('Deployment')).toBeInTheDocument();
    expect(inventory.getByText('apps/v1')).toBeInTheDocument();
    expect(inventory.getAllByText('user-service/user-service')).toHaveLength(2);
    const events = within(screen.getByRole('table', { name: 'Recent events' }));
    expect(
      events.getByText('Reconciliation finished in 2.1s, next run in 5m0s'),
    ).toBeInTheDocument();
  });

  it('opens a failing object at once, with why it fails', async () => {
    await renderObject(
      kustomization('dev', {
        readiness: 'failed',
        reason: 'HealthCheckFailed',
        message: 'Deployment/user-service/user-service not ready',
        lastAttemptedRevision: 'main@sha1:ffffffffffffffffffffffffffff',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'HealthCheckFailed',
            message: 'Deployment/user-service/user-service not ready',
          },
        ],
      }),
    );

    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'HealthCheckFailed: Deployment/user-service/user-service not ready',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Conditions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Last attempted: main@fffffff (applied: main@4f2a9c8)'),
    ).toBeInTheDocument();
  });

  it('shows a HelmRelease history by chart and app version', async () => {
    await renderObject(
      kustomization('dev', {
        kind: 'HelmRelease',
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        readiness: 'reconciling',
        history: [
          {
            chartName: 'redis',
            chartVersion: '19.6.4',
            appVersion: '7.2.5',
            version: 4,
            status: 'deployed',
          },
        ],
      }),
    );

    const history = within(screen.getByRole('table', { name: 'History' }));
    expect(
      history.getByText('v4 redis@19.6.4 (app 7.2.5)'),
    ).toBeInTheDocument();
    expect(history.getByText('deployed')).toBeInTheDocument();
  });

  it('does not break on an object without conditions, history, inventory or events', async () => {
    const bare = {
      ...kustomization('dev'),
      readiness: 'unknown',
      conditions: undefined,
      history: undefined,
      inventory: undefined,
      events: undefined,
    } as unknown as FluxObjectStatus;
    await renderObject(bare);

    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(
      screen.getByText('The object reports no conditions.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No history recorded.')).toBeInTheDocument();
    expect(screen.getByText('Nothing applied.')).toBeInTheDocument();
    expect(screen.getByText('No recent events.')).toBeInTheDocument();
  });
});
