import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  entityStatus,
  environmentStatus,
  kustomization,
} from '../../__testUtils__/fixtures';
import { EnvironmentMatrix } from './EnvironmentMatrix';

function row(environment: string) {
  return within(screen.getByTestId(`environment-${environment}`));
}

describe('EnvironmentMatrix', () => {
  it('lists dev, staging and prod in promotion order whatever order they come in', async () => {
    const status = entityStatus();
    status.environments.reverse();
    await renderInTestApp(<EnvironmentMatrix status={status} />);

    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map(tableRow => within(tableRow).getAllByRole('cell')[0].textContent);
    expect(names).toEqual(['dev', 'staging', 'prod']);
  });

  it('treats an environment the backend left out as one without a cluster', async () => {
    const status = entityStatus();
    status.environments = status.environments.filter(
      environment => environment.environment !== 'prod',
    );
    await renderInTestApp(<EnvironmentMatrix status={status} />);

    expect(
      row('prod').getByText('No cluster configured for prod'),
    ).toBeInTheDocument();
    expect(row('prod').getByText('not declared')).toBeInTheDocument();
  });

  it('gives one app-config snippet for every environment without a cluster', async () => {
    const status = entityStatus();
    status.environments = status.environments.map(environment =>
      environment.environment === 'staging'
        ? environment
        : { ...environment, cluster: undefined, objects: [] },
    );
    await renderInTestApp(<EnvironmentMatrix status={status} />);

    expect(
      row('dev').getByText('No cluster configured for dev'),
    ).toBeInTheDocument();
    expect(
      row('dev').getByText(status.environments[0].declared!.tag),
    ).toBeInTheDocument();
    const help = within(screen.getByTestId('no-cluster-help'));
    expect(
      help.getByText('To see what runs in dev and prod'),
    ).toBeInTheDocument();
    const snippet = screen.getByTestId('no-cluster-help').textContent;
    expect(snippet).toContain('name: ecommerce-dev-cluster');
    expect(snippet).toContain('name: ecommerce-prod-cluster');
    expect(snippet).toMatch(/ecommerce-prod-cluster:\s+environment: prod/);
    expect(snippet).not.toContain('ecommerce-staging-cluster');
  });

  it('shows no app-config help when every environment has a cluster', async () => {
    await renderInTestApp(<EnvironmentMatrix status={entityStatus()} />);
    expect(screen.queryByTestId('no-cluster-help')).not.toBeInTheDocument();
  });

  it('shows a suspended environment and why an environment is not ready', async () => {
    const status = entityStatus();
    status.environments[0] = environmentStatus('dev', 'sha-8d41e07', {
      readiness: 'stalled',
      suspended: true,
      objects: [
        kustomization('dev', {
          readiness: 'stalled',
          suspended: true,
          message: 'kustomize build failed: accumulating resources',
        }),
      ],
    });
    await renderInTestApp(<EnvironmentMatrix status={status} />);

    expect(row('dev').getByText('Stalled')).toBeInTheDocument();
    expect(row('dev').getByText('suspended')).toBeInTheDocument();
    expect(
      row('dev').getByText('kustomize build failed: accumulating resources'),
    ).toBeInTheDocument();
    expect(row('staging').queryByText('suspended')).not.toBeInTheDocument();
  });

  it('says when nothing runs in an environment yet', async () => {
    const status = entityStatus();
    status.environments[0] = environmentStatus('dev', 'sha-8d41e07', {
      deployed: undefined,
      lastAppliedRevision: undefined,
      readiness: 'unknown',
      objects: [],
    });
    await renderInTestApp(<EnvironmentMatrix status={status} />);

    expect(row('dev').getByText('not running')).toBeInTheDocument();
    expect(row('dev').getByText('nothing applied')).toBeInTheDocument();
    expect(row('dev').getByText('unknown')).toBeInTheDocument();
  });

  it('refreshes on the refresh button', async () => {
    const onRefresh = jest.fn();
    await renderInTestApp(
      <EnvironmentMatrix status={entityStatus()} onRefresh={onRefresh} />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(onRefresh).toHaveBeenCalledTimes(1);
  });
});
