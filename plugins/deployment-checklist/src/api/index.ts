export { deploymentChecklistApiRef } from './DeploymentChecklistApi';
export type { DeploymentChecklistApi } from './DeploymentChecklistApi';
export { DeploymentChecklistClient } from './DeploymentChecklistClient';
