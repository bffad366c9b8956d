import { CHECKLIST_PHASES, ChecklistPhase, GateResult, Release } from './types';

/** Whether a text names a checklist phase. @public */
export function isChecklistPhase(text: string): text is ChecklistPhase {
  return (CHECKLIST_PHASES as readonly string[]).includes(text);
}

/** How many items of a release are not yet done, passed or not applicable. @public */
export function pendingItems(release: Pick<Release, 'phases'>): number {
  return release.phases.reduce(
    (count, phase) => count + phase.total - phase.complete,
    0,
  );
}

/**
 * What a closed gate fails with (the promotion step, the CLI): the release,
 * the phase and one line per open item, `- id (title): status`, each after
 * `indent`.
 *
 * @public
 */
export function describeClosedGate(gate: GateResult, indent = ''): string {
  return [
    `${gate.entityRef} ${gate.version}: ${gate.phase} is not complete; ${gate.openItems.length} open item(s):`,
    ...gate.openItems.map(
      item => `${indent}- ${item.id} (${item.title}): ${item.status}`,
    ),
  ].join('\n');
}

/**
 * The message of a failed request to the checklist backend: the
 * `error.message` of its JSON body, else the body's text.
 *
 * @public
 */
export function errorMessageOf(body: string): string {
  try {
    return JSON.parse(body)?.error?.message ?? body;
  } catch {
    return body;
  }
}
