import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CHECKLIST_PHASES,
  ChecklistItem,
  ChecklistPhase,
  ReleaseDetail,
  UpdateItemRequest,
  checklistItemUpdatePermission,
  checklistReleaseEvaluatePermission,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentChecklistApiRef } from '../../api';
import { Timestamp, actorName, phaseTitles, serverError } from '../common';
import { AuditTrail } from './AuditTrail';
import { ChecklistItemRow, ItemAction } from './ChecklistItemRow';
import { CommentedAction, ItemActionDialog } from './ItemActionDialog';
import { classifyUpdateFailure } from './updateFailure';

type Notice = { severity: 'warning' | 'error'; message: string };

function PhaseCard(props: {
  phase: ChecklistPhase;
  release: ReleaseDetail;
  canUpdate: boolean;
  onAction: (item: ChecklistItem, action: ItemAction) => void;
}) {
  const { phase, release, canUpdate, onAction } = props;
  const items = release.items.filter(item => item.phase === phase);
  const summary = release.phases.find(p => p.phase === phase);
  const total = summary?.total ?? items.length;
  const complete = summary?.complete ?? 0;
  const title = phaseTitles[phase];
  return (
    <InfoCard
      title={title}
      subheader={`${complete} of ${total} complete${
        summary?.passed ? ' · passed' : ''
      }`}
    >
      <LinearProgress
        variant="determinate"
        value={total === 0 ? 100 : Math.round((complete / total) * 100)}
        aria-label={`${title}: ${complete} of ${total} complete`}
      />
      <Box component="ul" aria-label={title} m={0} p={0}>
        {items.map(item => (
          <ChecklistItemRow
            key={item.id}
            item={item}
            canUpdate={canUpdate}
            onAction={onAction}
          />
        ))}
      </Box>
    </InfoCard>
  );
}

/**
 * One release of an entity: its items by phase, with evidence and actions,
 * and its audit trail. Every write sends the item revision the user saw and
 * is followed by a reload.
 */
export function ReleaseView(props: {
  releaseId: string;
  entityRef: string;
  backLink: string;
}) {
  const { releaseId, entityRef, backLink } = props;
  const api = useApi(deploymentChecklistApiRef);
  const {
    value: loaded,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getRelease({ releaseId }), [api, releaseId]);
  // A reload that fails clears the hook's value; the release stays on screen,
  // with the error above it.
  const shown = useRef<ReleaseDetail>();
  if (loaded) shown.current = loaded;
  const release =
    loaded ?? (shown.current?.id === releaseId ? shown.current : undefined);
  const permission = usePermission({
    permission: checklistItemUpdatePermission,
    resourceRef: entityRef,
  });
  const recheck = usePermission({
    permission: checklistReleaseEvaluatePermission,
    resourceRef: entityRef,
  });
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<{
    item: ChecklistItem;
    action: CommentedAction;
  }>();

  if (loading && !release) {
    return <Progress />;
  }
  if (error && !release) {
    return (
      <>
        <ResponseErrorPanel
          title={`Could not load the release: ${serverError(error).message}`}
          error={error}
        />
        <Box mt={2} display="flex" alignItems="center" gridGap={16}>
          <Button variant="outlined" onClick={retry}>
            Try again
          </Button>
          <Link to={backLink}>All releases</Link>
        </Box>
      </>
    );
  }
  if (!release) {
    return null;
  }

  const update = async (
    item: ChecklistItem,
    action: UpdateItemRequest['action'],
    comment?: string,
  ) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await api.updateItem({
        releaseId,
        itemId: item.id,
        update: { action, comment, revision: item.revision },
      });
    } catch (e) {
      const failure = classifyUpdateFailure(e);
      if (failure.kind === 'conflict') {
        setNotice({
          severity: 'warning',
          message: `“${item.title}” was changed by someone else meanwhile — reloaded. Check it and try again.`,
        });
      } else if (failure.kind === 'forbidden') {
        setNotice({ severity: 'error', message: failure.message });
      } else {
        setNotice({
          severity: 'error',
          message: `Could not update “${item.title}”: ${failure.message}`,
        });
      }
    } finally {
      setBusy(false);
      retry();
    }
  };

  const onAction = (item: ChecklistItem, action: ItemAction) => {
    if (action === 'untick') {
      update(item, 'untick');
    } else {
      setDialog({ item, action });
    }
  };

  const evaluate = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      await api.evaluateRelease({ releaseId });
    } catch (e) {
      setNotice({
        severity: 'error',
        message: `Could not re-check the automatic items: ${
          serverError(e).message
        }`,
      });
    } finally {
      setBusy(false);
      retry();
    }
  };

  // No writes while one is in flight or the release reloads: the revision
  // on screen may be about to change.
  const canUpdate = permission.allowed && !busy && !loading;
  const phases = CHECKLIST_PHASES.filter(phase =>
    release.items.some(item => item.phase === phase),
  );

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <Box
          display="flex"
          alignItems="flex-start"
          justifyContent="space-between"
          flexWrap="wrap"
        >
          <Box>
            <Typography variant="h5" component="h2">
              Release {release.version}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Created <Timestamp iso={release.createdAt} /> by{' '}
              <span title={release.createdBy}>
                {actorName(release.createdBy)}
              </span>{' '}
              · checklist “{release.definition.name}”
              {release.definition.source !== 'default' &&
                ` from ${release.definition.source}`}
            </Typography>
            <Link to={backLink}>All releases</Link>
          </Box>
          <span
            title={
              !recheck.loading && !recheck.allowed
                ? `Only the owners of ${entityRef} may check its items again; they are also checked on a schedule`
                : undefined
            }
          >
            <Button
              variant="outlined"
              color="primary"
              disabled={busy || loading || !recheck.allowed}
              onClick={evaluate}
            >
              Re-check automatic items
            </Button>
          </span>
        </Box>
        {!permission.loading && !permission.allowed && (
          <Box mt={2}>
            <Alert severity="info">
              You can read this checklist but not change it: the portal lets the
              owners of {entityRef} tick its items.
            </Alert>
          </Box>
        )}
        {notice && (
          <Box mt={2}>
            <Alert severity={notice.severity}>{notice.message}</Alert>
          </Box>
        )}
        {error && (
          <Box mt={2}>
            <Alert severity="error">
              Could not reload: {serverError(error).message}
            </Alert>
          </Box>
        )}
      </Grid>
      {phases.map(phase => (
        <Grid item key={phase}>
          <PhaseCard
            phase={phase}
            release={release}
            canUpdate={canUpdate}
            onAction={onAction}
          />
        </Grid>
      ))}
      <Grid item>
        <AuditTrail entries={release.audit} items={release.items} />
      </Grid>
      {dialog && (
        <ItemActionDialog
          item={dialog.item}
          action={dialog.action}
          onCancel={() => setDialog(undefined)}
          onConfirm={comment => {
            setDialog(undefined);
            update(dialog.item, dialog.action, comment);
          }}
        />
      )}
    </Grid>
  );
}
