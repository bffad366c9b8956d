export { DeploymentChecklistContent } from './DeploymentChecklistContent';
