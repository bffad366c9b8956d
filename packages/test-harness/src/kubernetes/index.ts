export { startKubernetesDouble } from './KubernetesDouble';
export { declaredTags } from './declaredTags';
export type {
  KubernetesClusterDouble,
  KubernetesDouble,
  KubernetesDoubleOptions,
} from './KubernetesDouble';
export {
  deployment,
  fluxCondition,
  fluxControllers,
  fluxEvent,
  fluxHelmChart,
  fluxHelmRelease,
  fluxHelmRepository,
  fluxKustomization,
  gitRevision,
  platformFluxFixtures,
} from './fixtures';
export type {
  FluxHelmReleaseOptions,
  FluxKustomizationOptions,
  PlatformFluxFixtureOptions,
} from './fixtures';
export { FLUX_2_0_SERVED_VERSIONS, RESOURCE_TYPES } from './resources';
export type {
  ClusterOptions,
  ControllerOptions,
  FaultRule,
  KubeObject,
  KubernetesFault,
  RecordedRequest,
  RequestFilter,
} from './types';
