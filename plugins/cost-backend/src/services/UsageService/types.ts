import { CostSource } from '@goldenpath/backstage-plugin-cost-common';
import { ContainerUsage } from '@goldenpath/backstage-plugin-cost-node';
import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/** Observed usage of a container in one environment, or why there is none. */
export type EnvironmentUsage =
  | { usage: ContainerUsage; sources: CostSource[] }
  | { reason: string };

/** Where actual CPU and memory usage comes from. */
export interface UsageService {
  /** A container's usage over the configured window, per environment. */
  containerUsage(request: {
    service: string;
    container: string;
    environments: EnvironmentName[];
  }): Promise<Map<EnvironmentName, EnvironmentUsage>>;
}
