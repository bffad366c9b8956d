export { default } from './plugin';
export {
  deploymentChecklistApi,
  entityDeploymentChecklistContent,
} from './extensions';
