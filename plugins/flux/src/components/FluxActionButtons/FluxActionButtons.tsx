import { useApi } from '@backstage/core-plugin-api';
import { Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  fluxResourceReconcilePermission,
  fluxResourceSuspendPermission,
  type FluxActionRecord,
  type FluxActionType,
  type FluxObjectStatus,
  isFluxKind,
} from '@goldenpath/backstage-plugin-flux-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Tooltip from '@material-ui/core/Tooltip';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { fluxApiRef } from '../../api';

const VERBS: Record<FluxActionType, string> = {
  reconcile: 'Reconcile',
  suspend: 'Suspend',
  resume: 'Resume',
};

type Outcome =
  | { state: 'confirm' }
  | { state: 'running' }
  | { state: 'done'; record: FluxActionRecord }
  | { state: 'refused'; message: string }
  | { state: 'error'; message: string };

/** The text of a refusal or failure, preferring what the backend said. */
function errorOutcome(error: unknown): Outcome {
  if (error instanceof ResponseError) {
    const message = error.body?.error?.message ?? error.message;
    if (error.statusCode === 403) {
      return { state: 'refused', message };
    }
    return { state: 'error', message };
  }
  return {
    state: 'error',
    message: error instanceof Error ? error.message : String(error),
  };
}

function objectLabel(object: FluxObjectStatus): string {
  return `${object.kind} ${object.namespace}/${object.name}`;
}

function question(action: FluxActionType, object: FluxObjectStatus): string {
  const target = `${objectLabel(object)} on ${object.cluster}`;
  switch (action) {
    case 'reconcile':
      return `Ask Flux to reconcile ${target} now, instead of at its next interval?`;
    case 'suspend':
      return `Suspend ${target}? Flux stops applying changes to it until it is resumed.`;
    default:
      return `Resume ${target}? Flux applies its latest revision again.`;
  }
}

function ResultAlert(props: {
  action: FluxActionType;
  object: FluxObjectStatus;
  outcome: Outcome;
}) {
  const { action, object, outcome } = props;
  const verb = VERBS[action];
  if (outcome.state === 'refused') {
    return <Alert severity="error">Refused: {outcome.message}</Alert>;
  }
  if (outcome.state === 'error') {
    return (
      <Alert severity="error">
        {verb} failed: {outcome.message}
      </Alert>
    );
  }
  if (outcome.state !== 'done') {
    return null;
  }
  const { record } = outcome;
  const detail = record.message ? `: ${record.message}` : '';
  switch (record.result) {
    case 'succeeded':
      return (
        <Alert severity="success">
          {verb} of {objectLabel(object)} succeeded{detail}
        </Alert>
      );
    case 'timeout':
      return (
        <Alert severity="warning">
          {verb} of {objectLabel(object)} was requested but did not finish in
          time{detail}
        </Alert>
      );
    case 'pending':
      return (
        <Alert severity="info">
          {verb} of {objectLabel(object)} was requested; Flux is still working
          on it{detail}
        </Alert>
      );
    case 'denied':
      return <Alert severity="error">Refused{detail}</Alert>;
    default:
      return (
        <Alert severity="error">
          {verb} of {objectLabel(object)} failed{detail}
        </Alert>
      );
  }
}

function ActionButton(props: {
  action: FluxActionType;
  allowed: boolean;
  loading: boolean;
  objectName: string;
  onClick: () => void;
}) {
  const { action, allowed, loading, objectName, onClick } = props;
  const button = (
    <Button
      size="small"
      variant="outlined"
      disabled={!allowed}
      // Every object has these buttons: the name says which one.
      aria-label={`${VERBS[action]} ${objectName}`}
      onClick={onClick}
    >
      {VERBS[action]}
    </Button>
  );
  if (allowed || loading) {
    return button;
  }
  return (
    <Tooltip
      title={`You may not ${action} ${objectName}: ask the service's owners`}
    >
      <span>{button}</span>
    </Tooltip>
  );
}

/**
 * Reconcile / Suspend (or Resume) buttons for one Flux object, each behind a
 * confirmation dialog that then shows how the request ended. Buttons the
 * user may not use are disabled, as the permission policy decides for the
 * entity.
 */
export function FluxActionButtons(props: {
  entityRef: CompoundEntityRef;
  /** The entity's ref as a string, the resource the permissions are about. */
  resourceRef: string;
  object: FluxObjectStatus;
  /** Called once a request has ended, whatever the result. */
  onActionFinished?: () => void;
}) {
  const { entityRef, resourceRef, object, onActionFinished } = props;
  const fluxApi = useApi(fluxApiRef);
  const reconcilePermission = usePermission({
    permission: fluxResourceReconcilePermission,
    resourceRef,
  });
  const suspendPermission = usePermission({
    permission: fluxResourceSuspendPermission,
    resourceRef,
  });
  const [action, setAction] = useState<FluxActionType>();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'confirm' });

  const kind = object.kind;
  if (!isFluxKind(kind)) {
    return null;
  }

  const open = (next: FluxActionType) => {
    setAction(next);
    setOutcome({ state: 'confirm' });
  };
  const close = () => setAction(undefined);

  const confirm = async () => {
    if (!action) {
      return;
    }
    setOutcome({ state: 'running' });
    try {
      const record = await fluxApi.requestAction(entityRef, {
        cluster: object.cluster,
        kind,
        namespace: object.namespace,
        name: object.name,
        action,
      });
      setOutcome({ state: 'done', record });
    } catch (error) {
      setOutcome(errorOutcome(error));
    }
    onActionFinished?.();
  };

  const toggle: FluxActionType = object.suspended ? 'resume' : 'suspend';
  const objectName = objectLabel(object);

  return (
    <Box display="flex" style={{ gap: 8 }}>
      <ActionButton
        action="reconcile"
        allowed={reconcilePermission.allowed}
        loading={reconcilePermission.loading}
        objectName={objectName}
        onClick={() => open('reconcile')}
      />
      <ActionButton
        action={toggle}
        allowed={suspendPermission.allowed}
        loading={suspendPermission.loading}
        objectName={objectName}
        onClick={() => open(toggle)}
      />
      <Dialog
        open={action !== undefined}
        onClose={outcome.state === 'running' ? undefined : close}
        onClick={event => event.stopPropagation()}
        aria-labelledby="flux-action-dialog-title"
      >
        {action && (
          <>
            <DialogTitle id="flux-action-dialog-title">
              {VERBS[action]} {objectName}
            </DialogTitle>
            <DialogContent>
              {outcome.state === 'confirm' && (
                <DialogContentText>
                  {question(action, object)}
                </DialogContentText>
              )}
              {outcome.state === 'running' && <Progress />}
              <ResultAlert action={action} object={object} outcome={outcome} />
            </DialogContent>
            <DialogActions>
              {outcome.state === 'confirm' ? (
                <>
                  <Button onClick={close}>Cancel</Button>
                  <Button color="primary" variant="contained" onClick={confirm}>
                    {VERBS[action]}
                  </Button>
                </>
              ) : (
                <Button onClick={close} disabled={outcome.state === 'running'}>
                  Close
                </Button>
              )}
            </DialogActions>
          </>
        )}
      </Dialog>
    </Box>
  );
}
