import { InputError } from '@backstage/errors';
import {
  CHECKLIST_PHASES,
  GateResult,
  isChecklistPhase,
  ReleaseDetail,
  requestChecklist,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** Where the portal is and how to authenticate, as `gitops template run` takes them. */
export interface PortalOptions {
  /** The portal's base URL, e.g. https://portal.example.com. */
  portalUrl: string;
  token: string;
  fetch?: typeof fetch;
}

function checklistRequest<T>(
  options: PortalOptions,
  path: string,
  body?: unknown,
) {
  return requestChecklist<T>({
    baseUrl: `${options.portalUrl.replace(/\/$/, '')}/api/deployment-checklist`,
    path,
    token: options.token,
    body,
    answeredBy: 'The portal',
    fetch: options.fetch,
  });
}

/** Creates (or finds) the release of an entity's version. */
export async function createChecklistRelease(
  options: PortalOptions & { entityRef: string; version: string },
): Promise<{ release: ReleaseDetail; created: boolean }> {
  const { status, body } = await checklistRequest<ReleaseDetail>(
    options,
    '/releases',
    { entityRef: options.entityRef, version: options.version },
  );
  return { release: body, created: status === 201 };
}

/** Asks whether a phase of a release is complete. */
export async function checklistGate(
  options: PortalOptions & {
    entityRef: string;
    version: string;
    phase: string;
  },
): Promise<GateResult> {
  if (!isChecklistPhase(options.phase)) {
    throw new InputError(
      `--phase '${
        options.phase
      }' is not a phase; expected one of ${CHECKLIST_PHASES.join(', ')}`,
    );
  }
  const query = new URLSearchParams({
    entityRef: options.entityRef,
    version: options.version,
    phase: options.phase,
  });
  return (await checklistRequest<GateResult>(options, `/gate?${query}`)).body;
}
