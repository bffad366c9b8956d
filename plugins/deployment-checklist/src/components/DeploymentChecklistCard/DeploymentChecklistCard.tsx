import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { deploymentChecklistApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  GateStatus,
  PhaseProgress,
  Timestamp,
  actorName,
  serverError,
} from '../common';

/** The entity's Release checklist tab, or undefined in an app without it. */
function useChecklistTabLink(): string | undefined {
  try {
    // useRouteRef runs all its hooks before it throws for a route that is
    // not mounted, so the hook order stays the same on every render.
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * The release card of an entity's overview: its latest release with the
 * progress of each phase and the state of its gate, linking to that release
 * and to the Release checklist tab.
 *
 * @public
 */
export function DeploymentChecklistCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentChecklistApiRef);
  const tab = useChecklistTabLink();
  const { value, loading, error } = useAsync(
    () => api.listReleases({ entityRef }),
    [api, entityRef],
  );
  const deepLink = tab ? { title: 'All releases', link: tab } : undefined;

  if (loading) {
    return (
      <InfoCard title="Latest release">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="Latest release">
        <ResponseErrorPanel
          title={`Could not load the releases: ${serverError(error).message}`}
          error={error ?? new Error('No answer')}
        />
      </InfoCard>
    );
  }
  // Newest first.
  const [latest] = value;
  if (!latest) {
    return (
      <InfoCard title="Latest release" deepLink={deepLink}>
        <Typography variant="body2" color="textSecondary">
          No releases yet: one appears when CI sets a new tag in the dev
          overlay.
        </Typography>
      </InfoCard>
    );
  }
  const releaseLink = tab
    ? `${tab}?${new URLSearchParams({ release: latest.id })}`
    : undefined;
  return (
    <InfoCard title="Latest release" deepLink={deepLink}>
      <Box display="flex" alignItems="baseline" mb={1}>
        <Typography variant="h6" component="p">
          {releaseLink ? (
            <Link to={releaseLink}>{latest.version}</Link>
          ) : (
            latest.version
          )}
        </Typography>
        <Box ml={2}>
          <Typography variant="body2" color="textSecondary">
            <Timestamp iso={latest.createdAt} /> by{' '}
            <span title={latest.createdBy}>{actorName(latest.createdBy)}</span>
          </Typography>
        </Box>
      </Box>
      {latest.phases.map(summary => (
        <PhaseProgress key={summary.phase} summary={summary} />
      ))}
      <GateStatus release={latest} />
    </InfoCard>
  );
}
