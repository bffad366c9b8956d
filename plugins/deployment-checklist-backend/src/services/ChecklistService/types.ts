import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ChecklistItem,
  ChecklistPhase,
  CreateReleaseRequest,
  GateResult,
  Release,
  ReleaseDetail,
  UpdateItemRequest,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** Who does something: a user or service (their credentials), or the plugin itself. */
export type Actor = { credentials: BackstageCredentials } | { system: true };

/** Releases, their checklists, evaluation and the gate. */
export interface ChecklistService {
  /**
   * An entity's releases, newest first. With a user's credentials, only of
   * an entity the catalog lets them read (otherwise none); getRelease and
   * gate answer NotFoundError for a release of an entity they may not read.
   */
  listReleases(
    entityRef: string,
    reader?: BackstageCredentials,
  ): Promise<Release[]>;
  /**
   * Creates the release of an entity's version from the entity's definition;
   * an existing release is returned as it is (`created: false`).
   */
  createRelease(
    request: CreateReleaseRequest,
    actor: Actor,
  ): Promise<{ release: ReleaseDetail; created: boolean }>;
  getRelease(
    releaseId: string,
    reader?: BackstageCredentials,
  ): Promise<ReleaseDetail>;
  /** Ticks, unticks or marks not applicable a manual item (owners only). */
  updateItem(
    releaseId: string,
    itemId: string,
    update: UpdateItemRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<ChecklistItem>;
  /** Re-checks every automatic item of a release now. */
  evaluateRelease(releaseId: string, actor: Actor): Promise<ReleaseDetail>;
  /** Re-checks the automatic items of recent releases that are not complete. */
  evaluateOpenReleases(options?: { signal?: AbortSignal }): Promise<number>;
  /** Whether a phase of a release is complete, and what keeps it open. */
  gate(
    entityRef: string,
    version: string,
    phase: ChecklistPhase,
    reader?: BackstageCredentials,
  ): Promise<GateResult>;
}
