import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { ChecklistItemStatus } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { statusLabels } from './format';

/** The status of a checklist item as an icon and a word. */
export function ItemStatus(props: { status: ChecklistItemStatus }) {
  const label = statusLabels[props.status];
  switch (props.status) {
    case 'done':
    case 'passed':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    case 'unknown':
      return <StatusWarning>{label}</StatusWarning>;
    case 'not-applicable':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}
