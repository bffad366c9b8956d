import { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/**
 * Where things live in the GitOps repository (gitops-config), relative to its
 * root: the one description of its layout, for reading and for writing.
 */
export const appPaths = {
  folder: (name: string) => `apps/${name}`,
  base: (name: string) => `apps/${name}/base`,
  overlay: (name: string, env: EnvironmentName) =>
    `apps/${name}/overlays/${env}`,
  networkPolicy: (name: string) =>
    `apps/${name}/overlays/prod/networkpolicy.yaml`,
  /** The folder Flux bootstraps a cluster from. */
  cluster: (env: EnvironmentName) => `clusters/${env}-cluster`,
  clusterApps: (env: EnvironmentName) => `clusters/${env}-cluster/apps`,
  fluxKustomization: (name: string, env: EnvironmentName) =>
    `clusters/${env}-cluster/apps/${name}.yaml`,
  rules: 'infrastructure/base/prometheus/rules',
  rule: (name: string) =>
    `infrastructure/base/prometheus/rules/${name}-alerts.yaml`,
  dashboards: 'infrastructure/base/grafana/dashboards',
  dashboard: (name: string) =>
    `infrastructure/base/grafana/dashboards/${name}.yaml`,
};
