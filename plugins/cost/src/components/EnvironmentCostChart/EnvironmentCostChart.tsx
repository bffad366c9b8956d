import {
  CostCategory,
  EnvironmentCost,
} from '@goldenpath/backstage-plugin-cost-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { CATEGORY_TITLES, COST_CATEGORIES } from '../../categories';
import { formatUsd, formatUsdRange } from '../../format';

const WIDTH = 640;
const ROW_HEIGHT = 44;
const BAR_HEIGHT = 22;
const LABEL_WIDTH = 72;
const TOTAL_WIDTH = 110;
const BAR_AREA = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;

const useStyles = makeStyles(theme => ({
  svg: {
    width: '100%',
    height: 'auto',
    fontFamily: theme.typography.fontFamily,
    fontSize: 13,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

/** @public */
export interface EnvironmentCostChartProps {
  environments: EnvironmentCost[];
}

function useCategoryColors(): Record<CostCategory, string> {
  const theme = useTheme();
  return {
    compute: theme.palette.primary.main,
    infrastructure: theme.palette.secondary.main,
    shared: theme.palette.grey[500],
  };
}

function describe(environment: EnvironmentCost): string {
  const split = COST_CATEGORIES.map(
    category =>
      `${CATEGORY_TITLES[category].toLocaleLowerCase('en-US')} ${formatUsd(
        environment.byCategory[category] ?? 0,
      )}`,
  ).join(', ');
  return `${environment.environment}: ${formatUsd(
    environment.monthlyUsd,
  )} a month (${split})`;
}

/**
 * One stacked bar per environment (compute, infrastructure, shared) on a
 * common scale, with the HPA band drawn as a whisker from the cost at
 * minReplicas to the cost at maxReplicas.
 *
 * @public
 */
export function EnvironmentCostChart(props: EnvironmentCostChartProps) {
  const { environments } = props;
  const classes = useStyles();
  const theme = useTheme();
  const colors = useCategoryColors();

  const largest = Math.max(
    1,
    ...environments.map(environment =>
      Math.max(environment.monthlyUsd, environment.band.maxMonthlyUsd),
    ),
  );
  const scale = (usd: number) => (Math.max(0, usd) / largest) * BAR_AREA;
  const height = environments.length * ROW_HEIGHT;

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="group"
        aria-label="Monthly cost per environment"
      >
        {environments.map((environment, row) => {
          const top = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
          const middle = top + BAR_HEIGHT / 2;
          let offset = LABEL_WIDTH;
          const hasBand =
            environment.band.minMonthlyUsd !== environment.band.maxMonthlyUsd;
          return (
            <g
              key={environment.environment}
              role="img"
              aria-label={describe(environment)}
            >
              <text
                x={0}
                y={middle}
                dominantBaseline="middle"
                fill={theme.palette.text.primary}
              >
                {environment.environment}
              </text>
              {COST_CATEGORIES.map(category => {
                const usd = environment.byCategory[category] ?? 0;
                const x = offset;
                const width = scale(usd);
                offset += width;
                return (
                  <rect
                    key={category}
                    data-category={category}
                    x={x}
                    y={top}
                    width={width}
                    height={BAR_HEIGHT}
                    fill={colors[category]}
                  >
                    <title>{`${CATEGORY_TITLES[category]}: ${formatUsd(
                      usd,
                    )}`}</title>
                  </rect>
                );
              })}
              {hasBand && (
                <g
                  data-testid={`hpa-band-${environment.environment}`}
                  stroke={theme.palette.text.primary}
                  strokeWidth={2}
                >
                  <title>{`HPA band: ${formatUsdRange(
                    environment.band,
                  )}`}</title>
                  <line
                    x1={LABEL_WIDTH + scale(environment.band.minMonthlyUsd)}
                    x2={LABEL_WIDTH + scale(environment.band.maxMonthlyUsd)}
                    y1={middle}
                    y2={middle}
                  />
                  <line
                    x1={LABEL_WIDTH + scale(environment.band.minMonthlyUsd)}
                    x2={LABEL_WIDTH + scale(environment.band.minMonthlyUsd)}
                    y1={top - 3}
                    y2={top + BAR_HEIGHT + 3}
                  />
                  <line
                    x1={LABEL_WIDTH + scale(environment.band.maxMonthlyUsd)}
                    x2={LABEL_WIDTH + scale(environment.band.maxMonthlyUsd)}
                    y1={top - 3}
                    y2={top + BAR_HEIGHT + 3}
                  />
                </g>
              )}
              <text
                x={WIDTH}
                y={middle}
                textAnchor="end"
                dominantBaseline="middle"
                fill={theme.palette.text.primary}
              >
                {formatUsd(environment.monthlyUsd)}
              </text>
            </g>
          );
        })}
      </svg>
      <Box className={classes.legend}>
        {COST_CATEGORIES.map(category => (
          <Typography key={category} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: colors[category] }}
            />
            {CATEGORY_TITLES[category]}
          </Typography>
        ))}
        <Typography variant="caption">
          ├─┤ HPA band (cost at minReplicas – maxReplicas)
        </Typography>
      </Box>
    </Box>
  );
}
