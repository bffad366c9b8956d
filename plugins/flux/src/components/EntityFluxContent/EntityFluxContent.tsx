import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type { FluxEnvironmentStatus } from '@goldenpath/backstage-plugin-flux-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useEntityFluxStatus } from '../../hooks/useEntityFluxStatus';
import { EnvironmentMatrix } from '../EnvironmentMatrix';
import { FluxActionsTable } from '../FluxActionsTable';
import { FluxObjectDetails } from '../FluxObjectDetails';

function ObjectsCard(props: {
  environment: FluxEnvironmentStatus;
  children: JSX.Element[];
}) {
  const { environment, children } = props;
  const title = `Flux objects in ${environment.environment}`;
  return (
    <Box component="section" aria-label={title}>
      <InfoCard title={title} subheader={environment.cluster}>
        {children.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No Flux object in {environment.cluster} matches this service's
            selector.
          </Typography>
        ) : (
          children
        )}
      </InfoCard>
    </Box>
  );
}

/**
 * The entity's Flux tab: the environment matrix, the Flux objects of each
 * readable environment with their details and actions, and the audit trail
 * of actions. One request fills the whole tab; it is repeated every
 * `pollIntervalMs` and on the refresh button.
 *
 * @public
 */
export function EntityFluxContent(props: { pollIntervalMs?: number } = {}) {
  const { value, error, loading, refreshing, refresh, entityRef, resourceRef } =
    useEntityFluxStatus(props.pollIntervalMs);

  if (loading) {
    return <Progress />;
  }
  if (!value) {
    return <ResponseErrorPanel error={error ?? new Error('No answer')} />;
  }

  const readable = (value.environments ?? []).filter(
    environment => environment.cluster && !environment.error,
  );

  return (
    <Grid container spacing={3}>
      {error && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title="Could not refresh the Flux status; showing the last answer"
            message={error.message}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <EnvironmentMatrix
          status={value}
          refreshing={refreshing}
          onRefresh={refresh}
        />
      </Grid>
      {readable.map(environment => (
        <Grid item xs={12} key={environment.environment}>
          <ObjectsCard environment={environment}>
            {(environment.objects ?? []).map(object => (
              <FluxObjectDetails
                key={`${object.cluster}/${object.kind}/${object.namespace}/${object.name}`}
                object={object}
                entityRef={entityRef}
                resourceRef={resourceRef}
                onActionFinished={refresh}
              />
            ))}
          </ObjectsCard>
        </Grid>
      ))}
      <Grid item xs={12}>
        <FluxActionsTable actions={value.actions ?? []} />
      </Grid>
    </Grid>
  );
}
