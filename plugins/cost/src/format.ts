import { CostSource } from '@goldenpath/backstage-plugin-cost-common';
import { DateTime } from 'luxon';

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});

/** A monthly figure as the page shows it, e.g. `$1,234.56`. */
export function formatUsd(value: number): string {
  return usd.format(value);
}

/** A band of monthly figures, e.g. `$105.12 – $700.80`. */
export function formatUsdRange(range: {
  minMonthlyUsd: number;
  maxMonthlyUsd: number;
}): string {
  return `${formatUsd(range.minMonthlyUsd)} – ${formatUsd(
    range.maxMonthlyUsd,
  )}`;
}

/** CPU cores the way Kubernetes manifests write them: `350m`, `2`. */
export function formatCpu(cores: number | undefined): string {
  if (cores === undefined) {
    return '—';
  }
  const millicores = Math.round(cores * 1000);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

const MEBIBYTE = 1024 * 1024;
const GIBIBYTE = 1024 * MEBIBYTE;

/** Memory bytes the way Kubernetes manifests write them: `768Mi`, `1Gi`. */
export function formatMemory(bytes: number | undefined): string {
  if (bytes === undefined) {
    return '—';
  }
  if (bytes >= GIBIBYTE && bytes % GIBIBYTE === 0) {
    return `${bytes / GIBIBYTE}Gi`;
  }
  return `${Math.round(bytes / MEBIBYTE)}Mi`;
}

/** Where a source points, e.g. `gitops-config/apps/x/overlays/prod/hpa.yaml:14`. */
export function formatSourceLocation(source: CostSource): string | undefined {
  if (!source.file) {
    return undefined;
  }
  return source.line === undefined
    ? source.file
    : `${source.file}:${source.line}`;
}

/**
 * The date a price was taken, as precise as it was written: `2026-01` is a
 * month, `2026-01-15` a day.
 */
export function formatPriceDate(date: string): string {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid) {
    return date;
  }
  if (/^\d{4}-\d{2}$/.test(date)) {
    return parsed.toFormat('LLL yyyy');
  }
  return parsed.toLocaleString(DateTime.DATE_MED);
}

/** When the figures were computed, relative to now (`5 minutes ago`). */
export function formatGeneratedAt(generatedAt: string): string {
  const parsed = DateTime.fromISO(generatedAt);
  return parsed.isValid ? parsed.toRelative() ?? generatedAt : generatedAt;
}

/** Whether a price source is a page the browser can open. */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

const unitPrice = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});

/** A unit price keeps its precision, e.g. `$0.0208` per hour. */
export function formatUnitPrice(value: number): string {
  return unitPrice.format(value);
}
