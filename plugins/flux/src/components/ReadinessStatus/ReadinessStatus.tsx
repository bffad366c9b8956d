import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { FluxReadiness } from '@goldenpath/backstage-plugin-flux-common';

const LABELS: Record<FluxReadiness, string> = {
  ready: 'Ready',
  reconciling: 'Reconciling',
  stalled: 'Stalled',
  failed: 'Failed',
  unknown: 'unknown',
};

/** The word shown for a readiness; anything unexpected reads as unknown. */
export function readinessLabel(readiness: FluxReadiness | undefined): string {
  return (readiness && LABELS[readiness]) ?? LABELS.unknown;
}

/** A readiness as a coloured status dot and its word. */
export function ReadinessStatus(props: {
  readiness: FluxReadiness | undefined;
}) {
  const label = readinessLabel(props.readiness);
  switch (props.readiness) {
    case 'ready':
      return <StatusOK>{label}</StatusOK>;
    case 'reconciling':
      return <StatusPending>{label}</StatusPending>;
    case 'stalled':
      return <StatusWarning>{label}</StatusWarning>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
