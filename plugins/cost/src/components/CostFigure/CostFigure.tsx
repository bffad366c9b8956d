import { Link } from '@backstage/core-components';
import { CostSource } from '@goldenpath/backstage-plugin-cost-common';
import Typography from '@material-ui/core/Typography';
import { formatSourceLocation, formatUsd } from '../../format';

/** @public */
export interface CostFigureProps {
  /** Monthly USD. */
  usd: number;
  /** Where the figure came from; the first one with a URL is linked. */
  sources: CostSource[];
}

/**
 * A monthly figure that leads to where it came from: a link to the first
 * source that has a URL, or, when the sources only name files, the figure with
 * the file and line under it.
 *
 * @public
 */
export function CostFigure(props: CostFigureProps) {
  const { usd, sources } = props;
  const linked = sources.find(source => source.url);
  if (linked?.url) {
    return (
      <Link to={linked.url} title={`Source: ${linked.label}`}>
        {formatUsd(usd)}
      </Link>
    );
  }
  const located = sources.find(source => source.file);
  return (
    <>
      <Typography variant="body2" component="span">
        {formatUsd(usd)}
      </Typography>
      {located && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          title={located.label}
        >
          {formatSourceLocation(located)}
        </Typography>
      )}
    </>
  );
}
