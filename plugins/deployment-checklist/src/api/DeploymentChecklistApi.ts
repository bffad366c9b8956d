import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ChecklistItem,
  ChecklistPhase,
  CreateReleaseRequest,
  GateResult,
  Release,
  ReleaseDetail,
  UpdateItemRequest,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';

/**
 * Talks to the deployment-checklist backend. Failed requests reject with a
 * `ResponseError` from `@backstage/errors` (its `statusCode` is 409 when the
 * item revision was stale, 403 when the caller may not change the item).
 *
 * @public
 */
export interface DeploymentChecklistApi {
  /** The releases of an entity, newest first. */
  listReleases(request: { entityRef: string }): Promise<Release[]>;

  /** Starts the checklist of a new version of an entity. */
  createRelease(request: CreateReleaseRequest): Promise<ReleaseDetail>;

  /** One release with its items and audit trail. */
  getRelease(request: { releaseId: string }): Promise<ReleaseDetail>;

  /**
   * Ticks, unticks or marks not applicable a manual item. `revision` is the
   * item revision the user saw.
   */
  updateItem(request: {
    releaseId: string;
    itemId: string;
    update: UpdateItemRequest;
  }): Promise<ChecklistItem>;

  /** Checks the automatic items of a release again, now. */
  evaluateRelease(request: { releaseId: string }): Promise<ReleaseDetail>;

  /** Whether a phase of the release of a version is complete. */
  getGate(request: {
    entityRef: string;
    version: string;
    phase: ChecklistPhase;
  }): Promise<GateResult>;
}

/** @public */
export const deploymentChecklistApiRef = createApiRef<DeploymentChecklistApi>({
  id: 'plugin.deployment-checklist.api',
});
