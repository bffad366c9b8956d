import type {
  FluxEntityStatus,
  FluxEnvironmentStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import {
  ENVIRONMENTS,
  type EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';

/**
 * Every environment in promotion order (dev, staging, prod), with its status
 * when the backend sent one (an environment it left out has no cluster).
 */
export function inPromotionOrder(status: FluxEntityStatus): Array<{
  name: EnvironmentName;
  environment?: FluxEnvironmentStatus;
}> {
  const environments = status.environments ?? [];
  return ENVIRONMENTS.map(name => ({
    name,
    environment: environments.find(item => item.environment === name),
  }));
}
