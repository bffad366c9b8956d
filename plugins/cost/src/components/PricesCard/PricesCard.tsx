import { InfoCard, Link } from '@backstage/core-components';
import { Price } from '@goldenpath/backstage-plugin-cost-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatPriceDate, formatUnitPrice, isUrl } from '../../format';

/** @public */
export interface PricesCardProps {
  prices: Price[];
  title?: string;
}

function PriceSource(props: { source: string }) {
  const { source } = props;
  if (isUrl(source)) {
    return (
      <Link to={source} externalLinkIcon>
        {source}
      </Link>
    );
  }
  return <Typography variant="body2">{source}</Typography>;
}

/**
 * Every price behind the figures, with where it was taken from and when, so a
 * reader can check it and the owner of the price table can refresh it.
 *
 * @public
 */
export function PricesCard(props: PricesCardProps) {
  const { prices, title = 'Prices used' } = props;
  const sorted = [...prices].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <InfoCard title={title}>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No price was needed.
        </Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Price</TableCell>
              <TableCell align="right">USD</TableCell>
              <TableCell>Per</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Date</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(price => (
              <TableRow key={price.key}>
                <TableCell>
                  <code>{price.key}</code>
                </TableCell>
                <TableCell align="right">
                  {formatUnitPrice(price.usd)}
                </TableCell>
                <TableCell>{price.unit}</TableCell>
                <TableCell>
                  <PriceSource source={price.source} />
                </TableCell>
                <TableCell>
                  <time dateTime={price.date}>
                    {formatPriceDate(price.date)}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
