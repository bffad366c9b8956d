import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ChecklistItem,
  ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  checklistItemUpdatePermission,
  checklistReleaseEvaluatePermission,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { deploymentChecklistApiRef } from '../../api';
import {
  entityRef,
  minutesAgo,
  mockChecklistApi,
  releaseDetail,
  responseError,
} from '../../__testUtils__/fixtures';
import { ReleaseView } from './ReleaseView';

/** The release with one item replaced, as the backend returns it after a change. */
function withItem(
  release: ReleaseDetail,
  id: string,
  change: Partial<ChecklistItem>,
): ReleaseDetail {
  return {
    ...release,
    items: release.items.map(item =>
      item.id === id ? { ...item, ...change } : item,
    ),
  };
}

describe('ReleaseView', () => {
  // Material tables render slowly in jsdom on a busy machine.
  jest.setTimeout(20_000);

  const api = mockChecklistApi();

  beforeEach(() => jest.resetAllMocks());

  /**
   * Allows changing items and re-checking only on this entity, as the policy
   * would for its owners.
   */
  const ownerPermissions = mockApis.permission({
    authorize: request =>
      [
        checklistItemUpdatePermission.name,
        checklistReleaseEvaluatePermission.name,
      ].includes(request.permission.name) &&
      'resourceRef' in request &&
      request.resourceRef === entityRef
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });

  const render = (permissionApi = ownerPermissions, ref = entityRef) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [deploymentChecklistApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <ReleaseView
          releaseId="rel-1"
          entityRef={ref}
          backLink="/release-checklist"
        />
      </TestApiProvider>,
    );

  const phaseList = (name: string) => screen.getByRole('list', { name });
  const itemRow = (title: string) =>
    screen.getByRole('listitem', { name: title });

  it('groups the items by phase, with evidence of automatic items and who changed manual ones', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());

    await render();

    expect(
      await screen.findByRole('heading', { name: 'Release 1.4.2' }),
    ).toBeInTheDocument();
    expect(api.getRelease).toHaveBeenCalledWith({ releaseId: 'rel-1' });

    const pre = phaseList('Pre-deployment');
    expect(
      within(pre)
        .getAllByRole('listitem')
        .map(row => row.getAttribute('aria-label')),
    ).toEqual([
      'All tests passing in CI',
      'Code review approved',
      'Rollback plan documented',
    ]);
    expect(
      within(phaseList('Deployment'))
        .getAllByRole('listitem')
        .map(row => row.getAttribute('aria-label')),
    ).toEqual(['Deploy to dev environment']);
    expect(
      within(phaseList('Post-deployment'))
        .getAllByRole('listitem')
        .map(row => row.getAttribute('aria-label')),
    ).toEqual(['Check error rates', 'Notify team']);
    expect(screen.getByText('2 of 3 complete')).toBeInTheDocument();

    const ci = itemRow('All tests passing in CI');
    expect(within(ci).getByText('Passed')).toBeInTheDocument();
    expect(within(ci).getByText('Automatic · CI')).toBeInTheDocument();
    expect(
      within(ci).getByText('The CI workflow of the tagged commit succeeded.'),
    ).toBeInTheDocument();
    expect(within(ci).getByText('success')).toBeInTheDocument();
    expect(
      within(ci).getByText('workflow build.yaml run 4711'),
    ).toBeInTheDocument();
    expect(within(ci).getByText('5 minutes ago')).toBeInTheDocument();
    expect(
      within(ci).getByRole('link', { name: /View evidence/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/goldenpath/order-service/actions/runs/4711',
    );
    // Automatic items are not ticked by hand, only waived with a reason.
    expect(
      within(ci).queryByRole('button', { name: /^Tick/ }),
    ).not.toBeInTheDocument();
    expect(
      within(ci).getByRole('button', {
        name: 'Mark All tests passing in CI not applicable',
      }),
    ).toBeInTheDocument();

    const errorRate = itemRow('Check error rates');
    expect(within(errorRate).getByText('Failed')).toBeInTheDocument();
    expect(within(errorRate).getByText('0.031')).toBeInTheDocument();
    expect(
      within(errorRate).getByText('0.031 is not < 0.01'),
    ).toBeInTheDocument();
    expect(
      within(errorRate).getByText(/sum\(rate\(http_requests_total/),
    ).toBeInTheDocument();

    const deploy = itemRow('Deploy to dev environment');
    expect(within(deploy).getByText('Pending')).toBeInTheDocument();
    expect(within(deploy).getByText('Not checked yet.')).toBeInTheDocument();

    const rollback = itemRow('Rollback plan documented');
    expect(within(rollback).getByText('Done')).toBeInTheDocument();
    expect(within(rollback).getByText(/Ticked by/)).toHaveTextContent(
      'Ticked by jane 1 hour ago',
    );
    expect(
      within(rollback).getByText('“See runbook section 4”'),
    ).toBeInTheDocument();

    const notify = itemRow('Notify team');
    expect(
      within(notify).getByText(/Marked not applicable by/),
    ).toHaveTextContent('Marked not applicable by sam 30 minutes ago');
    expect(
      within(notify).getByText('“Internal-only change”'),
    ).toBeInTheDocument();

    const audit = screen
      .getByText('Rollback plan documented', {
        selector: 'td',
      })
      .closest('tr')!;
    expect(within(audit).getByText('Ticked')).toBeInTheDocument();
    expect(within(audit).getByText('jane')).toBeInTheDocument();
    expect(within(audit).getByText('Open → Done')).toBeInTheDocument();
    expect(
      within(audit).getByText('See runbook section 4'),
    ).toBeInTheDocument();
    expect(screen.getByText('Created the release')).toBeInTheDocument();
  });

  it('ticks an item with a comment and the revision the user saw, then reloads', async () => {
    const before = releaseDetail();
    const after = withItem(before, 'code-review', {
      status: 'done',
      updatedBy: 'user:default/guest',
      updatedAt: minutesAgo(0),
      comment: 'Approved by two reviewers',
      revision: 4,
    });
    api.getRelease.mockResolvedValueOnce(before).mockResolvedValueOnce(after);
    api.updateItem.mockResolvedValue(after.items[1]);
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Tick Code review approved' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Tick “Code review approved”',
    });
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Comment (optional)' }),
      'Approved by two reviewers',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Tick' }));

    expect(api.updateItem).toHaveBeenCalledWith({
      releaseId: 'rel-1',
      itemId: 'code-review',
      update: {
        action: 'tick',
        comment: 'Approved by two reviewers',
        revision: 3,
      },
    });
    await waitFor(() =>
      expect(
        within(itemRow('Code review approved')).getByText('Done'),
      ).toBeInTheDocument(),
    );
    expect(api.getRelease).toHaveBeenCalledTimes(2);
    expect(
      within(itemRow('Code review approved')).getByText(
        '“Approved by two reviewers”',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Untick Code review approved' }),
    ).toBeEnabled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('ticks without a comment when none is given', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());
    api.updateItem.mockResolvedValue(releaseDetail().items[1]);
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Tick Code review approved' }),
    );
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Tick' }),
    );

    expect(api.updateItem).toHaveBeenCalledWith({
      releaseId: 'rel-1',
      itemId: 'code-review',
      update: { action: 'tick', comment: undefined, revision: 3 },
    });
  });

  it('unticks at once with the revision the user saw', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());
    api.updateItem.mockResolvedValue(releaseDetail().items[2]);
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', {
        name: 'Untick Rollback plan documented',
      }),
    );

    expect(api.updateItem).toHaveBeenCalledWith({
      releaseId: 'rel-1',
      itemId: 'rollback-plan',
      update: { action: 'untick', comment: undefined, revision: 5 },
    });
    await waitFor(() => expect(api.getRelease).toHaveBeenCalledTimes(2));
  });

  it('takes back the waiver of an automatic item with "Check … again"', async () => {
    const waived = withItem(releaseDetail(), 'error-rate', {
      status: 'not-applicable',
      comment: 'No traffic in this release',
      revision: 5,
    });
    api.getRelease.mockResolvedValue(waived);
    const user = userEvent.setup();

    await render();

    const checkAgain = await screen.findByRole('button', {
      name: 'Check Check error rates again',
    });
    expect(checkAgain).toHaveTextContent('Check again');
    await user.click(checkAgain);

    expect(api.updateItem).toHaveBeenCalledWith({
      releaseId: 'rel-1',
      itemId: 'error-rate',
      update: { action: 'untick', comment: undefined, revision: 5 },
    });
  });

  it('says the item changed meanwhile and shows the reloaded state on a 409', async () => {
    const before = releaseDetail();
    const changedBySam = withItem(before, 'code-review', {
      status: 'not-applicable',
      updatedBy: 'user:default/sam',
      updatedAt: minutesAgo(1),
      comment: 'Reviewed in the previous release',
      revision: 4,
    });
    api.getRelease
      .mockResolvedValueOnce(before)
      .mockResolvedValueOnce(changedBySam);
    api.updateItem.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'Item code-review is at revision 4, not 3',
      ),
    );
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Tick Code review approved' }),
    );
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Tick' }),
    );

    expect(
      await screen.findByText(
        '“Code review approved” was changed by someone else meanwhile — reloaded. Check it and try again.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(itemRow('Code review approved')).getByText(
          /Marked not applicable by/,
        ),
      ).toHaveTextContent('Marked not applicable by sam'),
    );
    expect(api.getRelease).toHaveBeenCalledTimes(2);
  });

  it('shows who may do it when the backend refuses with 403', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());
    api.updateItem.mockRejectedValue(
      await responseError(
        403,
        'NotAllowedError',
        'Only the owners of component:default/order-service (group:default/team-orders) may change its checklist',
      ),
    );
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', {
        name: 'Untick Rollback plan documented',
      }),
    );

    expect(
      await screen.findByText(
        'Only the owners of component:default/order-service (group:default/team-orders) may change its checklist',
      ),
    ).toBeInTheDocument();
    expect(
      within(itemRow('Rollback plan documented')).getByText('Done'),
    ).toBeInTheDocument();
  });

  it('requires a reason to mark an item not applicable', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());
    api.updateItem.mockResolvedValue(releaseDetail().items[1]);
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', {
        name: 'Mark Code review approved not applicable',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Mark “Code review approved” not applicable',
    });
    const confirm = within(dialog).getByRole('button', {
      name: 'Mark not applicable',
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    expect(confirm).toBeDisabled();

    await user.type(reason, '   ');
    expect(confirm).toBeDisabled();
    await user.type(reason, '{Enter}');
    expect(api.updateItem).not.toHaveBeenCalled();

    await user.clear(reason);
    await user.type(reason, 'Configuration-only change, nothing to review');
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    expect(api.updateItem).toHaveBeenCalledWith({
      releaseId: 'rel-1',
      itemId: 'code-review',
      update: {
        action: 'not-applicable',
        comment: 'Configuration-only change, nothing to review',
        revision: 3,
      },
    });
  });

  it('disables the item actions for users without the update permission on the entity', async () => {
    // The policy grants the permission on order-service only. (usePermission
    // caches answers per request across renders, so this case uses an entity
    // no other case asks about.)
    const otherEntityRef = 'component:default/payment-service';
    api.getRelease.mockResolvedValue(releaseDetail());

    await render(ownerPermissions, otherEntityRef);

    expect(
      await screen.findByText(/You can read this checklist but not change it/),
    ).toHaveTextContent(`the owners of ${otherEntityRef}`);
    expect(
      screen.getByRole('button', { name: 'Tick Code review approved' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Untick Rollback plan documented' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', {
        name: 'Mark Code review approved not applicable',
      }),
    ).toBeDisabled();
    const recheck = screen.getByRole('button', {
      name: 'Re-check automatic items',
    });
    expect(recheck).toBeDisabled();
    expect(recheck.parentElement).toHaveAttribute(
      'title',
      `Only the owners of ${otherEntityRef} may check its items again; they are also checked on a schedule`,
    );
    expect(api.updateItem).not.toHaveBeenCalled();
    expect(api.evaluateRelease).not.toHaveBeenCalled();
  });

  it('enables the item actions for users with the permission', async () => {
    api.getRelease.mockResolvedValue(releaseDetail());

    await render();

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Tick Code review approved' }),
      ).toBeEnabled(),
    );
    expect(
      screen.queryByText(/You can read this checklist but not change it/),
    ).not.toBeInTheDocument();
  });

  it('re-checks the automatic items and shows the new evidence', async () => {
    const before = releaseDetail();
    const after = withItem(before, 'deploy-dev', {
      status: 'passed',
      evidence: {
        value: 'Ready',
        query:
          'Kustomization flux-system/order-service on ecommerce-dev-cluster',
        checkedAt: minutesAgo(0),
      },
      revision: 2,
    });
    api.getRelease.mockResolvedValueOnce(before).mockResolvedValue(after);
    api.evaluateRelease.mockResolvedValue(after);
    const user = userEvent.setup();

    await render();

    await user.click(
      await screen.findByRole('button', { name: 'Re-check automatic items' }),
    );

    expect(api.evaluateRelease).toHaveBeenCalledWith({ releaseId: 'rel-1' });
    await waitFor(() =>
      expect(
        within(itemRow('Deploy to dev environment')).getByText('Ready'),
      ).toBeInTheDocument(),
    );
    expect(
      within(itemRow('Deploy to dev environment')).getByText('Passed'),
    ).toBeInTheDocument();
  });

  it('keeps the release on screen when the reload after an action fails', async () => {
    api.getRelease
      .mockResolvedValueOnce(releaseDetail())
      .mockRejectedValue(
        await responseError(503, 'ServiceUnavailableError', 'database down'),
      );
    api.evaluateRelease.mockResolvedValue(releaseDetail());
    const user = userEvent.setup();

    await render();
    await user.click(
      await screen.findByRole('button', { name: 'Re-check automatic items' }),
    );

    expect(
      await screen.findByText('Could not reload: database down'),
    ).toBeVisible();
    expect(itemRow('Deploy to dev environment')).toBeVisible();
    expect(screen.getByText('Release 1.4.2')).toBeVisible();
  });

  it('shows progress while the release loads', async () => {
    api.getRelease.mockReturnValue(new Promise(() => {}));

    await render();

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the error when the release cannot be loaded', async () => {
    api.getRelease.mockRejectedValue(
      await responseError(404, 'NotFoundError', 'No release rel-1'),
    );

    await render();

    expect(
      await screen.findByText(/Could not load the release: No release rel-1/),
    ).toBeVisible();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All releases' })).toHaveAttribute(
      'href',
      '/release-checklist',
    );

    // Trying again loads it once it can be read.
    api.getRelease.mockResolvedValue(releaseDetail());
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Release 1.4.2')).toBeVisible();
  });
});
