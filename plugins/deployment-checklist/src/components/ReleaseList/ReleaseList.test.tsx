import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { deploymentChecklistApiRef } from '../../api';
import {
  entityRef,
  mockChecklistApi,
  releases,
} from '../../__testUtils__/fixtures';
import { ReleaseList } from './ReleaseList';

describe('ReleaseList', () => {
  const api = mockChecklistApi();

  beforeEach(() => jest.resetAllMocks());

  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[deploymentChecklistApiRef, api]]}>
        <ReleaseList
          entityRef={entityRef}
          releaseLink={id => `/release-checklist?release=${id}`}
        />
      </TestApiProvider>,
    );

  it('lists the releases of the entity with progress per phase and gate status', async () => {
    api.listReleases.mockResolvedValue(releases());

    await render();

    expect(api.listReleases).toHaveBeenCalledWith({ entityRef });
    const newest = (await screen.findByRole('link', { name: '1.5.0' })).closest(
      'tr',
    )!;
    expect(within(newest).getByRole('link', { name: '1.5.0' })).toHaveAttribute(
      'href',
      '/release-checklist?release=rel-2',
    );
    expect(within(newest).getByText('10 minutes ago')).toBeInTheDocument();
    expect(within(newest).getByText('ci-bot')).toBeInTheDocument();
    expect(within(newest).getByText('3/6')).toBeInTheDocument();
    expect(
      within(newest).getByRole('progressbar', {
        name: 'Pre-deployment: 3 of 6 complete',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(
      within(newest).getByRole('progressbar', {
        name: 'Deployment: 0 of 9 complete',
      }),
    ).toHaveAttribute('aria-valuenow', '0');
    expect(within(newest).getByText('Pre-deployment open')).toBeInTheDocument();

    const older = screen.getByRole('link', { name: '1.4.2' }).closest('tr')!;
    expect(within(older).getByText('3 days ago')).toBeInTheDocument();
    expect(within(older).getByText('7/7')).toBeInTheDocument();
    expect(within(older).getByText('All phases complete')).toBeInTheDocument();

    // Newest first, as the backend sent them.
    const versions = screen
      .getAllByRole('link')
      .map(link => link.textContent)
      .filter(text => text === '1.5.0' || text === '1.4.2');
    expect(versions).toEqual(['1.5.0', '1.4.2']);
  });

  it('shows progress while the releases load', async () => {
    api.listReleases.mockReturnValue(new Promise(() => {}));

    await render();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the releases cannot be loaded', async () => {
    api.listReleases.mockRejectedValue(
      new Error('deployment-checklist backend unavailable'),
    );

    await render();

    const [message] = await screen.findAllByText(
      /deployment-checklist backend unavailable/,
    );
    expect(message).toBeVisible();
    expect(screen.queryByText('Releases')).not.toBeInTheDocument();
  });

  it('explains where releases come from when there are none', async () => {
    api.listReleases.mockResolvedValue([]);

    await render();

    expect(await screen.findByText('No releases yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /a release appears when CI sets a new tag in the dev overlay/i,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('gitops checklist create')).toBeInTheDocument();
  });
});
