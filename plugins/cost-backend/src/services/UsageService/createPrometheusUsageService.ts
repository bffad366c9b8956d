import {
  CacheService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ContainerUsage } from '@goldenpath/backstage-plugin-cost-node';
import {
  clusterName,
  ENVIRONMENTS,
  EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import {
  prometheusGraphUrl,
  PrometheusQueryData,
  queryPrometheus,
} from '@goldenpath/backstage-plugin-gitops-node';
import { EnvironmentUsage, UsageService } from './types';

/** `cost.prometheus`, read once at start-up. */
export interface PrometheusSettings {
  baseUrl: string;
  externalUrl: string;
  window: string;
  step: string;
  rateInterval: string;
  clusterLabel: string;
  clusters: Record<EnvironmentName, string>;
  cacheTtlSeconds: number;
  timeoutSeconds: number;
}

/** How long why Prometheus could not answer is kept. */
const FAILURE_TTL_SECONDS = 60;

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Reads `cost.prometheus`; undefined when no baseUrl is configured. */
export function readPrometheusSettings(
  config: RootConfigService,
): PrometheusSettings | undefined {
  const prometheus = config.getOptionalConfig('cost.prometheus');
  const baseUrl = prometheus?.getOptionalString('baseUrl');
  if (!prometheus || !baseUrl) return undefined;
  const at = 'cost.prometheus';
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new InputError(
      `Invalid config at '${at}.baseUrl': '${baseUrl}' is not an http(s) URL, e.g. http://prometheus.monitoring:9090`,
    );
  }
  const duration = (key: string, fallback: string) => {
    const value = prometheus.getOptionalString(key) ?? fallback;
    if (!DURATION.test(value)) {
      throw new InputError(
        `Invalid config at '${at}.${key}': '${value}' is not a Prometheus duration, e.g. 7d, 12h or 5m`,
      );
    }
    return value;
  };
  const seconds = (key: string, fallback: number) => {
    const value = prometheus.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new InputError(
        `Invalid config at '${at}.${key}': expected a number of seconds above 0, got ${value}`,
      );
    }
    return value;
  };
  const clusterLabel =
    prometheus.getOptionalString('clusterLabel') ?? 'cluster';
  if (!LABEL.test(clusterLabel)) {
    throw new InputError(
      `Invalid config at '${at}.clusterLabel': '${clusterLabel}' is not a Prometheus label name`,
    );
  }
  const clusters = Object.fromEntries(
    ENVIRONMENTS.map(env => [
      env,
      prometheus.getOptionalString(`clusters.${env}`) ?? clusterName(env),
    ]),
  ) as Record<EnvironmentName, string>;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    externalUrl: (
      prometheus.getOptionalString('externalUrl') ?? baseUrl
    ).replace(/\/+$/, ''),
    window: duration('window', '7d'),
    step: duration('step', '5m'),
    rateInterval: duration('rateInterval', '5m'),
    clusterLabel,
    clusters,
    cacheTtlSeconds: seconds('cacheTtlSeconds', 600),
    timeoutSeconds: seconds('timeoutSeconds', 15),
  };
}

type Statistic = keyof ContainerUsage;

const quote = (value: string) =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The queries behind each statistic, grouped by the cluster label so that
 * one query answers for every environment. CPU statistics are taken over
 * the per-pod rate sampled every `step`; "p90"/"p95" are the highest per-pod
 * percentile over the window, "average" the average over pods and time.
 */
export function usageQueries(
  settings: PrometheusSettings,
  selector: string,
): Record<Statistic, string> {
  const { clusterLabel: by, window, step, rateInterval } = settings;
  const cpu = `rate(container_cpu_usage_seconds_total{${selector}}[${rateInterval}])[${window}:${step}]`;
  const memory = `container_memory_working_set_bytes{${selector}}[${window}]`;
  return {
    cpuAverage: `avg by (${by}) (avg_over_time(${cpu}))`,
    cpuP90: `max by (${by}) (quantile_over_time(0.9, ${cpu}))`,
    cpuP95: `max by (${by}) (quantile_over_time(0.95, ${cpu}))`,
    memoryAverage: `avg by (${by}) (avg_over_time(${memory}))`,
    memoryP90: `max by (${by}) (quantile_over_time(0.9, ${memory}))`,
    memoryMax: `max by (${by}) (max_over_time(${memory}))`,
  };
}

/** Why Prometheus could not answer: a reason to show, not a failure. */
class PrometheusError extends Error {}

/**
 * Reads container usage from Prometheus's HTTP API (cAdvisor metrics,
 * labelled namespace/pod/container plus a cluster label per environment; a
 * service runs in the namespace and container named after it). Answers are
 * kept in the cache service, so every replica and viewer shares them.
 */
export function createPrometheusUsageService(options: {
  settings: PrometheusSettings;
  cache: CacheService;
  logger: LoggerService;
}): UsageService {
  const { settings, cache, logger } = options;

  async function query(expression: string): Promise<PrometheusQueryData> {
    try {
      return await queryPrometheus(settings.baseUrl, expression, {
        timeoutMs: settings.timeoutSeconds * 1000,
      });
    } catch (error) {
      throw new PrometheusError((error as Error).message);
    }
  }

  function graphUrl(expression: string) {
    return prometheusGraphUrl(settings.externalUrl, expression, {
      tab: 'graph',
      range: settings.window,
    });
  }

  async function read(
    service: string,
    container: string,
    environments: EnvironmentName[],
  ): Promise<Record<string, EnvironmentUsage>> {
    const clusters = environments.map(env => settings.clusters[env]);
    const selector = [
      `${settings.clusterLabel}=~${quote(
        clusters.map(c => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      )}`,
      `namespace=${quote(service)}`,
      `container=${quote(container)}`,
    ].join(',');
    const queries = usageQueries(settings, selector);
    const statistics = Object.keys(queries) as Statistic[];
    const answers = await Promise.all(statistics.map(s => query(queries[s])));

    const result: Record<string, EnvironmentUsage> = {};
    for (const env of environments) {
      const cluster = settings.clusters[env];
      const usage: ContainerUsage = {};
      statistics.forEach((statistic, index) => {
        const answer = answers[index];
        const sample =
          answer.resultType === 'vector'
            ? answer.result.find(
                r => r.metric[settings.clusterLabel] === cluster,
              )
            : undefined;
        const value = sample ? Number(sample.value[1]) : NaN;
        if (Number.isFinite(value)) usage[statistic] = value;
      });
      const envSelector = `${settings.clusterLabel}=${quote(
        cluster,
      )},namespace=${quote(service)},container=${quote(container)}`;
      if (Object.keys(usage).length === 0) {
        result[env] = {
          reason: `no samples of container_cpu_usage_seconds_total or container_memory_working_set_bytes{${envSelector}} in Prometheus over the last ${settings.window}`,
        };
        continue;
      }
      result[env] = {
        usage,
        sources: [
          {
            label: `CPU usage of ${container} in ${env} (Prometheus)`,
            url: graphUrl(
              `sum by (pod) (rate(container_cpu_usage_seconds_total{${envSelector}}[${settings.rateInterval}]))`,
            ),
          },
          {
            label: `memory working set of ${container} in ${env} (Prometheus)`,
            url: graphUrl(
              `sum by (pod) (container_memory_working_set_bytes{${envSelector}})`,
            ),
          },
        ],
      };
    }
    return result;
  }

  /**
   * Reads and stores an answer. Why Prometheus could not answer is stored
   * too, for a minute, so that page views while it is down do not each send
   * the queries again and wait for them to fail.
   */
  async function readAndStore(
    key: string,
    service: string,
    container: string,
    environments: EnvironmentName[],
  ): Promise<Record<string, EnvironmentUsage>> {
    let answer: Record<string, EnvironmentUsage>;
    let seconds = settings.cacheTtlSeconds;
    try {
      answer = await read(service, container, environments);
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      logger.warn(error.message);
      answer = Object.fromEntries(
        environments.map(env => [env, { reason: error.message }]),
      );
      seconds = Math.min(seconds, FAILURE_TTL_SECONDS);
    }
    await cache.set(key, answer as any, { ttl: { seconds } });
    return answer;
  }

  /** Answers being read: views of the same service at once share them. */
  const reading = new Map<string, Promise<Record<string, EnvironmentUsage>>>();

  return {
    async containerUsage({ service, container, environments }) {
      const key = `usage:v1:${service}:${container}:${
        settings.window
      }:${environments.join(',')}`;
      let stored = (await cache.get(key)) as
        | Record<string, EnvironmentUsage>
        | undefined;
      if (!stored) {
        let pending = reading.get(key);
        if (!pending) {
          pending = readAndStore(key, service, container, environments);
          reading.set(key, pending);
          pending.finally(() => reading.delete(key)).catch(() => undefined);
        }
        stored = await pending;
      }
      return new Map(
        environments.flatMap(env =>
          stored![env] ? [[env, stored![env]] as const] : [],
        ),
      );
    },
  };
}
