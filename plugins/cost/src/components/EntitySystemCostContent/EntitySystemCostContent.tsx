import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { SystemCost } from '@goldenpath/backstage-plugin-cost-common';
import {
  ENVIRONMENTS,
  EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../../api';
import { formatUsd } from '../../format';
import { PricesCard } from '../PricesCard';

type ServiceRow = SystemCost['services'][number] & { id: string };

function totalOf(row: ServiceRow): number {
  return row.unpricedReason ? -1 : row.monthlyUsd;
}

function environmentColumn(
  environment: EnvironmentName,
): TableColumn<ServiceRow> {
  const valueOf = (row: ServiceRow) => row.perEnvironment[environment];
  return {
    title: environment,
    field: `perEnvironment.${environment}`,
    type: 'numeric',
    // A service missing from an environment sorts below one that costs $0.
    customSort: (a, b) => (valueOf(a) ?? -1) - (valueOf(b) ?? -1),
    render: row => {
      const usd = valueOf(row);
      return usd === undefined ? 'not deployed' : formatUsd(usd);
    },
  };
}

const columns: TableColumn<ServiceRow>[] = [
  {
    title: 'Service',
    field: 'service',
    highlight: true,
    render: row =>
      row.entityRef ? (
        <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
      ) : (
        row.service
      ),
  },
  ...ENVIRONMENTS.map(environmentColumn),
  {
    title: 'Total',
    field: 'monthlyUsd',
    type: 'numeric',
    defaultSort: 'desc',
    // A service with no figures at all sorts below one that costs $0.
    customSort: (a, b) => totalOf(a) - totalOf(b),
    render: row =>
      row.unpricedReason ? 'not priced' : formatUsd(row.monthlyUsd),
  },
  {
    title: 'Unpriced',
    field: 'unpricedCount',
    type: 'numeric',
    render: row => {
      if (row.unpricedReason) {
        return <StatusWarning>{row.unpricedReason}</StatusWarning>;
      }
      return row.unpricedCount > 0 ? (
        <StatusWarning>{row.unpricedCount} not priced</StatusWarning>
      ) : (
        '0'
      );
    },
  },
];

function environmentTotals(cost: SystemCost): string {
  return ENVIRONMENTS.map(environment => {
    const total = cost.services.reduce(
      (sum, service) => sum + (service.perEnvironment[environment] ?? 0),
      0,
    );
    return `${environment} ${formatUsd(total)}`;
  }).join(' · ');
}

/**
 * The Cost tab of a System: every service with its monthly cost per
 * environment and in total, sortable, each leading to the service's page.
 *
 * @public
 */
export function EntitySystemCostContent() {
  const { entity } = useEntity();
  const costApi = useApi(costApiRef);
  const system = entity.metadata.name;
  // The whole reference: a System outside the default namespace is another.
  const systemRef = stringifyEntityRef(entity);

  const cost = useAsync(
    () => costApi.getSystemCost(systemRef),
    [costApi, systemRef],
  );
  const prices = useAsync(() => costApi.getPrices(), [costApi]);

  if (cost.error) {
    return <ResponseErrorPanel error={cost.error} />;
  }
  if (cost.loading || !cost.value) {
    return <Progress />;
  }
  if (cost.value.services.length === 0) {
    return (
      <EmptyState
        missing="content"
        title={`No service of ${system} is deployed through gitops-config`}
        description={`Set spec.system: ${system} on the components whose folders are in gitops-config (apps/<name>), or create one with a "Create component" template.`}
      />
    );
  }

  const rows: ServiceRow[] = cost.value.services.map(service => ({
    ...service,
    id: service.entityRef ?? service.service,
  }));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Table<ServiceRow>
          title={`${system}: ${formatUsd(cost.value.monthlyUsd)} a month`}
          subtitle={environmentTotals(cost.value)}
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            draggable: false,
            // A click toggles the order; it never falls back to the backend's.
            thirdSortClick: false,
          }}
          columns={columns}
          data={rows}
        />
      </Grid>
      <Grid item xs={12}>
        {prices.error && <ResponseErrorPanel error={prices.error} />}
        {prices.loading && <Progress />}
        {prices.value && (
          <PricesCard prices={prices.value} title="Price table" />
        )}
      </Grid>
    </Grid>
  );
}
