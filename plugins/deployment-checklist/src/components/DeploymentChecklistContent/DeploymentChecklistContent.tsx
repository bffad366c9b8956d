import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { ReleaseList } from '../ReleaseList';
import { ReleaseView } from '../ReleaseView';

/** The search parameter that names the open release. */
const RELEASE_PARAM = 'release';

/**
 * The "Release checklist" tab of an entity: its releases, or one release
 * when `?release=<id>` is set (so a release can be linked to).
 */
export function DeploymentChecklistContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { pathname } = useLocation();
  const [searchParams] = useSearchParams();
  const releaseId = searchParams.get(RELEASE_PARAM);

  if (releaseId) {
    return (
      <ReleaseView
        key={releaseId}
        releaseId={releaseId}
        entityRef={entityRef}
        backLink={pathname}
      />
    );
  }
  return (
    <ReleaseList
      entityRef={entityRef}
      releaseLink={id =>
        `${pathname}?${new URLSearchParams({ [RELEASE_PARAM]: id })}`
      }
    />
  );
}
