import { Entity } from '@backstage/catalog-model';
import {
  ChecklistEvidence,
  ChecklistItemStatus,
  ChecklistProviderSpec,
  ChecklistProviderType,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** What a provider knows about the release it checks. */
export interface ProviderContext {
  entityRef: string;
  /** The catalog entity, when the catalog had it. */
  entity?: Entity;
  /** The entity's name, substituted for `$service`. */
  service: string;
  version: string;
  /** Ends the check when the evaluation times out. */
  signal: AbortSignal;
  /**
   * Shares one lookup (e.g. the entity's Flux status) across the items of an
   * evaluation, and across the releases a scheduled run evaluates (of this
   * entity and others): the key must name everything the answer depends on
   * (entity, server, query, version, ...), and nothing more.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * What a check concluded. A provider throws when it cannot reach its source;
 * the caller then records `unknown` with the error, never `passed`.
 */
export interface ProviderOutcome {
  status: Extract<
    ChecklistItemStatus,
    'passed' | 'failed' | 'unknown' | 'pending'
  >;
  evidence: Omit<ChecklistEvidence, 'checkedAt'>;
}

/** Checks automatic items of one provider type. */
export interface ChecklistProvider<
  T extends ChecklistProviderType = ChecklistProviderType,
> {
  type: T;
  check(
    spec: Extract<ChecklistProviderSpec, { type: T }>,
    context: ProviderContext,
  ): Promise<ProviderOutcome>;
}

/** Every provider behind one call, with timeouts and errors handled. */
export interface ChecklistProviders {
  check(
    spec: ChecklistProviderSpec,
    context: ProviderContext,
  ): Promise<ProviderOutcome & { evidence: ChecklistEvidence }>;
}
