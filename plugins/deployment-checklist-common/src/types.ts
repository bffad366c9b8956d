import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/** The phases of a release, in order. @public */
export const CHECKLIST_PHASES = [
  'pre-deployment',
  'deployment',
  'post-deployment',
] as const;

/** @public */
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

/**
 * The signal sources an automatic item can be checked against, in the order
 * error messages list them.
 *
 * @public
 */
export const CHECKLIST_PROVIDER_TYPES = [
  'flux',
  'ci',
  'prometheus',
  'git',
  'http',
] as const;

/** @public */
export type ChecklistProviderType = (typeof CHECKLIST_PROVIDER_TYPES)[number];

/** How a `prometheus` item compares its value with the threshold. @public */
export const CHECKLIST_OPERATORS = ['<', '<=', '>', '>=', '=='] as const;

/** @public */
export type ChecklistOperator = (typeof CHECKLIST_OPERATORS)[number];

/**
 * An automatic item's provider and its parameters, as written in a checklist
 * definition (YAML).
 *
 * @public
 */
export type ChecklistProviderSpec =
  | { type: 'flux'; environment: EnvironmentName }
  | { type: 'ci'; workflow?: string }
  | {
      type: 'prometheus';
      /** PromQL; `$service`, `$environment` and `$version` are substituted. */
      query: string;
      /** The item passes when `value <op> threshold`. */
      operator: ChecklistOperator;
      threshold: number;
      environment?: EnvironmentName;
    }
  | { type: 'git'; file?: string }
  | { type: 'http'; url: string; expectStatus?: number };

/** One item of a checklist definition. @public */
export interface ChecklistItemDefinition {
  /** Stable id, unique in the definition (kebab-case). */
  id: string;
  phase: ChecklistPhase;
  title: string;
  description?: string;
  /** Absent for a manual item. */
  provider?: ChecklistProviderSpec;
}

/** A checklist definition, parsed and validated. @public */
export interface ChecklistDefinition {
  name: string;
  /** Where it came from: `default` or the URL/file of the entity's definition. */
  source: string;
  items: ChecklistItemDefinition[];
}

/**
 * The state of an item. Manual: open, done, not-applicable. Automatic:
 * pending (never evaluated), passed, failed, unknown (the source could not be
 * reached; never counted as passed).
 *
 * @public
 */
export type ChecklistItemStatus =
  | 'open'
  | 'done'
  | 'not-applicable'
  | 'pending'
  | 'passed'
  | 'failed'
  | 'unknown';

/** What an automatic check saw. @public */
export interface ChecklistEvidence {
  /** The measured value (e.g. 0.012 for a 1.2 % error rate, 'Ready', 200). */
  value?: string | number | boolean;
  /** The query or request made (PromQL, URL, workflow run). */
  query?: string;
  /** A link to the source (Prometheus graph, workflow run, commit, object). */
  link?: string;
  /** Why it is unknown/failed, when it is. */
  error?: string;
  checkedAt: string;
}

/** One item of one release. @public */
export interface ChecklistItem {
  id: string;
  phase: ChecklistPhase;
  title: string;
  description?: string;
  /** Provider type for automatic items. */
  provider?: ChecklistProviderType;
  status: ChecklistItemStatus;
  evidence?: ChecklistEvidence;
  /** Who changed it last (user entity ref), when, and their comment/reason. */
  updatedBy?: string;
  updatedAt?: string;
  comment?: string;
  /** Increases on every change; writes send it back (optimistic concurrency). */
  revision: number;
}

/** Progress of one phase. @public */
export interface ChecklistPhaseSummary {
  phase: ChecklistPhase;
  total: number;
  /** Items done, passed or not applicable. */
  complete: number;
  /** True when every item is done, passed or not applicable. */
  passed: boolean;
}

/** A release: one version of one entity. @public */
export interface Release {
  id: string;
  entityRef: string;
  version: string;
  createdAt: string;
  createdBy: string;
  /** Name and source of the definition the release was created from. */
  definition: { name: string; source: string };
  phases: ChecklistPhaseSummary[];
}

/** One line of the audit trail; never rewritten. @public */
export interface ChecklistAuditEntry {
  id: string;
  releaseId: string;
  itemId?: string;
  at: string;
  actor: string;
  action: 'create-release' | 'tick' | 'untick' | 'not-applicable' | 'evaluate';
  from?: ChecklistItemStatus;
  to?: ChecklistItemStatus;
  comment?: string;
}

/** Answer of GET /releases/:id. @public */
export interface ReleaseDetail extends Release {
  items: ChecklistItem[];
  audit: ChecklistAuditEntry[];
}

/** Body of POST /releases. @public */
export interface CreateReleaseRequest {
  entityRef: string;
  version: string;
}

/** Body of POST /releases/:id/items/:itemId. @public */
export interface UpdateItemRequest {
  action: 'tick' | 'untick' | 'not-applicable';
  /** Required for not-applicable (the reason); optional otherwise. */
  comment?: string;
  /** The item revision the user saw; a stale one gets 409. */
  revision: number;
}

/** Answer of GET /gate: is a phase of a release complete? @public */
export interface GateResult {
  releaseId: string;
  entityRef: string;
  version: string;
  phase: ChecklistPhase;
  passed: boolean;
  /** The items that keep the gate closed, with their status. */
  openItems: Array<{ id: string; title: string; status: ChecklistItemStatus }>;
}
