import { Link } from '@backstage/core-components';
import { CostSource } from '@goldenpath/backstage-plugin-cost-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatSourceLocation } from '../../format';

const useStyles = makeStyles(theme => ({
  location: {
    fontFamily: theme.typography.fontFamily,
    wordBreak: 'break-all',
  },
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

/** @public */
export interface CostSourceLinkProps {
  source: CostSource;
}

/**
 * One source of a figure: a link when the backend knows a URL for it (the
 * repository view, a price page, a Prometheus graph), otherwise the file and
 * line as text.
 *
 * @public
 */
export function CostSourceLink(props: CostSourceLinkProps) {
  const { source } = props;
  const classes = useStyles();
  const location = formatSourceLocation(source);

  if (source.url) {
    return (
      <Typography variant="body2" component="span">
        <Link to={source.url} externalLinkIcon>
          {source.label}
        </Link>
        {location && (
          <>
            {' '}
            <code className={classes.location}>{location}</code>
          </>
        )}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="span">
      {source.label}
      {location && (
        <>
          {': '}
          <code className={classes.location}>{location}</code>
        </>
      )}
    </Typography>
  );
}

/** @public */
export interface CostSourceListProps {
  sources: CostSource[];
}

/** Every source of a figure, one a line. @public */
export function CostSourceList(props: CostSourceListProps) {
  const { sources } = props;
  const classes = useStyles();
  if (sources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        no source given
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {sources.map((source, index) => (
        <li key={`${source.label}-${source.file ?? source.url ?? index}`}>
          <CostSourceLink source={source} />
        </li>
      ))}
    </ul>
  );
}
