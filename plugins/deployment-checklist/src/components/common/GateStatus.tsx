import { StatusOK, StatusPending } from '@backstage/core-components';
import type { Release } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { phaseTitles } from './format';

/** The state of a release's gates: the first phase that is not complete. */
export function GateStatus(props: { release: Release }) {
  const open = props.release.phases.find(phase => !phase.passed);
  if (!open) {
    return <StatusOK>All phases complete</StatusOK>;
  }
  return <StatusPending>{phaseTitles[open.phase]} open</StatusPending>;
}
