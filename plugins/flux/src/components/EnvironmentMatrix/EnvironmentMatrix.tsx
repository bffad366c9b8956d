import { InfoCard, StatusError } from '@backstage/core-components';
import type {
  FluxClusterError,
  FluxEntityStatus,
  FluxEnvironmentStatus,
  FluxImageRef,
} from '@goldenpath/backstage-plugin-flux-common';
import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import type { ReactNode } from 'react';
import { inPromotionOrder } from '../../utils/environments';
import { absoluteTime, relativeTime, shortRevision } from '../../utils/format';
import { ReadinessStatus } from '../ReadinessStatus';
import { NoClusterPanel } from './NoClusterPanel';

/** When the environment's Kustomization last applied its revision. */
function lastAppliedAt(environment: FluxEnvironmentStatus): string | undefined {
  const kustomization = (environment.objects ?? []).find(
    object =>
      object.kind === 'Kustomization' &&
      object.lastAppliedRevision === environment.lastAppliedRevision,
  );
  if (!kustomization) {
    return undefined;
  }
  const entry = (kustomization.history ?? []).find(
    item => item.revision === environment.lastAppliedRevision,
  );
  return (
    entry?.lastReconciled ??
    (kustomization.conditions ?? []).find(c => c.type === 'Ready')
      ?.lastTransitionTime
  );
}

/** Why an environment is not ready, from the object that decided it. */
function notReadyMessage(
  environment: FluxEnvironmentStatus,
): string | undefined {
  if (environment.readiness === 'ready') {
    return undefined;
  }
  const culprit = (environment.objects ?? []).find(
    object => object.readiness === environment.readiness,
  );
  return culprit?.message ?? culprit?.reason;
}

function Secondary(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {props.children}
    </Typography>
  );
}

function ImageCell(props: { image?: FluxImageRef; missing: string }) {
  if (!props.image) {
    return <Secondary>{props.missing}</Secondary>;
  }
  return (
    <Tooltip title={`${props.image.image}:${props.image.tag}`}>
      <Typography variant="body2" component="span">
        {props.image.tag}
      </Typography>
    </Tooltip>
  );
}

function ClusterErrorText(props: { error: FluxClusterError }) {
  const { error } = props;
  const status = error.statusCode ? `, HTTP ${error.statusCode}` : '';
  return (
    <Box role="alert">
      <StatusError>
        Cannot read {error.cluster} ({error.reason}
        {status})
      </StatusError>
      <Secondary>{error.message}</Secondary>
    </Box>
  );
}

function EnvironmentRow(props: {
  name: EnvironmentName;
  environment?: FluxEnvironmentStatus;
  refreshedAt?: string;
}) {
  const { name, environment, refreshedAt } = props;
  const title = (
    <TableCell component="th" scope="row">
      <Typography variant="subtitle2">{name}</Typography>
    </TableCell>
  );

  if (!environment?.cluster) {
    // What gitops-config declares is known without a cluster.
    return (
      <TableRow data-testid={`environment-${name}`}>
        {title}
        <TableCell>
          <Secondary>none</Secondary>
        </TableCell>
        <TableCell>
          <ImageCell image={environment?.declared} missing="not declared" />
        </TableCell>
        <TableCell colSpan={3}>
          <Typography variant="body2">
            No cluster configured for {name}
          </Typography>
        </TableCell>
      </TableRow>
    );
  }

  const clusterCell = (
    <TableCell>
      <Typography variant="body2">{environment.cluster}</Typography>
      {refreshedAt && (
        <Tooltip
          title={`Read from the cluster at ${absoluteTime(refreshedAt)}`}
        >
          <span>
            <Secondary>read {relativeTime(refreshedAt)}</Secondary>
          </span>
        </Tooltip>
      )}
    </TableCell>
  );

  if (environment.error) {
    return (
      <TableRow data-testid={`environment-${name}`}>
        {title}
        {clusterCell}
        <TableCell colSpan={4}>
          <ClusterErrorText error={environment.error} />
        </TableCell>
      </TableRow>
    );
  }

  const appliedAt = lastAppliedAt(environment);
  const reason = notReadyMessage(environment);
  return (
    <TableRow data-testid={`environment-${name}`}>
      {title}
      {clusterCell}
      <TableCell>
        <ImageCell image={environment.declared} missing="not declared" />
      </TableCell>
      <TableCell>
        <ImageCell image={environment.deployed} missing="not running" />
        {environment.drift && (
          <Box mt={0.5}>
            <Chip size="small" color="secondary" label="DRIFT" />
            <Secondary>
              declared {environment.declared?.tag ?? 'nothing'}, running{' '}
              {environment.deployed?.tag ?? 'nothing'}
            </Secondary>
          </Box>
        )}
      </TableCell>
      <TableCell>
        <ReadinessStatus readiness={environment.readiness} />
        {environment.suspended && (
          <Box mt={0.5}>
            <Chip size="small" label="suspended" />
          </Box>
        )}
        {reason && <Secondary>{reason}</Secondary>}
      </TableCell>
      <TableCell>
        {environment.lastAppliedRevision ? (
          <Tooltip title={environment.lastAppliedRevision}>
            <Typography variant="body2" component="span">
              {shortRevision(environment.lastAppliedRevision)}
            </Typography>
          </Tooltip>
        ) : (
          <Secondary>nothing applied</Secondary>
        )}
        {appliedAt && <Secondary>{relativeTime(appliedAt)}</Secondary>}
      </TableCell>
    </TableRow>
  );
}

/**
 * One row per environment, in promotion order: the version declared in
 * gitops-config against the one running, readiness, and the last applied
 * revision. An environment without a cluster, or whose cluster could not be
 * read, says so in its own row (with what gitops-config declares for it) and
 * leaves the others as they are; below, the app-config that adds the
 * missing clusters.
 */
export function EnvironmentMatrix(props: {
  status: FluxEntityStatus;
  refreshing?: boolean;
  onRefresh?: () => void;
}) {
  const { status, refreshing, onRefresh } = props;
  const rows = inPromotionOrder(status);
  const withoutCluster = rows
    .filter(({ environment }) => !environment?.cluster)
    .map(({ name }) => name);
  const refreshAction = onRefresh && (
    <Tooltip title="Refresh">
      <span>
        <IconButton
          aria-label="Refresh"
          onClick={onRefresh}
          disabled={refreshing}
        >
          {refreshing ? <CircularProgress size={20} /> : <RefreshIcon />}
        </IconButton>
      </span>
    </Tooltip>
  );

  return (
    <InfoCard
      title="Environments"
      subheader={`Flux objects selected by ${status.selector}`}
      action={refreshAction}
      noPadding
    >
      <Table size="small" aria-label="Environments">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Cluster</TableCell>
            <TableCell>Declared</TableCell>
            <TableCell>Deployed</TableCell>
            <TableCell>Readiness</TableCell>
            <TableCell>Last applied</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ name, environment }) => (
            <EnvironmentRow
              key={name}
              name={name}
              environment={environment}
              refreshedAt={
                environment?.cluster
                  ? status.refreshedAt?.[environment.cluster]
                  : undefined
              }
            />
          ))}
        </TableBody>
      </Table>
      {withoutCluster.length > 0 && (
        <NoClusterPanel environments={withoutCluster} />
      )}
    </InfoCard>
  );
}
