import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FluxControllerStatus,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useCallback } from 'react';
import { fluxApiRef } from '../../api';
import { usePolledValue } from '../../hooks/usePolledValue';

type RuntimeCluster = FluxRuntimeStatus['clusters'][number];

/** The runtime page polls slowly: controllers change far less than objects. */
const RUNTIME_POLL_INTERVAL_MS = 60_000;

function ControllerHealth(props: { controller: FluxControllerStatus }) {
  const { controller } = props;
  const replicas = `${controller.readyReplicas}/${controller.replicas} ready`;
  return controller.ready ? (
    <StatusOK>{replicas}</StatusOK>
  ) : (
    <StatusError>{replicas}</StatusError>
  );
}

function ControllersTable(props: { controllers: FluxControllerStatus[] }) {
  if (props.controllers.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No Flux controller found in this cluster.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Controllers">
      <TableHead>
        <TableRow>
          <TableCell>Controller</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Image</TableCell>
          <TableCell>Health</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.controllers.map(controller => (
          <TableRow key={`${controller.namespace}/${controller.name}`}>
            <TableCell>{controller.name}</TableCell>
            <TableCell>{controller.version ?? 'unknown'}</TableCell>
            <TableCell>
              <Typography variant="caption">
                {controller.image ?? ''}
              </Typography>
            </TableCell>
            <TableCell>
              <ControllerHealth controller={controller} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ApiVersionsTable(props: {
  apiVersions: RuntimeCluster['apiVersions'];
}) {
  const entries = Object.entries(props.apiVersions ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No Flux API discovered.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Served API versions">
      <TableHead>
        <TableRow>
          <TableCell>Kind</TableCell>
          <TableCell>Served API version</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(([kind, version]) => (
          <TableRow key={kind}>
            <TableCell>{kind}</TableCell>
            <TableCell>{version}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ClusterCard(props: { cluster: RuntimeCluster }) {
  const { cluster } = props;
  const controllers = cluster.controllers ?? [];
  return (
    <InfoCard
      title={cluster.cluster}
      subheader={
        cluster.environment
          ? `Environment ${cluster.environment}`
          : 'No environment mapped (flux.clusters.<name>.environment)'
      }
    >
      {cluster.error && (
        <Box mb={2} role="alert">
          <StatusError>
            Cannot read {cluster.cluster} ({cluster.error.reason}
            {cluster.error.statusCode
              ? `, HTTP ${cluster.error.statusCode}`
              : ''}
            )
          </StatusError>
          <Typography variant="body2" color="textSecondary">
            {cluster.error.message}
          </Typography>
        </Box>
      )}
      {!cluster.error && (
        <>
          <Typography variant="subtitle2" gutterBottom>
            Controllers
          </Typography>
          <ControllersTable controllers={controllers} />
          <Box mt={2}>
            <Typography variant="subtitle2" gutterBottom>
              Served API versions
            </Typography>
            <ApiVersionsTable apiVersions={cluster.apiVersions} />
          </Box>
        </>
      )}
    </InfoCard>
  );
}

/**
 * The Flux installation of every configured cluster: controllers with their
 * versions and health, the API versions each cluster serves, and the error
 * of any cluster that could not be read. Without the page header, for the
 * new frontend system whose page supplies it.
 *
 * @public
 */
export function FluxRuntimeContent() {
  const fluxApi = useApi(fluxApiRef);
  const load = useCallback(() => fluxApi.getRuntimeStatus(), [fluxApi]);
  const { value, error, loading, refreshing, refresh } = usePolledValue(
    load,
    RUNTIME_POLL_INTERVAL_MS,
  );

  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return <ResponseErrorPanel error={error ?? new Error('No answer')} />;
  }

  const clusters = value.clusters ?? [];
  return (
    <>
      <ContentHeader title="Flux runtime per cluster">
        <Button
          startIcon={<RefreshIcon />}
          onClick={refresh}
          disabled={refreshing}
        >
          Refresh
        </Button>
      </ContentHeader>
      {error && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="Could not refresh; showing the last answer"
            message={error.message}
          />
        </Box>
      )}
      {clusters.length === 0 ? (
        <EmptyState
          missing="info"
          title="No Flux cluster configured"
          description="Add each cluster to kubernetes.clusterLocatorMethods and name its environment under flux.clusters.<cluster name>.environment in app-config."
        />
      ) : (
        <Grid container spacing={3}>
          {clusters.map(cluster => (
            <Grid item xs={12} lg={6} key={cluster.cluster}>
              <ClusterCard cluster={cluster} />
            </Grid>
          ))}
        </Grid>
      )}
    </>
  );
}

/**
 * The Flux runtime as a page of its own, with its header (legacy apps).
 *
 * @public
 */
export function FluxRuntimePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Flux runtime"
        subtitle="Flux controllers and APIs of every cluster"
      />
      <Content>
        <FluxRuntimeContent />
      </Content>
    </Page>
  );
}
