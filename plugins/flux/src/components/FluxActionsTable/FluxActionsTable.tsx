import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { FluxActionRecord } from '@goldenpath/backstage-plugin-flux-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { absoluteTime, relativeTime } from '../../utils/format';

function ResultStatus(props: { record: FluxActionRecord }) {
  const { result } = props.record;
  switch (result) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'pending':
      return <StatusPending>pending</StatusPending>;
    case 'timeout':
      return <StatusWarning>timeout</StatusWarning>;
    case 'denied':
      return <StatusAborted>denied</StatusAborted>;
    default:
      return <StatusError>{result}</StatusError>;
  }
}

const columns: TableColumn<FluxActionRecord>[] = [
  {
    title: 'When',
    field: 'requestedAt',
    render: record => (
      <Tooltip title={absoluteTime(record.requestedAt) ?? ''}>
        <span>{relativeTime(record.requestedAt) ?? record.requestedAt}</span>
      </Tooltip>
    ),
  },
  {
    title: 'Who',
    field: 'actor',
    render: record => (
      <EntityRefLink entityRef={record.actor} defaultKind="user" />
    ),
  },
  {
    title: 'What',
    field: 'action',
    render: record => (
      <>
        <Typography variant="body2">
          {record.action} {record.kind} {record.namespace}/{record.name}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {record.environment ?? '?'} · {record.cluster}
        </Typography>
      </>
    ),
  },
  {
    title: 'Result',
    field: 'result',
    render: record => (
      <>
        <ResultStatus record={record} />
        {record.message && (
          <Typography variant="caption" color="textSecondary" component="div">
            {record.message}
          </Typography>
        )}
      </>
    ),
  },
];

/**
 * The audit trail of Flux actions on the entity's objects: who asked for
 * what, when, and how it ended. Newest first, as the backend sends it.
 */
export function FluxActionsTable(props: { actions: FluxActionRecord[] }) {
  return (
    <Table<FluxActionRecord>
      title="Flux actions"
      columns={columns}
      data={props.actions}
      options={{
        search: false,
        paging: props.actions.length > 10,
        pageSize: 10,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={
        <Typography variant="body2" color="textSecondary" align="center">
          No one has reconciled, suspended or resumed this service's Flux
          objects from the portal yet.
        </Typography>
      }
    />
  );
}
