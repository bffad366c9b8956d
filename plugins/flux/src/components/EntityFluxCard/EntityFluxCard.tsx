import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { FluxEnvironmentStatus } from '@goldenpath/backstage-plugin-flux-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEntityFluxStatus } from '../../hooks/useEntityFluxStatus';
import { entityContentRouteRef } from '../../routes';
import { inPromotionOrder } from '../../utils/environments';
import { ReadinessStatus } from '../ReadinessStatus';

// Tags and statuses are short: kept on one line even in a narrow card.
const useStyles = makeStyles({
  table: {
    '& th, & td': { whiteSpace: 'nowrap', paddingLeft: 8, paddingRight: 8 },
    // In line with the card's title.
    '& tr > :first-child': { paddingLeft: 20 },
  },
});

function Muted(props: { children: string }) {
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      {props.children}
    </Typography>
  );
}

/** Readiness, or why there is none: no cluster, or a cluster not read. */
function StateCell(props: { environment?: FluxEnvironmentStatus }) {
  const { environment } = props;
  if (!environment?.cluster) return <Muted>no cluster</Muted>;
  if (environment.error) {
    return (
      <Tooltip title={environment.error.message}>
        <span>
          <Muted>cannot read</Muted>
        </span>
      </Tooltip>
    );
  }
  return (
    <>
      <ReadinessStatus readiness={environment.readiness} />
      {environment.suspended && <Chip size="small" label="suspended" />}
      {environment.drift && (
        <Chip size="small" color="secondary" label="DRIFT" />
      )}
    </>
  );
}

/** The entity's Flux tab, or undefined in an app that does not show it. */
function useFluxTabLink(): string | undefined {
  try {
    // useRouteRef runs all its hooks before it throws for a route that is
    // not mounted, so the hook order stays the same on every render.
    return useRouteRef(entityContentRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * The Flux card of an entity's overview: per environment, the tag
 * gitops-config declares, the tag running, and readiness (with drift and
 * suspension), linking to the Flux tab for the details.
 *
 * @public
 */
export function EntityFluxCard(props: { pollIntervalMs?: number } = {}) {
  const classes = useStyles();
  const { value, error, loading } = useEntityFluxStatus(props.pollIntervalMs);
  const fluxTab = useFluxTabLink();
  const deepLink = fluxTab ? { title: 'Flux tab', link: fluxTab } : undefined;

  if (loading) {
    return (
      <InfoCard title="Deployments">
        <Progress />
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Deployments">
        <ResponseErrorPanel error={error ?? new Error('No answer')} />
      </InfoCard>
    );
  }

  return (
    <InfoCard
      title="Deployments"
      // After a failed refresh the last answer stays, marked as such.
      subheader={
        error
          ? `Could not refresh (${error.message}); showing the last answer`
          : undefined
      }
      deepLink={deepLink}
      noPadding
    >
      <Table size="small" aria-label="Deployments" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Declared</TableCell>
            <TableCell>Running</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {inPromotionOrder(value).map(({ name, environment }) => (
            <TableRow key={name} data-testid={`deployment-${name}`}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell>
                {environment?.declared?.tag ?? <Muted>not declared</Muted>}
              </TableCell>
              <TableCell>
                {environment?.deployed?.tag ?? <Muted>-</Muted>}
              </TableCell>
              <TableCell>
                <StateCell environment={environment} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
