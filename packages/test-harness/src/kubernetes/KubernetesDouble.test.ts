import { FLUX_2_0_SERVED_VERSIONS } from './resources';
import { fluxKustomization, platformFluxFixtures } from './fixtures';
import { KubernetesDouble, startKubernetesDouble } from './KubernetesDouble';

const KUSTOMIZATIONS =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';

function fixtures() {
  return platformFluxFixtures({
    services: ['user-service', 'cart-service'],
    environments: ['dev', 'prod'],
    tagFor: (service, env) => `${service}-${env}-1`,
  });
}

/** Reads a watch stream until `count` events arrived or it ended. */
async function readEvents(response: Response, count: number) {
  const events: Array<{ type: string; object: any }> = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (events.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  await reader.cancel().catch(() => {});
  return events;
}

describe('startKubernetesDouble', () => {
  let double: KubernetesDouble;
  let dev: string;

  beforeEach(async () => {
    const objects = fixtures();
    double = await startKubernetesDouble({
      clusters: {
        'ecommerce-dev-cluster': {
          objects: objects['ecommerce-dev-cluster'],
          token: 'dev-token',
          watchHistory: 20,
        },
        'ecommerce-prod-cluster': {
          objects: objects['ecommerce-prod-cluster'],
          servedVersions: {
            ...FLUX_2_0_SERVED_VERSIONS,
            Kustomization: ['v1beta2'],
          },
        },
      },
    });
    dev = double.cluster('ecommerce-dev-cluster').url;
  });

  afterEach(async () => {
    await double.close();
  });

  const get = (url: string, init: RequestInit = {}) =>
    fetch(url, {
      ...init,
      headers: { Authorization: 'Bearer dev-token', ...init.headers },
    });

  it('answers discovery with the versions each cluster serves', async () => {
    const current = await (
      await get(`${dev}/apis/helm.toolkit.fluxcd.io`)
    ).json();
    expect(current.versions.map((v: any) => v.version)).toEqual(['v2']);

    const prod = double.cluster('ecommerce-prod-cluster').url;
    const older = await (
      await fetch(`${prod}/apis/helm.toolkit.fluxcd.io`)
    ).json();
    expect(older.preferredVersion.groupVersion).toBe(
      'helm.toolkit.fluxcd.io/v2beta1',
    );
    const resources = await (
      await fetch(`${prod}/apis/source.toolkit.fluxcd.io/v1`)
    ).json();
    expect(resources.resources.map((r: any) => r.kind)).toContain(
      'GitRepository',
    );
    expect(resources.resources.map((r: any) => r.kind)).not.toContain(
      'HelmRepository',
    );
    expect((await fetch(`${prod}${KUSTOMIZATIONS}`)).status).toBe(404);
    const groups = await (await fetch(`${prod}/apis`)).json();
    expect(groups.groups.map((g: any) => g.name)).toContain(
      'image.toolkit.fluxcd.io',
    );
  });

  it('lists with label and field selectors, in one namespace or all', async () => {
    const select = async (path: string) =>
      (await (await get(`${dev}${path}`)).json()).items.map(
        (o: any) => `${o.metadata.namespace}/${o.metadata.name}`,
      );
    expect(
      await select(
        `${KUSTOMIZATIONS}?labelSelector=${encodeURIComponent(
          'backstage.io/kubernetes-id=user-service',
        )}`,
      ),
    ).toEqual(['flux-system/user-service']);
    expect(
      await select(
        `${KUSTOMIZATIONS}?labelSelector=${encodeURIComponent(
          'backstage.io/kubernetes-id in (user-service,cart-service)',
        )}`,
      ),
    ).toHaveLength(2);
    expect(
      await select(
        `${KUSTOMIZATIONS}?labelSelector=${encodeURIComponent(
          '!backstage.io/kubernetes-id',
        )}`,
      ),
    ).toEqual([
      'flux-system/flux-system',
      'flux-system/infrastructure',
      'flux-system/applications',
    ]);
    expect(
      await select(
        `/apis/apps/v1/deployments?labelSelector=backstage.io%2Fkubernetes-id`,
      ),
    ).toEqual(['user-service/user-service', 'cart-service/cart-service']);
    expect(
      await select('/apis/apps/v1/namespaces/flux-system/deployments'),
    ).toHaveLength(6);
    const events = await select(
      `/api/v1/events?fieldSelector=${encodeURIComponent(
        'involvedObject.kind=Kustomization,involvedObject.name=cart-service',
      )}`,
    );
    expect(events).toHaveLength(2);

    const list = await (await get(`${dev}${KUSTOMIZATIONS}`)).json();
    expect(list.kind).toBe('KustomizationList');
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(1);
    expect(
      (
        await get(
          `${dev}${KUSTOMIZATIONS}?labelSelector=${encodeURIComponent(
            'a in b',
          )}`,
        )
      ).status,
    ).toBe(400);
  });

  it('merge-patches, bumping resourceVersion and, for spec changes, generation', async () => {
    const before = await (
      await get(`${dev}${KUSTOMIZATIONS}/user-service`)
    ).json();
    const response = await get(`${dev}${KUSTOMIZATIONS}/user-service`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { suspend: true } }),
    });
    const after = await response.json();
    expect(after.spec.suspend).toBe(true);
    expect(after.spec.path).toBe(before.spec.path);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);

    const wrongType = await get(`${dev}${KUSTOMIZATIONS}/user-service`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: '[]',
    });
    expect(wrongType.status).toBe(415);
    expect((await get(`${dev}${KUSTOMIZATIONS}/nope`)).status).toBe(404);
  });

  it('streams watch events from a resourceVersion and ends at timeoutSeconds', async () => {
    const list = await (await get(`${dev}${KUSTOMIZATIONS}`)).json();
    const watch = await get(
      `${dev}${KUSTOMIZATIONS}?watch=true&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=2&labelSelector=app%3Duser-service`,
    );
    expect(watch.status).toBe(200);
    double
      .cluster('ecommerce-dev-cluster')
      .patch('Kustomization', 'flux-system', 'cart-service', {
        spec: { suspend: true },
      });
    double
      .cluster('ecommerce-dev-cluster')
      .patch('Kustomization', 'flux-system', 'user-service', {
        spec: { suspend: true },
      });
    const started = Date.now();
    const events = await readEvents(watch, 10);
    expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'MODIFIED user-service',
    ]);
    expect(Date.now() - started).toBeLessThan(4000);

    const replay = await get(
      `${dev}${KUSTOMIZATIONS}?watch=1&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=1`,
    );
    expect(
      (await readEvents(replay, 2)).map(e => e.object.metadata.name),
    ).toEqual(['cart-service', 'user-service']);

    const tooOld = await get(
      `${dev}${KUSTOMIZATIONS}?watch=1&resourceVersion=1`,
    );
    const [error] = await readEvents(tooOld, 1);
    expect(error.type).toBe('ERROR');
    expect(error.object.code).toBe(410);
  });

  it('checks the bearer token', async () => {
    expect((await fetch(`${dev}${KUSTOMIZATIONS}`)).status).toBe(401);
    expect(
      (
        await fetch(`${dev}${KUSTOMIZATIONS}`, {
          headers: { Authorization: 'Bearer wrong' },
        })
      ).status,
    ).toBe(401);
  });

  it('injects faults per path: status, delay, hang and reset', async () => {
    const cluster = double.cluster('ecommerce-dev-cluster');
    cluster.addFault({
      path: '/apis/helm.toolkit.fluxcd.io',
      fault: { type: 'status', status: 403 },
      times: 1,
    });
    expect((await get(`${dev}/apis/helm.toolkit.fluxcd.io`)).status).toBe(403);
    expect((await get(`${dev}/apis/helm.toolkit.fluxcd.io`)).status).toBe(200);

    cluster.addFault({ fault: { type: 'delay', ms: 300 } });
    let started = Date.now();
    expect((await get(`${dev}/api`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    cluster.clearFaults();

    cluster.addFault({ path: /kustomizations/, fault: { type: 'hang' } });
    started = Date.now();
    await expect(
      get(`${dev}${KUSTOMIZATIONS}`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    cluster.clearFaults();

    cluster.addFault({ fault: { type: 'reset' } });
    await expect(get(`${dev}/api`)).rejects.toThrow('fetch failed');
  });

  it('plays the Flux controller: handles a reconcile request after a delay, or never', async () => {
    const cluster = double.cluster('ecommerce-dev-cluster');
    cluster.setController({ reconcileDelayMs: 100 });
    cluster.patch('Kustomization', 'flux-system', 'user-service', {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'first' } },
    });
    expect(
      cluster.get('Kustomization', 'flux-system', 'user-service')?.status
        .lastHandledReconcileAt,
    ).not.toBe('first');
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(
      cluster.get('Kustomization', 'flux-system', 'user-service')?.status
        .lastHandledReconcileAt,
    ).toBe('first');

    cluster.setController({ reconcileDelayMs: 'never' });
    cluster.patch('Kustomization', 'flux-system', 'user-service', {
      metadata: {
        annotations: { 'reconcile.fluxcd.io/requestedAt': 'second' },
      },
    });
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(
      cluster.get('Kustomization', 'flux-system', 'user-service')?.status
        .lastHandledReconcileAt,
    ).toBe('first');
  });

  it('counts requests per cluster and path', async () => {
    double.resetRequests();
    await get(`${dev}${KUSTOMIZATIONS}`);
    await get(`${dev}${KUSTOMIZATIONS}`);
    await fetch(`${double.cluster('ecommerce-prod-cluster').url}/apis`);
    expect(
      double.countRequests({
        cluster: 'ecommerce-dev-cluster',
        path: KUSTOMIZATIONS,
      }),
    ).toBe(2);
    expect(double.countRequests({ cluster: 'ecommerce-prod-cluster' })).toBe(1);
    expect(double.countRequests()).toBe(3);
  });

  it('accepts objects added during a test', async () => {
    double.cluster('ecommerce-dev-cluster').put(
      fluxKustomization({
        name: 'extra',
        path: './extra',
        revision: 'main@sha1:abc',
      }),
    );
    const object = await (await get(`${dev}${KUSTOMIZATIONS}/extra`)).json();
    expect(object.status.lastAppliedRevision).toBe('main@sha1:abc');
  });
});

describe('platformFluxFixtures', () => {
  it('builds labelled Kustomizations and Deployments per service and cluster', () => {
    const objects = fixtures();
    expect(Object.keys(objects)).toEqual([
      'ecommerce-dev-cluster',
      'ecommerce-prod-cluster',
    ]);
    const dev = objects['ecommerce-dev-cluster'];
    const kustomization = dev.find(
      o => o.kind === 'Kustomization' && o.metadata.name === 'user-service',
    )!;
    expect(kustomization.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
      'user-service',
    );
    expect(kustomization.spec.path).toBe('./apps/user-service/overlays/dev');
    expect(kustomization.status.lastAppliedRevision).toMatch(
      /^main@sha1:[0-9a-f]{40}$/,
    );
    expect(kustomization.status.inventory.entries).toContainEqual({
      id: 'user-service_user-service_apps_Deployment',
      v: 'v1',
    });
    const workload = dev.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'user-service',
    )!;
    expect(workload.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/ecommerce-platform/user-service:user-service-dev-1',
    );
    const release = dev.find(o => o.kind === 'HelmRelease')!;
    expect(release.status.history[0]).toMatchObject({
      chartVersion: '4.11.3',
      appVersion: '1.11.3',
      version: 2,
    });
  });
});
