import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ChecklistEvidence,
  ChecklistItem,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  ItemStatus,
  Timestamp,
  actorName,
  formatEvidenceValue,
  providerLabels,
} from '../common';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  status: { flex: '0 0 140px' },
  body: { flex: '1 1 auto', minWidth: 0 },
  actions: {
    flex: '0 0 auto',
    display: 'flex',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
  },
  query: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
}));

/** Which change of a manual item the user asked for. */
export type ItemAction = 'tick' | 'untick' | 'not-applicable';

function Evidence(props: { evidence?: ChecklistEvidence }) {
  const classes = useStyles();
  const { evidence } = props;
  if (!evidence) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not checked yet.
      </Typography>
    );
  }
  return (
    <Box mt={0.5}>
      {evidence.value !== undefined && (
        <Typography variant="body2">
          Value: <strong>{formatEvidenceValue(evidence.value)}</strong>
        </Typography>
      )}
      {evidence.query && (
        <Typography variant="body2">
          Query: <code className={classes.query}>{evidence.query}</code>
        </Typography>
      )}
      {evidence.error && (
        <Typography variant="body2" color="error">
          {evidence.error}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        Checked <Timestamp iso={evidence.checkedAt} />
        {evidence.link && (
          <>
            {' · '}
            <Link to={evidence.link}>View evidence</Link>
          </>
        )}
      </Typography>
    </Box>
  );
}

const manualChangeVerbs: Partial<Record<ChecklistItem['status'], string>> = {
  done: 'Ticked',
  'not-applicable': 'Marked not applicable',
  open: 'Unticked',
};

function ManualState(props: { item: ChecklistItem }) {
  const { item } = props;
  if (!item.updatedBy || !item.updatedAt) {
    return null;
  }
  const verb = manualChangeVerbs[item.status] ?? 'Changed';
  return (
    <Box mt={0.5}>
      <Typography variant="body2" color="textSecondary">
        {verb} by{' '}
        <span title={item.updatedBy}>{actorName(item.updatedBy)}</span>{' '}
        <Timestamp iso={item.updatedAt} />
      </Typography>
      {item.comment && (
        <Typography variant="body2">“{item.comment}”</Typography>
      )}
    </Box>
  );
}

/**
 * One item of a release: its status, what it asks, and either the evidence
 * of its automatic check or who changed it, with the actions a user may take.
 */
export function ChecklistItemRow(props: {
  item: ChecklistItem;
  canUpdate: boolean;
  onAction: (item: ChecklistItem, action: ItemAction) => void;
}) {
  const classes = useStyles();
  const { item, canUpdate, onAction } = props;
  const automatic = item.provider !== undefined;

  return (
    <li className={classes.row} aria-label={item.title}>
      <div className={classes.status}>
        <ItemStatus status={item.status} />
      </div>
      <div className={classes.body}>
        <Typography variant="subtitle1" component="h4">
          {item.title}{' '}
          {item.provider && (
            <Chip
              size="small"
              variant="outlined"
              label={`Automatic · ${providerLabels[item.provider]}`}
            />
          )}
        </Typography>
        {item.description && (
          <Typography variant="body2" color="textSecondary">
            {item.description}
          </Typography>
        )}
        {automatic && item.status !== 'not-applicable' ? (
          <Evidence evidence={item.evidence} />
        ) : (
          <ManualState item={item} />
        )}
      </div>
      <div className={classes.actions}>
        {!automatic && item.status !== 'done' && (
          <Button
            size="small"
            variant="outlined"
            color="primary"
            disabled={!canUpdate}
            aria-label={`Tick ${item.title}`}
            onClick={() => onAction(item, 'tick')}
          >
            Tick
          </Button>
        )}
        {/* An automatic item is only ever waived, and the waiver taken back. */}
        {(automatic
          ? item.status === 'not-applicable'
          : item.status !== 'open') && (
          <Button
            size="small"
            variant="outlined"
            disabled={!canUpdate}
            aria-label={
              automatic ? `Check ${item.title} again` : `Untick ${item.title}`
            }
            onClick={() => onAction(item, 'untick')}
          >
            {automatic ? 'Check again' : 'Untick'}
          </Button>
        )}
        {item.status !== 'not-applicable' && (
          <Button
            size="small"
            disabled={!canUpdate}
            aria-label={`Mark ${item.title} not applicable`}
            onClick={() => onAction(item, 'not-applicable')}
          >
            Not applicable
          </Button>
        )}
      </div>
    </li>
  );
}
