import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  FluxCondition,
  FluxEvent,
  FluxHistoryEntry,
  FluxInventoryEntry,
  FluxObjectStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode, useState } from 'react';
import { absoluteTime, relativeTime, shortRevision } from '../../utils/format';
import { FluxActionButtons } from '../FluxActionButtons';
import { ReadinessStatus } from '../ReadinessStatus';

/** Numbers the details sections, for the ids their expand buttons control. */
let detailsCount = 0;

function When(props: { iso?: string }) {
  if (!props.iso) {
    return null;
  }
  return (
    <Tooltip title={absoluteTime(props.iso) ?? props.iso}>
      <span>{relativeTime(props.iso) ?? props.iso}</span>
    </Tooltip>
  );
}

function Section(props: {
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.count === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        props.children
      )}
    </Box>
  );
}

function SimpleTable(props: {
  label: string;
  headers: string[];
  rows: ReactNode[][];
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.headers.map(header => (
            <TableCell key={header}>{header}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((cells, row) => (
          <TableRow key={row}>
            {cells.map((cell, column) => (
              <TableCell key={column}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ConditionsTable(props: { conditions: FluxCondition[] }) {
  return (
    <Section
      title="Conditions"
      empty="The object reports no conditions."
      count={props.conditions.length}
    >
      <SimpleTable
        label="Conditions"
        headers={['Type', 'Status', 'Reason', 'Message', 'Last transition']}
        rows={props.conditions.map(condition => [
          condition.type,
          condition.status,
          condition.reason ?? '',
          condition.message ?? '',
          <When iso={condition.lastTransitionTime} />,
        ])}
      />
    </Section>
  );
}

function historyRevision(entry: FluxHistoryEntry): string {
  if (entry.chartName || entry.chartVersion) {
    const chart = [entry.chartName, entry.chartVersion]
      .filter(Boolean)
      .join('@');
    const app = entry.appVersion ? ` (app ${entry.appVersion})` : '';
    const release = entry.version !== undefined ? `v${entry.version} ` : '';
    return `${release}${chart}${app}`;
  }
  return shortRevision(entry.revision ?? entry.digest);
}

function HistoryTable(props: { history: FluxHistoryEntry[] }) {
  return (
    <Section
      title="History"
      empty="No history recorded."
      count={props.history.length}
    >
      <SimpleTable
        label="History"
        headers={[
          'Revision',
          'Status',
          'First reconciled',
          'Last reconciled',
          'Reconciliations',
        ]}
        rows={props.history.map(entry => [
          <Tooltip title={entry.revision ?? entry.digest ?? ''}>
            <span>{historyRevision(entry)}</span>
          </Tooltip>,
          entry.status ?? '',
          <When iso={entry.firstReconciled} />,
          <When iso={entry.lastReconciled} />,
          entry.totalReconciliations ?? '',
        ])}
      />
    </Section>
  );
}

function InventoryList(props: { inventory: FluxInventoryEntry[] }) {
  return (
    <Section
      title="Inventory"
      empty="Nothing applied."
      count={props.inventory.length}
    >
      <SimpleTable
        label="Inventory"
        headers={['Kind', 'Name', 'API version']}
        rows={props.inventory.map(entry => [
          entry.kind,
          entry.namespace ? `${entry.namespace}/${entry.name}` : entry.name,
          entry.group ? `${entry.group}/${entry.version}` : entry.version,
        ])}
      />
    </Section>
  );
}

function EventsTable(props: { events: FluxEvent[] }) {
  return (
    <Section
      title="Recent events"
      empty="No recent events."
      count={props.events.length}
    >
      <SimpleTable
        label="Recent events"
        headers={['Type', 'Reason', 'Message', 'Count', 'Last seen']}
        rows={props.events.map(event => [
          event.type,
          event.reason ?? '',
          event.message ?? '',
          event.count ?? '',
          <When iso={event.lastSeen} />,
        ])}
      />
    </Section>
  );
}

/**
 * One Flux object: a summary line with its readiness and actions, and,
 * expanded, its raw conditions, history, inventory and recent events. An
 * object that is not ready starts expanded so that its conditions show.
 */
export function FluxObjectDetails(props: {
  object: FluxObjectStatus;
  entityRef: CompoundEntityRef;
  resourceRef: string;
  onActionFinished?: () => void;
}) {
  const { object, entityRef, resourceRef, onActionFinished } = props;
  const conditions = object.conditions ?? [];
  const history = object.history ?? [];
  const inventory = object.inventory ?? [];
  const events = object.events ?? [];
  const title = `${object.kind} ${object.namespace}/${object.name}`;

  const [expanded, setExpanded] = useState(object.readiness !== 'ready');
  const [detailsId] = useState(() => `flux-object-details-${++detailsCount}`);

  // The summary is not itself a button (as an accordion's is): the actions
  // in it are buttons of their own, and the expand button beside them.
  return (
    <Paper variant="outlined">
      <Box display="flex" alignItems="center" px={2} py={1}>
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12} md={5}>
            <Typography variant="subtitle2">{title}</Typography>
            <Typography variant="caption" color="textSecondary">
              {object.apiVersion}
            </Typography>
          </Grid>
          <Grid item xs={12} md={3}>
            <ReadinessStatus readiness={object.readiness} />
            {object.suspended && (
              <Box component="span" ml={1}>
                <Chip size="small" label="suspended" />
              </Box>
            )}
            {!object.knownApiVersion && (
              <Box component="span" ml={1}>
                <Chip
                  size="small"
                  variant="outlined"
                  label={`unknown API version ${object.apiVersion}`}
                />
              </Box>
            )}
          </Grid>
          <Grid item xs={12} md={4}>
            <FluxActionButtons
              entityRef={entityRef}
              resourceRef={resourceRef}
              object={object}
              onActionFinished={onActionFinished}
            />
          </Grid>
          {object.message && (
            <Grid item xs={12}>
              <Typography variant="body2" color="textSecondary">
                {object.reason ? `${object.reason}: ` : ''}
                {object.message}
              </Typography>
            </Grid>
          )}
        </Grid>
        <IconButton
          aria-label={`${title} details`}
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => setExpanded(!expanded)}
        >
          <ExpandMoreIcon
            style={{
              transform: expanded ? 'rotate(180deg)' : undefined,
              transition: 'transform 150ms',
            }}
          />
        </IconButton>
      </Box>
      <Collapse in={expanded} unmountOnExit>
        <Box id={detailsId} px={2} pb={2}>
          {(object.sourceRef || object.lastAttemptedRevision) && (
            <Box mb={2}>
              {object.sourceRef && (
                <Typography variant="body2">
                  Source: {object.sourceRef.kind}{' '}
                  {object.sourceRef.namespace
                    ? `${object.sourceRef.namespace}/`
                    : ''}
                  {object.sourceRef.name}
                  {object.sourceRevision
                    ? ` at ${shortRevision(object.sourceRevision)}`
                    : ''}
                </Typography>
              )}
              {object.lastAttemptedRevision &&
                object.lastAttemptedRevision !== object.lastAppliedRevision && (
                  <Typography variant="body2">
                    Last attempted:{' '}
                    {shortRevision(object.lastAttemptedRevision)} (applied:{' '}
                    {shortRevision(object.lastAppliedRevision) || 'nothing'})
                  </Typography>
                )}
            </Box>
          )}
          <ConditionsTable conditions={conditions} />
          <HistoryTable history={history} />
          <InventoryList inventory={inventory} />
          <EventsTable events={events} />
        </Box>
      </Collapse>
    </Paper>
  );
}
