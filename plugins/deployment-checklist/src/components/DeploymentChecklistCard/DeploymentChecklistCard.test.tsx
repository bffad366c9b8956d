import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { deploymentChecklistApiRef } from '../../api';
import {
  entity,
  entityRef,
  mockChecklistApi,
  releases,
} from '../../__testUtils__/fixtures';
import { rootRouteRef } from '../../routes';
import { DeploymentChecklistCard } from './DeploymentChecklistCard';

// In an app the tab is a child of the entity page (whose parameters come
// from the location); the test app mounts routes flat.
const TAB = '/catalog/default/component/order-service/release-checklist';

describe('DeploymentChecklistCard', () => {
  const api = mockChecklistApi();

  beforeEach(() => jest.resetAllMocks());

  const render = (options: { tab?: boolean } = { tab: true }) =>
    renderInTestApp(
      <TestApiProvider apis={[[deploymentChecklistApiRef, api]]}>
        <EntityProvider entity={entity}>
          <DeploymentChecklistCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: options.tab ? { [TAB]: rootRouteRef } : {} },
    );

  it('shows the latest release with its progress per phase and its gate, linking to it and to the tab', async () => {
    api.listReleases.mockResolvedValue(releases());
    await render();

    expect(api.listReleases).toHaveBeenCalledWith({ entityRef });
    expect(await screen.findByRole('link', { name: '1.5.0' })).toHaveAttribute(
      'href',
      `${TAB}?release=rel-2`,
    );
    // Only the latest release.
    expect(screen.queryByText('1.4.2')).not.toBeInTheDocument();
    expect(screen.getByText('ci-bot')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Pre-deployment: 3 of 6 complete',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('Pre-deployment open')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All releases/ })).toHaveAttribute(
      'href',
      TAB,
    );
  });

  it('says when there is no release yet', async () => {
    api.listReleases.mockResolvedValue([]);
    await render();

    expect(await screen.findByText(/No releases yet/)).toBeInTheDocument();
  });

  it('shows the version without links in an app without the tab', async () => {
    api.listReleases.mockResolvedValue(releases());
    await render({ tab: false });

    expect(await screen.findByText('1.5.0')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says why the releases could not be read', async () => {
    api.listReleases.mockRejectedValue(new Error('checklist backend down'));
    await render();

    expect(
      await screen.findByText(
        'Error: Could not load the releases: checklist backend down',
      ),
    ).toBeInTheDocument();
  });
});
