import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../../api';
import { formatUsd } from '../../format';
import { entityCostRouteRef } from '../../routes';
import { EnvironmentCostChart } from '../EnvironmentCostChart';

/** The entity's Cost tab, or undefined in an app that does not show it. */
function useCostTabLink(): string | undefined {
  try {
    // useRouteRef runs all its hooks before it throws for a route that is
    // not mounted, so the hook order stays the same on every render.
    return useRouteRef(entityCostRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * The cost card of a service's overview: what it costs per month in each
 * environment and in all of them, linking to the Cost tab for the lines,
 * their sources and right-sizing.
 *
 * @public
 */
export function EntityCostCard() {
  const { entity } = useEntity();
  const costApi = useApi(costApiRef);
  const costTab = useCostTabLink();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => costApi.getEntityCost(getCompoundEntityRef(entity)),
    [costApi, entityRef],
  );
  const deepLink = costTab ? { title: 'Cost tab', link: costTab } : undefined;

  if (loading) {
    return (
      <InfoCard title="Monthly cost">
        <Progress />
      </InfoCard>
    );
  }
  // The backend answers 404 for a service it cannot find in gitops-config.
  const notDeployed =
    (error instanceof ResponseError && error.statusCode === 404) ||
    value?.environments.length === 0;
  if (notDeployed) {
    return (
      <InfoCard title="Monthly cost" deepLink={deepLink}>
        <Typography variant="body2" color="textSecondary">
          Nothing to price: {entity.metadata.name} has no overlays in
          gitops-config.
        </Typography>
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Monthly cost">
        <ResponseErrorPanel error={error ?? new Error('No answer')} />
      </InfoCard>
    );
  }

  const ordered = ENVIRONMENTS.flatMap(
    name => value.environments.find(e => e.environment === name) ?? [],
  );
  const total = ordered.reduce((sum, e) => sum + e.monthlyUsd, 0);
  return (
    <InfoCard
      title="Monthly cost"
      subheader={`${formatUsd(total)} a month in ${ordered
        .map(e => e.environment)
        .join(', ')}`}
      deepLink={deepLink}
    >
      <EnvironmentCostChart environments={ordered} />
    </InfoCard>
  );
}
