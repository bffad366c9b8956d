import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import { GitopsFileError } from '../errors';
import { KINDS, PLATFORM } from './conventions';
import { compareNames, secretEnv } from './renderApp';
import { AppSpec } from './types';

/** The tables of apps/README.md that have rows per app, and those rows. */
const TABLES: Array<{ header: string[]; rows: (spec: AppSpec) => string[][] }> =
  [
    {
      header: [
        'app',
        'kind',
        'owner',
        'ports',
        'database (RDS)',
        'cache (ElastiCache)',
        'queue (SQS)',
        'bucket (S3)',
        'calls',
      ],
      rows: spec => [
        [
          spec.name,
          spec.kind,
          spec.owner,
          KINDS[spec.kind].ports.map(p => `${p.name} ${p.port}`).join(', '),
          spec.database?.instance ?? '-',
          spec.cache ? PLATFORM.cacheName : '-',
          spec.queue ? `${spec.queue}-<env> (+ dlq)` : '-',
          spec.bucket ? `${spec.bucket}-<env>` : '-',
          spec.dependencies.join(', ') || '-',
        ],
      ],
    },
    {
      header: ['app', 'env', 'replicas', 'requests', 'limits', 'HPA min..max'],
      rows: spec =>
        ENVIRONMENTS.map(env => {
          const size = spec.sizing[env];
          return [
            spec.name,
            env,
            String(size.replicas),
            `${size.requests.cpu} / ${size.requests.memory}`,
            `${size.limits.cpu} / ${size.limits.memory}`,
            env === 'prod'
              ? `${spec.hpa.minReplicas}..${spec.hpa.maxReplicas}`
              : '-',
          ];
        }),
    },
    {
      header: ['app', 'secret env vars'],
      rows: spec => [
        [
          spec.name,
          secretEnv(spec)
            .map(e => e.name)
            .join(', ') || '-',
        ],
      ],
    },
  ];

function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map(cell => cell.trim());
}

/** A Markdown table padded the way prettier writes it. */
function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...rows].map(row => row[i].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ];
}

/**
 * apps/README.md with the app's rows in its tables, in name order (replacing
 * rows it already has). Tables the README does not have are left out.
 */
export function registerInReadme(
  file: string,
  text: string,
  spec: AppSpec,
): string {
  const lines = text.split('\n');
  for (const table of TABLES) {
    const start = lines.findIndex(
      (line, i) =>
        line.startsWith('|') &&
        /^\|[\s|:-]+$/.test(lines[i + 1] ?? '') &&
        cells(line).join('\n') === table.header.join('\n'),
    );
    if (start < 0) continue;
    let end = start + 2;
    while (end < lines.length && lines[end].startsWith('|')) end++;
    const rows: string[][] = [];
    for (let i = start + 2; i < end; i++) {
      const row = cells(lines[i]);
      if (row.length !== table.header.length) {
        throw new GitopsFileError({
          file,
          line: i + 1,
          message: `expected a row of ${
            table.header.length
          } cells (${table.header.join(', ')}), found ${row.length}`,
        });
      }
      if (row[0] !== spec.name) rows.push(row);
    }
    const at = rows.findIndex(row => compareNames(row[0], spec.name) > 0);
    rows.splice(at < 0 ? rows.length : at, 0, ...table.rows(spec));
    lines.splice(start, end - start, ...formatTable(table.header, rows));
  }
  return lines.join('\n');
}
