import {
  ContainerResources,
  CostSource,
  HOURS_PER_MONTH,
  RightSizingRecommendation,
  RightSizingRule,
} from '@goldenpath/backstage-plugin-cost-common';
import { ComputeRates } from '../model/computeRates';
import { Workload } from '../model/computePlatformCost';
import { cents } from '../model/format';
import { GIB } from '../model/quantities';

/** Observed usage of one container: CPU in cores, memory in bytes. @public */
export type ContainerUsage = RightSizingRecommendation['usage'];

const MIB = 2 ** 20;

/** Whole millicores, at least 1m. */
const roundCpu = (cores: number) => Math.max(Math.ceil(cores * 1000), 1) / 1000;
/** Whole MiB, at least 1 MiB. */
const roundMemory = (bytes: number) =>
  Math.max(Math.ceil(bytes / MIB), 1) * MIB;

function need(
  rule: RightSizingRule,
  usage: ContainerUsage,
  fields: Array<keyof ContainerUsage>,
): string | undefined {
  const missing = fields.filter(f => usage[f] === undefined);
  return missing.length
    ? `the ${rule} rule needs ${missing.join(
        ' and ',
      )}, which Prometheus did not give`
    : undefined;
}

/**
 * Requests and limits a rule gives for observed usage:
 * - design (the platform design's rule): request = average + 40 % CPU,
 *   + 33 % memory; limit = 4× (CPU) and 2× (memory) the request;
 * - vpa (the Vertical Pod Autoscaler's target): request = p90 + 15 %; limits
 *   keep their current ratio to the request, as VPA does;
 * - krr (Robusta KRR's simple strategy): CPU request = p95, no CPU limit;
 *   memory request = limit = max + 15 %.
 * CPU rounds up to whole millicores, memory to whole MiB.
 *
 * @public
 */
export function recommendResources(
  rule: RightSizingRule,
  usage: ContainerUsage,
  current: ContainerResources,
): { resources: ContainerResources } | { reason: string } {
  if (rule === 'design') {
    const missing = need(rule, usage, ['cpuAverage', 'memoryAverage']);
    if (missing) return { reason: missing };
    const cpuRequest = roundCpu(usage.cpuAverage! * 1.4);
    const memoryRequest = roundMemory(usage.memoryAverage! * 1.33);
    return {
      resources: {
        cpuRequest,
        memoryRequest,
        cpuLimit: roundCpu(cpuRequest * 4),
        memoryLimit: memoryRequest * 2,
      },
    };
  }
  if (rule === 'vpa') {
    const missing = need(rule, usage, ['cpuP90', 'memoryP90']);
    if (missing) return { reason: missing };
    const cpuRequest = roundCpu(usage.cpuP90! * 1.15);
    const memoryRequest = roundMemory(usage.memoryP90! * 1.15);
    const scaled = (
      limit: number | undefined,
      request: number | undefined,
      next: number,
    ) => (limit && request ? (limit / request) * next : undefined);
    const cpuLimit = scaled(current.cpuLimit, current.cpuRequest, cpuRequest);
    const memoryLimit = scaled(
      current.memoryLimit,
      current.memoryRequest,
      memoryRequest,
    );
    return {
      resources: {
        cpuRequest,
        memoryRequest,
        ...(cpuLimit !== undefined && { cpuLimit: roundCpu(cpuLimit) }),
        ...(memoryLimit !== undefined && {
          memoryLimit: roundMemory(memoryLimit),
        }),
      },
    };
  }
  const missing = need(rule, usage, ['cpuP95', 'memoryMax']);
  if (missing) return { reason: missing };
  const memoryRequest = roundMemory(usage.memoryMax! * 1.15);
  return {
    resources: {
      cpuRequest: roundCpu(usage.cpuP95!),
      memoryRequest,
      memoryLimit: memoryRequest,
    },
  };
}

/**
 * A right-sizing recommendation for a workload, with its monthly saving at
 * the environment's per-vCPU and per-GiB prices × the replicas priced.
 *
 * @public
 */
export function rightSizingRecommendation(options: {
  rule: RightSizingRule;
  workload: Workload;
  usage: ContainerUsage;
  rates: ComputeRates;
  sources?: CostSource[];
}): RightSizingRecommendation | { reason: string } {
  const { rule, workload, usage, rates } = options;
  const result = recommendResources(rule, usage, workload.current);
  if ('reason' in result) return result;
  const recommended = result.resources;
  const current = workload.current;
  const hourly = (r: ContainerResources) =>
    (r.cpuRequest ?? 0) * rates.vcpuHourUsd +
    ((r.memoryRequest ?? 0) / GIB) * rates.gibHourUsd;
  return {
    environment: workload.environment,
    container: workload.container,
    rule,
    current,
    recommended,
    usage,
    monthlySavingUsd: cents(
      workload.replicas *
        HOURS_PER_MONTH *
        (hourly(current) - hourly(recommended)),
    ),
    sources: [...workload.sources, ...(options.sources ?? [])],
  };
}
