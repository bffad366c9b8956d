import { knownKinds, schemaProblems } from './schemas';

describe('schemaProblems', () => {
  it('knows the current APIs of every controller the platform runs', () => {
    expect(knownKinds()).toEqual(
      expect.arrayContaining([
        'apps/v1/Deployment',
        'v1/ConfigMap',
        'autoscaling/v2/HorizontalPodAutoscaler',
        'policy/v1/PodDisruptionBudget',
        'networking.k8s.io/v1/NetworkPolicy',
        'kustomize.toolkit.fluxcd.io/v1/Kustomization',
        'source.toolkit.fluxcd.io/v1/GitRepository',
        'source.toolkit.fluxcd.io/v1/HelmRepository',
        'helm.toolkit.fluxcd.io/v2/HelmRelease',
        'external-secrets.io/v1/ExternalSecret',
        'external-secrets.io/v1/ClusterSecretStore',
        'monitoring.coreos.com/v1/ServiceMonitor',
        'monitoring.coreos.com/v1/PrometheusRule',
        'kyverno.io/v1/ClusterPolicy',
        'cert-manager.io/v1/ClusterIssuer',
      ]),
    );
  });

  it('accepts a valid object and names the path and the rule of an invalid one', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
      },
    };
    expect(schemaProblems(deployment)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(deployment));
    broken.spec.replicas = 'three';
    broken.spec.template.spec.containers[0].ports = [{ containerPort: '80' }];
    expect(schemaProblems(broken)).toEqual([
      'spec.replicas must be integer',
      'spec.template.spec.containers[0].ports[0].containerPort must be integer',
    ]);
  });

  it('checks Flux objects against their CRD schema', () => {
    expect(
      schemaProblems({
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'ingress-nginx' },
        spec: {
          interval: 60,
          chart: {
            spec: {
              sourceRef: { kind: 'HelmRepository', name: 'ingress-nginx' },
            },
          },
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        'spec.interval must be string',
        'spec.chart.spec must have required property chart',
      ]),
    );
  });

  it('says when it has no schema for a kind', () => {
    expect(
      schemaProblems({ apiVersion: 'example.com/v1', kind: 'Widget' }),
    ).toBe(undefined);
    expect(
      schemaProblems({
        apiVersion: 'helm.toolkit.fluxcd.io/v2beta3',
        kind: 'HelmRelease',
      }),
    ).toBe(undefined);
  });
});
