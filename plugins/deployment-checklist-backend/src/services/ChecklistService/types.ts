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
  /** An entity's releases, newest first. */
  listReleases(entityRef: string): Promise<Release[]>;
  /**
   * Creates the release of an entity's version from the entity's definition;
   * an existing release is returned as it is (`created: false`).
   */
  createRelease(
    request: CreateReleaseRequest,
    actor: Actor,
  ): Promise<{ release: ReleaseDetail; created: boolean }>;
  getRelease(releaseId: string): Promise<ReleaseDetail>;
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
  ): Promise<GateResult>;
}
