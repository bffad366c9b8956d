import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import { fluxApiRef } from '../api';
import { usePolledValue } from './usePolledValue';

/** How often the entity's status is asked again; the backend answers from its shared cache. */
export const DEFAULT_POLL_INTERVAL_MS = 15_000;

/**
 * The Flux status of the page's entity, loaded and then polled every
 * `pollIntervalMs`, with the entity's refs for actions.
 */
export function useEntityFluxStatus(pollIntervalMs = DEFAULT_POLL_INTERVAL_MS) {
  const { entity } = useEntity();
  const fluxApi = useApi(fluxApiRef);
  const resourceRef = stringifyEntityRef(entity);
  // Recomputed only when the entity changes, so polling is not restarted on
  // every render.
  const entityRef = useMemo(() => parseEntityRef(resourceRef), [resourceRef]);
  const load = useCallback(
    () => fluxApi.getEntityStatus(entityRef),
    [fluxApi, entityRef],
  );
  return {
    entityRef,
    resourceRef,
    ...usePolledValue(load, pollIntervalMs),
  };
}
