export { DeploymentChecklistCard } from './DeploymentChecklistCard';
