import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deploymentChecklistApiRef } from '../../api';
import {
  entity,
  entityRef,
  mockChecklistApi,
  releaseDetail,
  releases,
} from '../../__testUtils__/fixtures';
import { DeploymentChecklistContent } from './DeploymentChecklistContent';

describe('DeploymentChecklistContent', () => {
  // Renders two tables and a release; slow on a busy machine.
  jest.setTimeout(30_000);

  const api = mockChecklistApi();

  beforeEach(() => jest.resetAllMocks());

  const render = (route: string) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [deploymentChecklistApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={entity}>
          <DeploymentChecklistContent />
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: [route] },
    );

  it('lists the releases of the entity and opens one, then goes back', async () => {
    api.listReleases.mockResolvedValue(releases());
    api.getRelease.mockResolvedValue(releaseDetail());
    const user = userEvent.setup();

    await render('/catalog/default/component/order-service/release-checklist');

    expect(api.listReleases).toHaveBeenCalledWith({ entityRef });
    await user.click(await screen.findByRole('link', { name: '1.4.2' }));

    expect(
      await screen.findByRole('heading', { name: 'Release 1.4.2' }),
    ).toBeInTheDocument();
    expect(api.getRelease).toHaveBeenCalledWith({ releaseId: 'rel-1' });
    expect(
      screen.getByRole('button', { name: 'Tick Code review approved' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'All releases' }));
    expect(await screen.findByRole('link', { name: '1.5.0' })).toBeVisible();
    expect(
      screen.queryByRole('heading', { name: 'Release 1.4.2' }),
    ).not.toBeInTheDocument();
  });

  it('opens the release named in the address', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());

    await render(
      '/catalog/default/component/order-service/release-checklist?release=rel-1',
    );

    expect(
      await screen.findByRole('heading', { name: 'Release 1.4.2' }),
    ).toBeInTheDocument();
    expect(api.listReleases).not.toHaveBeenCalled();
  });
});
