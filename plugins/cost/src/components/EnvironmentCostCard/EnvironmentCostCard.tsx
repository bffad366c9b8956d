import {
  InfoCard,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import {
  CostLine,
  EnvironmentCost,
} from '@goldenpath/backstage-plugin-cost-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CATEGORY_TITLES, COST_CATEGORIES } from '../../categories';
import { formatUsd, formatUsdRange } from '../../format';
import { CostFigure } from '../CostFigure';
import { CostSourceList } from '../CostSourceLink';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  split: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  // Words break only where they must: the table's narrow columns (category,
  // name, monthly) keep their words whole, the formula wraps at spaces.
  lines: {
    '& th, & td': {
      wordBreak: 'normal',
      overflowWrap: 'break-word',
    },
    '& th': {
      whiteSpace: 'nowrap',
    },
  },
  formula: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
  },
  // File paths have no spaces: they break anywhere, in a column wide enough
  // to read them.
  sources: {
    minWidth: theme.spacing(30),
    '&&': {
      overflowWrap: 'anywhere',
    },
  },
  figure: {
    whiteSpace: 'nowrap',
  },
  unpriced: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

/** @public */
export interface EnvironmentCostCardProps {
  cost: EnvironmentCost;
}

/**
 * What is not priced, from the environment's list and from lines that carry a
 * reason, each named once.
 */
function unpricedItems(cost: EnvironmentCost) {
  const items = [...cost.unpriced];
  for (const line of cost.lines) {
    if (
      line.monthlyUsd === undefined &&
      !items.some(item => item.name === line.name)
    ) {
      items.push({
        name: line.name,
        reason: line.unpricedReason ?? 'no price and no reason given',
      });
    }
  }
  return items;
}

function MonthlyCell(props: { line: CostLine }) {
  const { line } = props;
  const classes = useStyles();
  if (line.monthlyUsd === undefined) {
    return (
      <StatusWarning>
        Not priced{line.unpricedReason ? `: ${line.unpricedReason}` : ''}
      </StatusWarning>
    );
  }
  return (
    <Box className={classes.figure}>
      <CostFigure usd={line.monthlyUsd} sources={line.sources} />
      {line.band && (
        <Typography variant="caption" component="div" color="textSecondary">
          HPA band {formatUsdRange(line.band)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * One environment: its total and HPA band, the split by category, every line
 * with its arithmetic and sources, and what could not be priced.
 *
 * @public
 */
export function EnvironmentCostCard(props: EnvironmentCostCardProps) {
  const { cost } = props;
  const classes = useStyles();
  const unpriced = unpricedItems(cost);
  const hasBand = cost.band.minMonthlyUsd !== cost.band.maxMonthlyUsd;
  const lines = [...cost.lines].sort(
    (a, b) =>
      COST_CATEGORIES.indexOf(a.category) - COST_CATEGORIES.indexOf(b.category),
  );

  return (
    <InfoCard title={cost.environment}>
      <Box
        className={classes.summary}
        aria-label={`${cost.environment} total`}
        role="group"
      >
        <Typography variant="h5" component="span">
          {formatUsd(cost.monthlyUsd)} / month
        </Typography>
        {hasBand && (
          <Typography variant="body1" component="span" color="textSecondary">
            HPA band {formatUsdRange(cost.band)}
          </Typography>
        )}
      </Box>
      <Box
        className={classes.split}
        role="list"
        aria-label={`${cost.environment} by category`}
      >
        {COST_CATEGORIES.map(category => (
          <Chip
            key={category}
            role="listitem"
            size="small"
            variant="outlined"
            label={`${CATEGORY_TITLES[category]} ${formatUsd(
              cost.byCategory[category] ?? 0,
            )}`}
          />
        ))}
      </Box>
      {unpriced.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`${unpriced.length} ${
              unpriced.length === 1 ? 'item is' : 'items are'
            } not priced in ${cost.environment} and not included in the total`}
            defaultExpanded
          >
            <ul className={classes.unpriced}>
              {unpriced.map(item => (
                <li key={item.name}>
                  <Typography variant="body2">
                    <strong>{item.name}</strong>: {item.reason}
                  </Typography>
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      <Table
        size="small"
        className={classes.lines}
        aria-label={`${cost.environment} cost lines`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Category</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Formula</TableCell>
            <TableCell align="right">Monthly</TableCell>
            <TableCell>Sources</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map(line => (
            <TableRow key={`${line.category}-${line.name}`}>
              <TableCell>{CATEGORY_TITLES[line.category]}</TableCell>
              <TableCell>{line.name}</TableCell>
              <TableCell className={classes.formula}>{line.formula}</TableCell>
              <TableCell align="right">
                <MonthlyCell line={line} />
              </TableCell>
              <TableCell className={classes.sources}>
                <CostSourceList sources={line.sources} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
