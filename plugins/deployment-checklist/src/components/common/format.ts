import { parseEntityRef } from '@backstage/catalog-model';
import type {
  ChecklistAuditEntry,
  ChecklistItemStatus,
  ChecklistPhase,
  ChecklistProviderType,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { DateTime } from 'luxon';

export const phaseTitles: Record<ChecklistPhase, string> = {
  'pre-deployment': 'Pre-deployment',
  deployment: 'Deployment',
  'post-deployment': 'Post-deployment',
};

export const statusLabels: Record<ChecklistItemStatus, string> = {
  open: 'Open',
  done: 'Done',
  'not-applicable': 'Not applicable',
  pending: 'Pending',
  passed: 'Passed',
  failed: 'Failed',
  unknown: 'Unknown',
};

export const providerLabels: Record<ChecklistProviderType, string> = {
  flux: 'Flux',
  ci: 'CI',
  prometheus: 'Prometheus',
  git: 'Git',
  http: 'HTTP',
};

export const auditActionLabels: Record<ChecklistAuditEntry['action'], string> =
  {
    'create-release': 'Created the release',
    tick: 'Ticked',
    untick: 'Unticked',
    'not-applicable': 'Marked not applicable',
    evaluate: 'Checked automatically',
  };

/** "5 minutes ago"; the timestamp itself when it is not an ISO date. */
export function relativeTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  return (time.isValid && time.toRelative()) || iso;
}

/** The full local date and time, for tooltips. */
export function absoluteTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_FULL) : iso;
}

/**
 * The name part of a user or service entity ref (`user:default/jane` →
 * `jane`); anything that is not an entity ref is shown as it is.
 */
export function actorName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** A measured value as a person reads it. */
export function formatEvidenceValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  return String(value);
}
