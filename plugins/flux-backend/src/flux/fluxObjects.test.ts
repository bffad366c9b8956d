import { fluxHelmRelease, fluxKustomization } from '@goldenpath/test-harness';
import {
  imageRefOf,
  parseInventory,
  readinessOf,
  toCachedEvent,
  toCachedFluxObject,
  worstReadiness,
} from './fluxObjects';

const condition = (
  type: string,
  status: string,
  reason = 'R',
  message = `${type} ${status}`,
) => ({
  type,
  status,
  reason,
  message,
});

describe('readinessOf', () => {
  it.each([
    [[condition('Ready', 'True')], 'ready'],
    [
      [condition('Ready', 'Unknown'), condition('Reconciling', 'True')],
      'reconciling',
    ],
    [[condition('Ready', 'False'), condition('Stalled', 'True')], 'stalled'],
    [
      [condition('Ready', 'False', 'BuildFailed', 'kustomize build failed')],
      'failed',
    ],
    [[condition('Ready', 'Unknown')], 'unknown'],
    [[condition('Healthy', 'True')], 'unknown'],
    [[], 'unknown'],
  ])('%j → %s', (conditions, readiness) => {
    expect(readinessOf(conditions).readiness).toBe(readiness);
  });

  it('takes reason and message from the deciding condition', () => {
    expect(
      readinessOf([
        condition('Ready', 'False', 'HealthCheckFailed', 'Ready false'),
        condition('Stalled', 'True', 'InvalidPath', 'path ./nope not found'),
      ]),
    ).toEqual({
      readiness: 'stalled',
      reason: 'InvalidPath',
      message: 'path ./nope not found',
    });
  });
});

describe('worstReadiness', () => {
  it('ranks stalled over failed over unknown over reconciling over ready', () => {
    expect(worstReadiness(['ready', 'reconciling'])).toBe('reconciling');
    expect(worstReadiness(['reconciling', 'unknown'])).toBe('unknown');
    expect(worstReadiness(['unknown', 'failed', 'ready'])).toBe('failed');
    expect(worstReadiness(['failed', 'stalled'])).toBe('stalled');
    expect(worstReadiness([])).toBe('unknown');
  });
});

describe('parseInventory', () => {
  it('splits <namespace>_<name>_<group>_<kind>', () => {
    expect(
      parseInventory({
        entries: [
          { id: '_user-service__Namespace', v: 'v1' },
          { id: 'user-service_user-service_apps_Deployment', v: 'v1' },
          { id: 'odd', v: 'v1' },
        ],
      }),
    ).toEqual([
      {
        id: '_user-service__Namespace',
        version: 'v1',
        name: 'user-service',
        group: '',
        kind: 'Namespace',
        namespace: undefined,
      },
      {
        id: 'user-service_user-service_apps_Deployment',
        version: 'v1',
        namespace: 'user-service',
        name: 'user-service',
        group: 'apps',
        kind: 'Deployment',
      },
      { id: 'odd', version: 'v1', name: 'odd', group: '', kind: '' },
    ]);
    expect(parseInventory(undefined)).toEqual([]);
  });
});

describe('toCachedFluxObject', () => {
  const context = {
    cluster: 'ecommerce-prod-cluster',
    environment: 'prod' as const,
  };

  it('reads a HelmRelease v2: chart source, history and applied chart version', () => {
    const object = toCachedFluxObject(
      fluxHelmRelease({
        name: 'redis',
        namespace: 'cart-service',
        labels: { 'backstage.io/kubernetes-id': 'cart-service' },
        chart: 'redis',
        chartVersion: '20.1.0',
        appVersion: '7.4.1',
        repository: 'bitnami',
      }),
      context,
    );
    expect(object.helmChart).toBe('cart-service/cart-service-redis');
    expect(object.status).toMatchObject({
      kind: 'HelmRelease',
      readiness: 'ready',
      reason: 'UpgradeSucceeded',
      lastAppliedRevision: '20.1.0',
      lastAttemptedRevision: '20.1.0',
      sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
    });
    expect(object.status.history[0]).toMatchObject({
      revision: '20.1.0',
      chartName: 'redis',
      chartVersion: '20.1.0',
      appVersion: '7.4.1',
      version: 2,
      status: 'deployed',
    });
    expect(object.status.history[1].status).toBe('superseded');
  });

  it('keeps the raw conditions of an unknown version but shows it as unknown', () => {
    const raw = fluxKustomization({
      name: 'user-service',
      path: './apps/user-service/overlays/prod',
      revision: 'main@sha1:0123456789012345678901234567890123456789',
      apiVersion: 'kustomize.toolkit.fluxcd.io/v2alpha1',
    });
    const object = toCachedFluxObject(raw, context);
    expect(object.status).toMatchObject({
      knownApiVersion: false,
      readiness: 'unknown',
      reason: 'UnknownApiVersion',
      lastAppliedRevision: undefined,
      history: [],
      inventory: [],
    });
    expect(object.status.conditions.map(c => [c.type, c.status])).toEqual([
      ['Ready', 'True'],
      ['Healthy', 'True'],
    ]);
  });

  it('reads a suspended ImagePolicy with its latest image', () => {
    const object = toCachedFluxObject(
      {
        apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
        kind: 'ImagePolicy',
        metadata: { name: 'user-service', namespace: 'flux-system' },
        spec: { suspend: true, imageRepositoryRef: { name: 'user-service' } },
        status: {
          latestImage: 'ghcr.io/ecommerce-platform/user-service:v1.2.3',
        },
      },
      context,
    );
    expect(object.status).toMatchObject({
      suspended: true,
      lastAppliedRevision: 'ghcr.io/ecommerce-platform/user-service:v1.2.3',
      sourceRef: { kind: 'ImageRepository', name: 'user-service' },
      readiness: 'unknown',
    });
  });
});

describe('toCachedEvent', () => {
  it('keeps Events about Flux objects only', () => {
    const event = (apiVersion: string, kind: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e', namespace: 'flux-system' },
      involvedObject: {
        apiVersion,
        kind,
        name: 'user-service',
        namespace: 'flux-system',
      },
      type: 'Warning',
      reason: 'ReconciliationFailed',
      message: 'kustomize build failed',
      count: 3,
      lastTimestamp: '2026-11-26T10:00:00Z',
    });
    expect(
      toCachedEvent(event('kustomize.toolkit.fluxcd.io/v1', 'Kustomization')),
    ).toEqual({
      involved: 'Kustomization/flux-system/user-service',
      group: 'kustomize.toolkit.fluxcd.io',
      event: {
        type: 'Warning',
        reason: 'ReconciliationFailed',
        message: 'kustomize build failed',
        count: 3,
        lastSeen: '2026-11-26T10:00:00Z',
      },
    });
    expect(
      toCachedEvent(event('kustomize.config.k8s.io/v1beta1', 'Kustomization')),
    ).toBeUndefined();
    expect(toCachedEvent(event('v1', 'Pod'))).toBeUndefined();
  });
});

describe('imageRefOf', () => {
  it.each([
    [
      'ghcr.io/ecommerce-platform/user-service:v1.2.3',
      'ghcr.io/ecommerce-platform/user-service',
      'v1.2.3',
    ],
    ['localhost:5000/app:sha-1234567', 'localhost:5000/app', 'sha-1234567'],
    ['nginx', 'nginx', 'latest'],
    ['ghcr.io/app@sha256:abc', 'ghcr.io/app', 'sha256:abc'],
    [
      'ghcr.io/ecommerce-platform/user-service:v1.2.3@sha256:abc',
      'ghcr.io/ecommerce-platform/user-service',
      'v1.2.3',
    ],
    ['user-service:v1.2.3@sha256:abc', 'user-service', 'v1.2.3'],
    ['localhost:5000/app@sha256:abc', 'localhost:5000/app', 'sha256:abc'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
  ])('%s', (image, name, tag) => {
    expect(imageRefOf(image)).toEqual({ image: name, tag });
  });
});
