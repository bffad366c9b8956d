import { Table, TableColumn } from '@backstage/core-components';
import type {
  ChecklistAuditEntry,
  ChecklistItem,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import {
  Timestamp,
  actorName,
  auditActionLabels,
  statusLabels,
} from '../common';

/** Every change of a release, newest first. */
export function AuditTrail(props: {
  entries: ChecklistAuditEntry[];
  items: ChecklistItem[];
}) {
  const titles = new Map(props.items.map(item => [item.id, item.title]));
  const entries = [...props.entries].sort((a, b) => b.at.localeCompare(a.at));

  const columns: TableColumn<ChecklistAuditEntry>[] = [
    {
      title: 'When',
      field: 'at',
      render: entry => <Timestamp iso={entry.at} />,
    },
    {
      title: 'Who',
      field: 'actor',
      render: entry => (
        <span title={entry.actor}>{actorName(entry.actor)}</span>
      ),
    },
    {
      title: 'Action',
      field: 'action',
      render: entry => auditActionLabels[entry.action],
    },
    {
      title: 'Item',
      field: 'itemId',
      render: entry =>
        entry.itemId ? titles.get(entry.itemId) ?? entry.itemId : '',
    },
    {
      title: 'Change',
      sorting: false,
      render: entry => {
        if (!entry.to) {
          return '';
        }
        return entry.from
          ? `${statusLabels[entry.from]} → ${statusLabels[entry.to]}`
          : statusLabels[entry.to];
      },
    },
    { title: 'Comment', field: 'comment', sorting: false },
  ];

  return (
    <Table<ChecklistAuditEntry>
      title="Audit trail"
      options={{
        search: false,
        paging: entries.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      columns={columns}
      data={entries}
    />
  );
}
