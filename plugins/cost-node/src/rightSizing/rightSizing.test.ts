import { ComputeRates } from '../model/computeRates';
import { Workload } from '../model/computePlatformCost';
import { recommendResources, rightSizingRecommendation } from './rightSizing';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe('recommendResources', () => {
  // The platform design's example: 350m average CPU, 750Mi average memory.
  const usage = {
    cpuAverage: 0.35,
    cpuP90: 0.4,
    cpuP95: 0.45,
    memoryAverage: 750 * MIB,
    memoryP90: 800 * MIB,
    memoryMax: 900 * MIB,
  };
  const current = {
    cpuRequest: 0.5,
    memoryRequest: GIB,
    cpuLimit: 2,
    memoryLimit: 2 * GIB,
  };

  it('design: average + 40 % CPU and + 33 % memory, limits 4× and 2×', () => {
    expect(recommendResources('design', usage, current)).toEqual({
      resources: {
        cpuRequest: 0.49, // 350m × 1.4
        memoryRequest: 998 * MIB, // 750Mi × 1.33 = 997.5Mi, rounded up
        cpuLimit: 1.96,
        memoryLimit: 2 * 998 * MIB,
      },
    });
  });

  it('vpa: p90 + 15 %, limits keep their ratio to the request', () => {
    expect(recommendResources('vpa', usage, current)).toEqual({
      resources: {
        cpuRequest: 0.46, // 400m × 1.15
        memoryRequest: 920 * MIB, // 800Mi × 1.15
        cpuLimit: 1.84, // 4 × 460m, as 2000m is 4 × 500m
        memoryLimit: 1840 * MIB,
      },
    });
  });

  it('krr: CPU p95 without a limit, memory max + 15 % as request and limit', () => {
    expect(recommendResources('krr', usage, current)).toEqual({
      resources: {
        cpuRequest: 0.45,
        memoryRequest: 1035 * MIB, // 900Mi × 1.15
        memoryLimit: 1035 * MIB,
      },
    });
  });

  it('says which usage a rule misses', () => {
    expect(recommendResources('krr', { cpuP95: 0.1 }, current)).toEqual({
      reason: 'the krr rule needs memoryMax, which Prometheus did not give',
    });
  });
});

describe('rightSizingRecommendation', () => {
  it('prices the saving at the environment rates × replicas', () => {
    const workload: Workload = {
      service: 'user-service',
      environment: 'prod',
      container: 'user-service',
      replicas: 5,
      current: { cpuRequest: 0.5, memoryRequest: GIB },
      sources: [],
    };
    const rates: ComputeRates = {
      vcpuHourUsd: 0.0208,
      gibHourUsd: 0.0052,
      formula: '',
      prices: [],
      sources: [],
    };
    const recommendation = rightSizingRecommendation({
      rule: 'krr',
      workload,
      usage: { cpuP95: 0.2, memoryMax: 512 * MIB },
      rates,
    });
    // 5 × 730 h × ((0.5 − 0.2) vCPU × 0.0208 + (1 − 588.8/1024 → 589Mi) GiB × 0.0052)
    const memory = 589 / 1024;
    expect(recommendation).toMatchObject({
      environment: 'prod',
      container: 'user-service',
      rule: 'krr',
      monthlySavingUsd:
        Math.round(5 * 730 * (0.3 * 0.0208 + (1 - memory) * 0.0052) * 100) /
        100,
    });
  });
});
