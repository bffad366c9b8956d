import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { actionRecord, kustomization } from '../../__testUtils__/fixtures';
import {
  fluxApiStub,
  renderWithFlux,
  type PermissionDecision,
} from '../../__testUtils__/renderFluxTab';
import { FluxActionButtons } from './FluxActionButtons';

const entityRef = {
  kind: 'component',
  namespace: 'default',
  name: 'user-service',
};
const resourceRef = 'component:default/user-service';
// usePermission caches decisions per (permission, resourceRef) across renders
// (SWR), so each permission test asks about an entity of its own.
const reconcilerRef = 'component:default/reconcile-only-service';
const lockedRef = 'component:default/locked-service';

async function refusedError(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message },
        request: {
          method: 'POST',
          url: '/api/flux/entity/default/component/user-service/actions',
        },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

describe('FluxActionButtons', () => {
  it('reconciles after confirmation and shows that it succeeded', async () => {
    const api = fluxApiStub({
      requestAction: jest.fn(async () =>
        actionRecord({ message: 'applied main@sha1:4f2a9c8' }),
      ),
    });
    const onActionFinished = jest.fn();
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev')}
        onActionFinished={onActionFinished}
      />,
      { api },
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Reconcile Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(
        'Ask Flux to reconcile Kustomization flux-system/user-service on ecommerce-dev-cluster now, instead of at its next interval?',
      ),
    ).toBeInTheDocument();
    expect(api.requestAction).not.toHaveBeenCalled();

    await userEvent.click(dialog.getByRole('button', { name: 'Reconcile' }));

    expect(
      await dialog.findByText(
        'Reconcile of Kustomization flux-system/user-service succeeded: applied main@sha1:4f2a9c8',
      ),
    ).toBeInTheDocument();
    expect(api.requestAction).toHaveBeenCalledWith(entityRef, {
      cluster: 'ecommerce-dev-cluster',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'user-service',
      action: 'reconcile',
    });
    expect(onActionFinished).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const api = fluxApiStub();
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev')}
      />,
      { api },
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Suspend Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.requestAction).not.toHaveBeenCalled();
  });

  it('says when Flux did not finish in time', async () => {
    const api = fluxApiStub({
      requestAction: jest.fn(async () =>
        actionRecord({
          result: 'timeout',
          message: 'still reconciling after 30s',
        }),
      ),
    });
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev')}
      />,
      { api },
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Reconcile Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Reconcile' }));

    expect(
      await dialog.findByText(
        'Reconcile of Kustomization flux-system/user-service was requested but did not finish in time: still reconciling after 30s',
      ),
    ).toBeInTheDocument();
  });

  it('shows who may act when the backend refuses', async () => {
    const api = fluxApiStub({
      requestAction: jest.fn(async () => {
        throw await refusedError(
          'suspend of user-service may be done by group:default/team-users',
        );
      }),
    });
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev')}
      />,
      { api },
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Suspend Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Suspend' }));

    expect(
      await dialog.findByText(
        'Refused: suspend of user-service may be done by group:default/team-users',
      ),
    ).toBeInTheDocument();
  });

  it('offers Resume instead of Suspend for a suspended object', async () => {
    const api = fluxApiStub({
      requestAction: jest.fn(async () =>
        actionRecord({ action: 'resume', message: undefined }),
      ),
    });
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev', { suspended: true })}
      />,
      { api },
    );

    expect(
      screen.queryByRole('button', {
        name: 'Suspend Kustomization flux-system/user-service',
      }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Resume Kustomization flux-system/user-service',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Resume' }));

    expect(
      await dialog.findByText(
        'Resume of Kustomization flux-system/user-service succeeded',
      ),
    ).toBeInTheDocument();
    expect(api.requestAction).toHaveBeenCalledWith(
      entityRef,
      expect.objectContaining({ action: 'resume' }),
    );
  });

  it('disables the buttons the permission policy denies for this entity', async () => {
    const asked: string[] = [];
    const reconcileOnly: PermissionDecision = request => {
      asked.push(
        `${request.permission.name} ${
          'resourceRef' in request ? request.resourceRef : ''
        }`,
      );
      return request.permission.name === 'flux.resource.reconcile'
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    };
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={reconcilerRef}
        object={kustomization('dev')}
      />,
      { api: fluxApiStub(), authorize: reconcileOnly },
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Suspend Kustomization flux-system/user-service',
        }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', {
        name: 'Reconcile Kustomization flux-system/user-service',
      }),
    ).toBeEnabled();
    expect(asked).toEqual(
      expect.arrayContaining([
        `flux.resource.reconcile ${reconcilerRef}`,
        `flux.resource.suspend ${reconcilerRef}`,
      ]),
    );
  });

  it('disables every button when the user may do nothing', async () => {
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={lockedRef}
        object={kustomization('dev')}
      />,
      { api: fluxApiStub(), authorize: () => AuthorizeResult.DENY },
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Reconcile Kustomization flux-system/user-service',
        }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', {
        name: 'Suspend Kustomization flux-system/user-service',
      }),
    ).toBeDisabled();
    expect(
      screen.getByTitle(
        "You may not reconcile Kustomization flux-system/user-service: ask the service's owners",
      ),
    ).toBeInTheDocument();
  });

  it('offers no action on an object that is not a Flux kind', async () => {
    await renderWithFlux(
      <FluxActionButtons
        entityRef={entityRef}
        resourceRef={resourceRef}
        object={kustomization('dev', { kind: 'Receiver' })}
      />,
      { api: fluxApiStub() },
    );

    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
