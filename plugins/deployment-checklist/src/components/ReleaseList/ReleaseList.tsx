import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { Release } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import useAsync from 'react-use/esm/useAsync';
import { deploymentChecklistApiRef } from '../../api';
import {
  GateStatus,
  PhaseProgress,
  Timestamp,
  actorName,
  serverError,
} from '../common';

/**
 * The releases of an entity, newest first, each with its progress per phase.
 * `releaseLink` is where selecting a release goes.
 */
export function ReleaseList(props: {
  entityRef: string;
  releaseLink: (releaseId: string) => string;
}) {
  const { entityRef, releaseLink } = props;
  const api = useApi(deploymentChecklistApiRef);
  const {
    value: releases,
    loading,
    error,
  } = useAsync(() => api.listReleases({ entityRef }), [api, entityRef]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        title={`Could not load the releases: ${serverError(error).message}`}
        error={error}
      />
    );
  }
  if (!releases || releases.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No releases yet"
        description={
          <>
            A release appears when CI sets a new tag in the dev overlay, or via{' '}
            <code>gitops checklist create</code>.
          </>
        }
      />
    );
  }

  const columns: TableColumn<Release>[] = [
    {
      title: 'Version',
      field: 'version',
      render: release => (
        <Link to={releaseLink(release.id)}>{release.version}</Link>
      ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: release => (
        <Typography variant="body2">
          <Timestamp iso={release.createdAt} /> by{' '}
          <span title={release.createdBy}>{actorName(release.createdBy)}</span>
        </Typography>
      ),
    },
    {
      title: 'Progress',
      sorting: false,
      render: release =>
        release.phases.map(summary => (
          <PhaseProgress key={summary.phase} summary={summary} />
        )),
    },
    {
      title: 'Gate',
      sorting: false,
      render: release => <GateStatus release={release} />,
    },
  ];

  return (
    <Table<Release>
      title="Releases"
      options={{
        search: false,
        paging: releases.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      columns={columns}
      data={releases}
    />
  );
}
