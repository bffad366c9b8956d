export { default } from './plugin';
export {
  deploymentChecklistApi,
  entityDeploymentChecklistCard,
  entityDeploymentChecklistContent,
} from './extensions';
