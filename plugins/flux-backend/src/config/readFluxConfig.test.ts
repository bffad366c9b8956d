import { ConfigReader } from '@backstage/config';
import { readFluxConfig } from './readFluxConfig';

function config(clusters: object[], flux?: object) {
  return new ConfigReader({
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
    flux,
  });
}

const cluster = (name: string, extra: object = {}) => ({
  name,
  url: `https://${name}.example:6443/`,
  authProvider: 'serviceAccount',
  serviceAccountToken: 'token',
  ...extra,
});

describe('readFluxConfig', () => {
  it('maps the platform clusters to their environments and applies the defaults', () => {
    const settings = readFluxConfig(
      config([
        cluster('ecommerce-dev-cluster', { caData: 'Y2E=' }),
        cluster('ecommerce-prod-cluster', { skipTLSVerify: true }),
        cluster('tools'),
      ]),
    );
    expect(settings.clusters.map(c => [c.name, c.environment, c.url])).toEqual([
      [
        'ecommerce-dev-cluster',
        'dev',
        'https://ecommerce-dev-cluster.example:6443',
      ],
      [
        'ecommerce-prod-cluster',
        'prod',
        'https://ecommerce-prod-cluster.example:6443',
      ],
      ['tools', undefined, 'https://tools.example:6443'],
    ]);
    expect(settings.clusters[0].details).toMatchObject({
      caData: 'Y2E=',
      skipTLSVerify: false,
      authMetadata: {
        'kubernetes.io/auth-provider': 'serviceAccount',
        serviceAccountToken: 'token',
      },
    });
    expect(settings.clusters[1].details.skipTLSVerify).toBe(true);
    expect(settings).toMatchObject({
      refreshIntervalMs: 10_000,
      requestTimeoutMs: 10_000,
      reconcileTimeoutMs: 60_000,
      watchMs: 300_000,
    });
  });

  it('reads flux.clusters.<name>.environment and the intervals', () => {
    const settings = readFluxConfig(
      config(
        [
          cluster('eks-blue', {
            authProvider: 'aws',
            serviceAccountToken: undefined,
            assumeRole: 'arn:aws:iam::1:role/r',
          }),
        ],
        {
          clusters: { 'eks-blue': { environment: 'staging' } },
          refreshIntervalSeconds: 30,
          watchSeconds: 0,
        },
      ),
    );
    expect(settings.clusters[0].environment).toBe('staging');
    expect(settings.clusters[0].details.authMetadata).toEqual({
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
    });
    expect(settings.refreshIntervalMs).toBe(30_000);
    expect(settings.watchMs).toBe(0);
  });

  it('names the key of what is wrong', () => {
    expect(() =>
      readFluxConfig(
        config([cluster('a')], { clusters: { a: { environment: 'qa' } } }),
      ),
    ).toThrow(
      "Invalid config value at 'flux.clusters.a.environment': 'qa'; expected one of dev, staging, prod",
    );
    expect(() =>
      readFluxConfig(config([cluster('a')], { clusters: { b: {} } })),
    ).toThrow(
      "Invalid config at 'flux.clusters.b': no cluster named 'b' in kubernetes.clusterLocatorMethods (clusters: a)",
    );
    expect(() =>
      readFluxConfig(config([cluster('a')], { refreshIntervalSeconds: 0 })),
    ).toThrow("Invalid config value at 'flux.refreshIntervalSeconds': 0");
    expect(() =>
      readFluxConfig(
        config([cluster('ecommerce-dev-cluster'), cluster('b')], {
          clusters: { b: { environment: 'dev' } },
        }),
      ),
    ).toThrow(
      'Environment dev is run by several clusters (ecommerce-dev-cluster, b)',
    );
    expect(() =>
      readFluxConfig(config([{ name: 'x', url: 'https://x' }])),
    ).toThrow("Missing config value 'authProvider' of cluster 'x'");
  });

  it('warns about cluster locators it does not read', () => {
    const settings = readFluxConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            { type: 'localKubectlProxy' },
          ],
        },
      }),
    );
    expect(settings.clusters.map(c => [c.name, c.url])).toEqual([
      ['local', 'http://localhost:8001'],
    ]);
    expect(settings.warnings).toEqual([
      "kubernetes.clusterLocatorMethods of type 'catalog' are not read by the Flux backend; list the clusters under a 'config' method",
    ]);
  });
});
