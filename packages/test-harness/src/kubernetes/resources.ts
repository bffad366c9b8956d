/**
 * The resource types the Kubernetes double serves: the Flux kinds the portal
 * reads, apps/v1 Deployments and core/v1 Events.
 */
export interface ResourceType {
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  /** The URL segment, e.g. `kustomizations`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  /** The versions a current installation serves, preferred first. */
  defaultVersions: string[];
}

export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    plural: 'kustomizations',
    singular: 'kustomization',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'GitRepository',
    plural: 'gitrepositories',
    singular: 'gitrepository',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'OCIRepository',
    plural: 'ocirepositories',
    singular: 'ocirepository',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'HelmRepository',
    plural: 'helmrepositories',
    singular: 'helmrepository',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'HelmChart',
    plural: 'helmcharts',
    singular: 'helmchart',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    plural: 'helmreleases',
    singular: 'helmrelease',
    namespaced: true,
    defaultVersions: ['v2'],
  },
  {
    group: 'image.toolkit.fluxcd.io',
    kind: 'ImageRepository',
    plural: 'imagerepositories',
    singular: 'imagerepository',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'image.toolkit.fluxcd.io',
    kind: 'ImagePolicy',
    plural: 'imagepolicies',
    singular: 'imagepolicy',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: 'apps',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    defaultVersions: ['v1'],
  },
  {
    group: '',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    defaultVersions: ['v1'],
  },
];

/**
 * The versions an older Flux (2.0/2.1: kustomize v1beta2, helm v2beta1,
 * image v1beta2, only GitRepository at source v1) serves, for
 * `servedVersions`.
 */
export const FLUX_2_0_SERVED_VERSIONS: Record<string, string[]> = {
  Kustomization: ['v1', 'v1beta2'],
  GitRepository: ['v1', 'v1beta2'],
  OCIRepository: ['v1beta2'],
  HelmRepository: ['v1beta2'],
  HelmChart: ['v1beta2'],
  HelmRelease: ['v2beta1'],
  ImageRepository: ['v1beta2'],
  ImagePolicy: ['v1beta2'],
};

export function resourceTypeOfKind(kind: string): ResourceType {
  const type = RESOURCE_TYPES.find(t => t.kind === kind);
  if (!type) {
    throw new Error(
      `The Kubernetes double does not serve kind ${kind}; it serves ${RESOURCE_TYPES.map(
        t => t.kind,
      ).join(', ')}`,
    );
  }
  return type;
}

export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
