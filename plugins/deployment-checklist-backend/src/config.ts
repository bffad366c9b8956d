import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ENVIRONMENTS } from '@goldenpath/backstage-plugin-gitops-common';
import { PrometheusTarget } from './services/ChecklistProviders';

/** The plugin's configuration, read once at start-up. */
export interface ChecklistConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  evaluateReleasesNewerThanDays: number;
  providerTimeoutMs: number;
  discovery: {
    enabled: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  prometheus: PrometheusTarget;
}

const KEY = 'deploymentChecklist';

function readSchedule(
  config: RootConfigService,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  if (!config.has(key)) return fallback;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig(key),
    );
  } catch (error) {
    throw new InputError(
      `Invalid config at '${key}': ${(error as Error).message}`,
    );
  }
}

function readUrl(config: RootConfigService, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(value)) {
    throw new InputError(
      `Invalid config at '${key}': '${value}' is not an http(s) URL, e.g. http://prometheus.monitoring:9090`,
    );
  }
  return value.replace(/\/$/, '');
}

function readPositive(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new InputError(
      `Invalid config at '${key}': expected a positive number, got ${value}`,
    );
  }
  return value;
}

/** Reads `deploymentChecklist`; errors name the key. */
export function readChecklistConfig(
  config: RootConfigService,
): ChecklistConfig {
  const environments: PrometheusTarget['environments'] = {};
  for (const env of ENVIRONMENTS) {
    const url = readUrl(config, `${KEY}.prometheus.environments.${env}`);
    if (url) environments[env] = url;
  }
  return {
    schedule: readSchedule(config, `${KEY}.schedule`, {
      frequency: { minutes: 5 },
      timeout: { minutes: 4 },
      initialDelay: { seconds: 30 },
    }),
    evaluateReleasesNewerThanDays: readPositive(
      config,
      `${KEY}.evaluateReleasesNewerThanDays`,
      30,
    ),
    providerTimeoutMs:
      readPositive(config, `${KEY}.providerTimeoutSeconds`, 10) * 1000,
    discovery: {
      enabled:
        config.getOptionalBoolean(`${KEY}.discovery.enabled`) ??
        config.has('goldenpath.repositories.gitopsConfig'),
      schedule: readSchedule(config, `${KEY}.discovery.schedule`, {
        frequency: { minutes: 2 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 15 },
      }),
    },
    prometheus: {
      baseUrl: readUrl(config, `${KEY}.prometheus.baseUrl`),
      environments,
      externalUrl: readUrl(config, `${KEY}.prometheus.externalUrl`),
    },
  };
}
