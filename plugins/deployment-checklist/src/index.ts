/**
 * Release checklists with automatic evidence and a promotion gate: the
 * catalog entity tab.
 *
 * @packageDocumentation
 */

export {
  deploymentChecklistPlugin,
  EntityDeploymentChecklistCard,
  EntityDeploymentChecklistContent,
} from './plugin';
export { isDeploymentChecklistAvailable } from './conditions';
export { DeploymentChecklistClient, deploymentChecklistApiRef } from './api';
export type { DeploymentChecklistApi } from './api';
