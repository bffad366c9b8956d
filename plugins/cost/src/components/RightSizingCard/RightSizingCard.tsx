import { EmptyState, InfoCard } from '@backstage/core-components';
import {
  EnvironmentCost,
  RightSizingRecommendation,
  RightSizingRule,
} from '@goldenpath/backstage-plugin-cost-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { formatCpu, formatMemory } from '../../format';
import { CostFigure } from '../CostFigure';
import { CostSourceList } from '../CostSourceLink';

/** The rules the backend knows, with what each computes. @public */
export const RIGHT_SIZING_RULES: ReadonlyArray<{
  rule: RightSizingRule;
  title: string;
  description: string;
}> = [
  {
    rule: 'design',
    title: 'Design',
    description:
      'request = average + 40 % CPU, + 33 % memory; limit = 4× CPU, 2× memory',
  },
  {
    rule: 'vpa',
    title: 'VPA',
    description: 'request = p90 + 15 %',
  },
  {
    rule: 'krr',
    title: 'KRR',
    description: 'CPU request = p95; memory request = max + 15 %',
  },
];

/** @public */
export interface RightSizingCardProps {
  environments: EnvironmentCost[];
  rule: RightSizingRule;
  onRuleChange: (rule: RightSizingRule) => void;
  /** True while the recommendations of a newly chosen rule are fetched. */
  loading?: boolean;
}

function Change(props: { current?: string; recommended: string }) {
  return (
    <>
      {props.current ?? '—'} → <strong>{props.recommended}</strong>
    </>
  );
}

function observedUsage(usage: RightSizingRecommendation['usage']): string {
  const cpu = [
    usage.cpuAverage !== undefined && `avg ${formatCpu(usage.cpuAverage)}`,
    usage.cpuP90 !== undefined && `p90 ${formatCpu(usage.cpuP90)}`,
    usage.cpuP95 !== undefined && `p95 ${formatCpu(usage.cpuP95)}`,
  ].filter(Boolean);
  const memory = [
    usage.memoryAverage !== undefined &&
      `avg ${formatMemory(usage.memoryAverage)}`,
    usage.memoryP90 !== undefined && `p90 ${formatMemory(usage.memoryP90)}`,
    usage.memoryMax !== undefined && `max ${formatMemory(usage.memoryMax)}`,
  ].filter(Boolean);
  return [
    cpu.length > 0 && `CPU ${cpu.join(', ')}`,
    memory.length > 0 && `memory ${memory.join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Right-sizing suggestions from observed usage: current and recommended
 * requests and the monthly saving, under the rule the reader picks.
 *
 * @public
 */
export function RightSizingCard(props: RightSizingCardProps) {
  const { environments, rule, onRuleChange, loading } = props;
  const recommendations = environments.flatMap(
    environment => environment.recommendations ?? [],
  );
  const unavailable = environments.filter(
    environment =>
      environment.usageUnavailableReason &&
      !environment.recommendations?.length,
  );
  const chosen = RIGHT_SIZING_RULES.find(entry => entry.rule === rule);

  const selector = (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={rule}
      aria-label="Right-sizing rule"
      onChange={(_event, value: RightSizingRule | null) => {
        if (value && value !== rule) {
          onRuleChange(value);
        }
      }}
    >
      {RIGHT_SIZING_RULES.map(entry => (
        <ToggleButton
          key={entry.rule}
          value={entry.rule}
          aria-label={entry.title}
          title={entry.description}
          disabled={loading}
        >
          {entry.title}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );

  let content;
  if (recommendations.length === 0 && unavailable.length > 0) {
    content = (
      <EmptyState
        missing="data"
        title="Usage is unavailable, so there are no right-sizing suggestions"
        description={
          <>
            {unavailable.map(environment => (
              <Typography key={environment.environment} variant="body2">
                {environment.environment}: {environment.usageUnavailableReason}
              </Typography>
            ))}
            <Typography variant="body2">
              Suggestions need observed CPU and memory: configure
              cost.prometheus.baseUrl in the backend's app-config.
            </Typography>
          </>
        }
      />
    );
  } else if (recommendations.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No container needs resizing under this rule.
      </Typography>
    );
  } else {
    content = (
      <>
        <Table size="small" aria-label="Right-sizing suggestions">
          <TableHead>
            <TableRow>
              <TableCell>Environment</TableCell>
              <TableCell>Container</TableCell>
              <TableCell>CPU request</TableCell>
              <TableCell>Memory request</TableCell>
              <TableCell>Recommended limits</TableCell>
              <TableCell>Observed usage</TableCell>
              <TableCell align="right">Monthly saving</TableCell>
              <TableCell>Sources</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {recommendations.map(recommendation => (
              <TableRow
                key={`${recommendation.environment}-${recommendation.container}`}
              >
                <TableCell>{recommendation.environment}</TableCell>
                <TableCell>{recommendation.container}</TableCell>
                <TableCell>
                  <Change
                    current={formatCpu(recommendation.current.cpuRequest)}
                    recommended={formatCpu(
                      recommendation.recommended.cpuRequest,
                    )}
                  />
                </TableCell>
                <TableCell>
                  <Change
                    current={formatMemory(recommendation.current.memoryRequest)}
                    recommended={formatMemory(
                      recommendation.recommended.memoryRequest,
                    )}
                  />
                </TableCell>
                <TableCell>
                  CPU {formatCpu(recommendation.recommended.cpuLimit)}, memory{' '}
                  {formatMemory(recommendation.recommended.memoryLimit)}
                </TableCell>
                <TableCell>{observedUsage(recommendation.usage)}</TableCell>
                <TableCell align="right">
                  <CostFigure
                    usd={recommendation.monthlySavingUsd}
                    sources={recommendation.sources}
                  />
                  {recommendation.monthlySavingUsd < 0 && (
                    <Typography
                      variant="caption"
                      component="div"
                      color="textSecondary"
                    >
                      costs more than today
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <CostSourceList sources={recommendation.sources} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {unavailable.map(environment => (
          <Typography
            key={environment.environment}
            variant="body2"
            color="textSecondary"
          >
            No usage for {environment.environment}:{' '}
            {environment.usageUnavailableReason}
          </Typography>
        ))}
      </>
    );
  }

  return (
    <InfoCard
      title="Right-sizing suggestions"
      subheader={chosen ? `${chosen.title} rule: ${chosen.description}` : ''}
      action={<Box p={1}>{selector}</Box>}
    >
      {loading && <LinearProgress aria-label="Loading suggestions" />}
      {content}
    </InfoCard>
  );
}
