import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  FluxActionRecord,
  FluxActionRequest,
} from '@goldenpath/backstage-plugin-flux-common';

/** Reconcile, suspend and resume, authorized per entity and recorded. */
export interface FluxActionsService {
  /**
   * Performs an action on one of the entity's Flux objects. Throws
   * NotAllowedError (recorded as `denied`) when the caller may not, and
   * InputError / NotFoundError when the object is not the entity's.
   */
  perform(
    entity: Entity,
    request: FluxActionRequest,
    credentials: BackstageCredentials,
  ): Promise<FluxActionRecord>;
}
