import { CostDiff, CostLine } from '@goldenpath/backstage-plugin-cost-common';
import {
  ENVIRONMENTS,
  EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import {
  EnvironmentBreakdown,
  PlatformCost,
} from '../model/computePlatformCost';
import { cents } from '../model/format';

interface Figure {
  service: string;
  name: string;
  monthlyUsd?: number;
}

/** A line's identity across revisions: its name without the details in brackets. */
function identity(name: string) {
  return name.replace(/ \(.*\)$/, '');
}

/** Every priced figure of an environment, by identity; shared items whole. */
function figures(breakdown: EnvironmentBreakdown | undefined) {
  const result = new Map<string, Figure>();
  if (!breakdown) return result;
  for (const [service, cost] of breakdown.services) {
    for (const l of cost.lines) {
      if (l.category === 'shared') continue;
      result.set(`${service}\u0000${identity(l.name)}`, {
        service,
        name: l.name,
        monthlyUsd: l.monthlyUsd,
      });
    }
  }
  for (const l of breakdown.shared) {
    result.set(`\u0000shared\u0000${identity(l.name)}`, {
      service: 'shared',
      name: l.name,
      monthlyUsd: l.monthlyUsd,
    });
  }
  return result;
}

function total(figuresOf: Map<string, Figure>) {
  let sum = 0;
  for (const f of figuresOf.values()) sum += f.monthlyUsd ?? 0;
  return cents(sum);
}

type Unpriced = NonNullable<CostDiff['unpriced']>[number];

/** What an environment leaves unpriced: per service, plus shared and unattributed items once. */
function unpricedOf(breakdown: EnvironmentBreakdown | undefined): Unpriced[] {
  if (!breakdown) return [];
  const { environment } = breakdown;
  const envLevel = new Set(breakdown.unattributed.map(u => u.name));
  const sharedNames = new Set(breakdown.shared.map(l => l.name));
  const result: Unpriced[] = [];
  for (const [service, cost] of breakdown.services) {
    for (const entry of cost.unpriced) {
      if (envLevel.has(entry.name) || sharedNames.has(entry.name)) continue;
      result.push({ environment, service, ...entry });
    }
  }
  const sharedUnpriced = breakdown.shared.filter(
    (l): l is CostLine & { unpricedReason: string } =>
      l.unpricedReason !== undefined,
  );
  for (const l of sharedUnpriced) {
    result.push({ environment, name: l.name, reason: l.unpricedReason });
  }
  for (const u of breakdown.unattributed) {
    result.push({ environment, name: u.name, reason: u.reason });
  }
  return result;
}

function dollars(usd: number) {
  return usd < 0.5
    ? 'less than $1'
    : `about $${Math.round(usd).toLocaleString('en-US')}`;
}

/**
 * The cost change from one revision of the repositories to another, per
 * environment and line, with a one-line summary for a change description
 * ("adds about $212 a month in prod"). Shared items count once, whole, not
 * as each service's share.
 *
 * @public
 */
export function diffPlatformCosts(
  base: PlatformCost,
  head: PlatformCost,
  labels: { base: string; head: string },
): CostDiff {
  const environments: CostDiff['environments'] = [];
  const unpriced: Unpriced[] = [];
  const names = new Set<EnvironmentName>([
    ...base.environments.map(e => e.environment),
    ...head.environments.map(e => e.environment),
  ]);
  for (const environment of ENVIRONMENTS.filter(e => names.has(e))) {
    const before = base.environments.find(e => e.environment === environment);
    const after = head.environments.find(e => e.environment === environment);
    const beforeFigures = figures(before);
    const afterFigures = figures(after);
    const changes: CostDiff['environments'][number]['changes'] = [];
    for (const key of new Set([
      ...beforeFigures.keys(),
      ...afterFigures.keys(),
    ])) {
      const b = beforeFigures.get(key);
      const a = afterFigures.get(key);
      if (b?.monthlyUsd === a?.monthlyUsd) continue;
      changes.push({
        service: (a ?? b)!.service,
        name: (a ?? b)!.name,
        ...(b?.monthlyUsd !== undefined && { beforeMonthlyUsd: b.monthlyUsd }),
        ...(a?.monthlyUsd !== undefined && { afterMonthlyUsd: a.monthlyUsd }),
      });
    }
    const delta = (c: (typeof changes)[number]) =>
      Math.abs((c.afterMonthlyUsd ?? 0) - (c.beforeMonthlyUsd ?? 0));
    changes.sort((x, y) => delta(y) - delta(x));
    const beforeMonthlyUsd = total(beforeFigures);
    const afterMonthlyUsd = total(afterFigures);
    environments.push({
      environment,
      beforeMonthlyUsd,
      afterMonthlyUsd,
      deltaMonthlyUsd: cents(afterMonthlyUsd - beforeMonthlyUsd),
      changes,
    });

    const known = new Set(
      unpricedOf(before).map(
        u => `${u.service}\u0000${u.name}\u0000${u.reason}`,
      ),
    );
    unpriced.push(
      ...unpricedOf(after).filter(
        u => !known.has(`${u.service}\u0000${u.name}\u0000${u.reason}`),
      ),
    );
  }

  const parts = environments
    .filter(e => Math.abs(e.deltaMonthlyUsd) >= 0.005)
    .map(
      e =>
        `${e.deltaMonthlyUsd > 0 ? 'adds' : 'saves'} ${dollars(
          Math.abs(e.deltaMonthlyUsd),
        )} a month in ${e.environment}`,
    );
  let summary = parts.length
    ? parts.join(', ')
    : 'no change to the monthly cost';
  if (unpriced.length) {
    summary += `; ${unpriced.length} new item${
      unpriced.length === 1 ? '' : 's'
    } not priced: ${unpriced
      .slice(0, 3)
      .map(u => `${u.name} in ${u.environment}`)
      .join(', ')}${unpriced.length > 3 ? ', ...' : ''}`;
  }
  return {
    base: labels.base,
    head: labels.head,
    environments,
    summary,
    ...(unpriced.length && { unpriced }),
  };
}
