import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  FluxActionRecord,
  FluxActionRequest,
  FluxEntityStatus,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';

/**
 * Reads Flux status from the flux backend and asks it to act on Flux objects.
 *
 * @public
 */
export interface FluxApi {
  /**
   * What runs in every environment for one catalog entity, with its Flux
   * objects and the most recent actions on them.
   */
  getEntityStatus(entityRef: CompoundEntityRef): Promise<FluxEntityStatus>;

  /**
   * Reconcile, suspend or resume one of the entity's Flux objects. Rejects
   * with a `ResponseError` whose status is 403 when the caller may not.
   */
  requestAction(
    entityRef: CompoundEntityRef,
    request: FluxActionRequest,
  ): Promise<FluxActionRecord>;

  /** The Flux installation (controllers, API versions) of every cluster. */
  getRuntimeStatus(): Promise<FluxRuntimeStatus>;
}

/** @public */
export const fluxApiRef = createApiRef<FluxApi>({
  id: 'plugin.flux.api',
});
