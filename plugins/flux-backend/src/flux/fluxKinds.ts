import type { FluxKind } from '@goldenpath/backstage-plugin-flux-common';

/** What the backend knows about one Flux kind. */
export interface FluxKindInfo {
  kind: FluxKind;
  group: string;
  plural: string;
  /** Versions whose shape this plugin reads, newest first. */
  knownVersions: string[];
  /** The controller that reconciles it (named in timeouts). */
  controller: string;
  /** Source kinds serve an artifact other objects reconcile from. */
  isSource: boolean;
  /**
   * Versions without `spec.suspend` and `status.lastHandledReconcileAt`: the
   * API server drops a suspend and nothing reports a reconcile, so the
   * portal does not act on them.
   */
  versionsWithoutActions?: string[];
}

export const FLUX_KINDS: FluxKindInfo[] = [
  {
    kind: 'Kustomization',
    group: 'kustomize.toolkit.fluxcd.io',
    plural: 'kustomizations',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'kustomize-controller',
    isSource: false,
  },
  {
    kind: 'HelmRelease',
    group: 'helm.toolkit.fluxcd.io',
    plural: 'helmreleases',
    knownVersions: ['v2', 'v2beta2', 'v2beta1'],
    controller: 'helm-controller',
    isSource: false,
  },
  {
    kind: 'GitRepository',
    group: 'source.toolkit.fluxcd.io',
    plural: 'gitrepositories',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'source-controller',
    isSource: true,
  },
  {
    kind: 'OCIRepository',
    group: 'source.toolkit.fluxcd.io',
    plural: 'ocirepositories',
    knownVersions: ['v1', 'v1beta2'],
    controller: 'source-controller',
    isSource: true,
  },
  {
    kind: 'HelmRepository',
    group: 'source.toolkit.fluxcd.io',
    plural: 'helmrepositories',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'source-controller',
    isSource: true,
  },
  {
    kind: 'HelmChart',
    group: 'source.toolkit.fluxcd.io',
    plural: 'helmcharts',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'source-controller',
    isSource: true,
  },
  {
    kind: 'ImageRepository',
    group: 'image.toolkit.fluxcd.io',
    plural: 'imagerepositories',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'image-reflector-controller',
    isSource: false,
  },
  {
    kind: 'ImagePolicy',
    group: 'image.toolkit.fluxcd.io',
    plural: 'imagepolicies',
    knownVersions: ['v1', 'v1beta2', 'v1beta1'],
    controller: 'image-reflector-controller',
    isSource: false,
    // Flux before 2.7: ImagePolicy is evaluated on each ImageRepository scan.
    versionsWithoutActions: ['v1beta2', 'v1beta1'],
  },
];

/**
 * Why the portal cannot reconcile or suspend objects of a kind at an API
 * version (`group/version`), or undefined when it can.
 */
export function actionsUnsupported(
  kind: FluxKindInfo,
  apiVersion: string,
): string | undefined {
  const version = apiVersion.split('/').pop()!;
  if (!kind.versionsWithoutActions?.includes(version)) return undefined;
  return `${kind.kind} ${apiVersion} has no spec.suspend and does not report reconcile requests (Flux before 2.7); reconcile its ImageRepository instead, or upgrade Flux`;
}

export const FLUX_GROUPS = [...new Set(FLUX_KINDS.map(k => k.group))];

export function fluxKind(kind: string): FluxKindInfo | undefined {
  return FLUX_KINDS.find(k => k.kind === kind);
}

/** The label every workload of a component carries (and the Flux objects in gitops-config). */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** The annotation `flux reconcile` sets to ask for a reconcile now. */
export const RECONCILE_REQUEST_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';

/** The namespace of the Flux controllers. */
export const FLUX_SYSTEM_NAMESPACE = 'flux-system';
