// What the cost model reads besides deployments and module instances: the
// node groups that set compute prices, the lines behind each figure, and
// Kubernetes quantities as numbers.
export { readNodeGroups } from './terraform/nodeGroups';
export type { NodeGroup, NodeGroupTaint } from './terraform/nodeGroups';
export {
  DeploymentFiguresReader,
  readDeploymentSources,
} from './gitops/deploymentSources';
export type {
  DeploymentFigures,
  DeploymentSources,
  SourceLocation,
} from './gitops/deploymentSources';
export { parseQuantity } from './validation/kyverno/quantity';
