import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  ChecklistDefinition,
  ChecklistItemStatus,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import type { FluxEntityStatus } from '@goldenpath/backstage-plugin-flux-common';
import { createTestDatabases } from '@goldenpath/test-harness';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { serviceEntity } from '../../__testUtils__/entities';
import { githubCiHandlers } from '../../__testUtils__/github';
import { ChecklistStore } from '../../database/ChecklistStore';
import {
  createChecklistProviders,
  createCiProvider,
  createFluxProvider,
  createGitProvider,
  createHttpProvider,
  createPrometheusProvider,
} from '../ChecklistProviders';
import { DefinitionLoader } from '../DefinitionLoader/types';
import { createChecklistService } from './createChecklistService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const USER_SERVICE = 'component:default/user-service';
const CART_SERVICE = 'component:default/cart-service';
const VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0'];
const CHANGELOG = '# Changelog\n\n## [1.1.0] - 2026-11-20\n- Faster sign-in\n';

const DEFINITION: ChecklistDefinition = {
  name: 'Test',
  source: 'default',
  items: [
    { id: 'review', phase: 'pre-deployment', title: 'Code review' },
    {
      id: 'changelog',
      phase: 'pre-deployment',
      title: 'Changelog',
      provider: { type: 'git' },
    },
    {
      id: 'ci',
      phase: 'pre-deployment',
      title: 'CI',
      provider: { type: 'ci' },
    },
    {
      id: 'ci-build',
      phase: 'pre-deployment',
      title: 'Build',
      provider: { type: 'ci', workflow: 'CI' },
    },
    {
      id: 'deploy-dev',
      phase: 'deployment',
      title: 'Dev',
      provider: { type: 'flux', environment: 'dev' },
    },
    {
      id: 'deploy-staging',
      phase: 'deployment',
      title: 'Staging',
      provider: { type: 'flux', environment: 'staging' },
    },
    {
      id: 'error-rate',
      phase: 'post-deployment',
      title: 'Error rate',
      provider: {
        type: 'prometheus',
        query: 'errors{service="$service"}',
        operator: '<',
        threshold: 0.05,
      },
    },
    {
      id: 'version-up',
      phase: 'post-deployment',
      title: 'Version up',
      provider: {
        type: 'prometheus',
        query: 'up{service="$service",version="$version"}',
        operator: '>=',
        threshold: 0,
      },
    },
    {
      id: 'health',
      phase: 'post-deployment',
      title: 'Health',
      provider: { type: 'http', url: 'http://$service.test/health' },
    },
  ],
};

/**
 * Every request that left the plugin, as `host path?query` (a POSTed form,
 * as Prometheus queries are sent, counts as the query).
 */
const requests: string[] = [];
const mswServer = setupServer(
  http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    const form =
      request.method === 'POST' ? `?${await request.clone().text()}` : '';
    requests.push(
      `${url.host} ${decodeURIComponent(url.pathname + url.search + form)}`,
    );
  }),
  http.get('*/api/flux/entity/:namespace/:kind/:name/status', ({ params }) =>
    HttpResponse.json({
      entityRef: `${params.kind}:${params.namespace}/${params.name}`,
      selector: `backstage.io/kubernetes-id=${params.name}`,
      environments: (['dev', 'staging'] as const).map(environment => ({
        environment,
        cluster: `${environment}-cluster`,
        readiness: 'ready',
        suspended: false,
        drift: false,
        deployed: {
          image: `ghcr.io/ecommerce-platform/${params.name}`,
          tag: environment === 'dev' ? 'v1.1.0' : 'v1.0.0',
        },
        objects: [],
      })),
      actions: [],
      refreshedAt: {},
    } satisfies FluxEntityStatus),
  ),
  http.post('http://prometheus.test/api/v1/query', () =>
    HttpResponse.json({
      status: 'success',
      data: { resultType: 'vector', result: [{ value: [0, '0.01'] }] },
    }),
  ),
  ...githubCiHandlers({
    commitOf: ref => `commit-of-${ref}`,
    conclusion: () => 'success',
  }),
  http.get('*/health', () => new HttpResponse(null, { status: 200 })),
);

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mswServer.close());

/** How often each request was made. */
const tally = (lines: string[]) =>
  lines.reduce<Record<string, number>>(
    (counts, line) => ({ ...counts, [line]: (counts[line] ?? 0) + 1 }),
    {},
  );

describe('createChecklistService', () => {
  it('reads the catalog once per entity and asks each question once per scheduled run', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ChecklistStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = catalogServiceMock({
      entities: [serviceEntity('user-service'), serviceEntity('cart-service')],
    });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const reads: string[] = [];
    const reader = {
      async readUrl(url: string) {
        reads.push(url);
        return { buffer: async () => Buffer.from(CHANGELOG) };
      },
    } as unknown as UrlReaderService;
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
      }),
    );
    const auth = mockServices.auth();
    const definitions: DefinitionLoader = {
      defaultDefinition: () => DEFINITION,
      forEntity: async () => DEFINITION,
    };
    const service = createChecklistService({
      store,
      definitions,
      providers: createChecklistProviders({
        timeoutMs: 10_000,
        providers: {
          flux: createFluxProvider({
            discovery: {
              getBaseUrl: async id => `http://backstage.test/api/${id}`,
              getExternalBaseUrl: async id => `http://backstage.test/api/${id}`,
            },
            auth,
          }),
          ci: createCiProvider({
            integrations,
            credentials:
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
          }),
          prometheus: createPrometheusProvider({
            baseUrl: 'http://prometheus.test',
          }),
          git: createGitProvider({ reader, integrations }),
          http: createHttpProvider(),
        },
      }),
      catalog,
      auth,
      permissions: mockServices.permissions(),
      notifications: { send: jest.fn() },
      logger: mockServices.logger.mock(),
      evaluateReleasesNewerThanDays: 30,
    });
    const releases = [
      ...VERSIONS.map(version => ({ entityRef: USER_SERVICE, version })),
      { entityRef: CART_SERVICE, version: 'v1.0.0' },
    ];
    for (const { entityRef, version } of releases) {
      await store.createRelease({
        entityRef,
        version,
        actor: 'user:default/alice',
        definition: { name: DEFINITION.name, source: DEFINITION.source },
        items: DEFINITION.items.map(item => ({
          ...item,
          status: item.provider ? 'pending' : 'open',
        })),
      });
    }

    expect(await service.evaluateOpenReleases()).toBe(4);

    // One catalog read per entity, not per release.
    expect(getEntityByRef.mock.calls.map(([ref]) => ref).sort()).toEqual([
      CART_SERVICE,
      USER_SERVICE,
    ]);
    // One file read per repository.
    expect(tally(reads)).toEqual({
      'https://github.com/ecommerce-platform/app-cart-service/blob/HEAD/CHANGELOG.md': 1,
      'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md': 1,
    });
    // Per entity what does not depend on the version, per release what does.
    const perVersion = (repo: string, version: string) => ({
      [`api.github.com /repos/ecommerce-platform/app-${repo}/commits/${version}`]: 1,
      [`api.github.com /repos/ecommerce-platform/app-${repo}/actions/runs?head_sha=commit-of-${version}&per_page=100`]: 1,
      [`prometheus.test /api/v1/query?query=up{service="${repo}",version="${version}"}`]: 1,
    });
    expect(tally(requests)).toEqual({
      'backstage.test /api/flux/entity/default/component/user-service/status': 1,
      'backstage.test /api/flux/entity/default/component/cart-service/status': 1,
      'prometheus.test /api/v1/query?query=errors{service="user-service"}': 1,
      'prometheus.test /api/v1/query?query=errors{service="cart-service"}': 1,
      'user-service.test /health': 1,
      'cart-service.test /health': 1,
      ...perVersion('user-service', 'v1.0.0'),
      ...perVersion('user-service', 'v1.1.0'),
      ...perVersion('user-service', 'v1.2.0'),
      ...perVersion('cart-service', 'v1.0.0'),
    });

    // The shared answers were judged against each release's own version.
    const statuses: Record<string, Record<string, ChecklistItemStatus>> = {};
    for (const { entityRef, version } of releases) {
      const release = (await store.findRelease(entityRef, version))!;
      statuses[`${entityRef} ${version}`] = Object.fromEntries(
        (await store.listItems([release.id])).map(i => [i.id, i.status]),
      );
    }
    const expected = (version: string) => ({
      review: 'open',
      changelog: version === 'v1.1.0' ? 'passed' : 'failed',
      ci: 'passed',
      'ci-build': 'passed',
      'deploy-dev': version === 'v1.1.0' ? 'passed' : 'failed',
      'deploy-staging': version === 'v1.0.0' ? 'passed' : 'failed',
      'error-rate': 'passed',
      'version-up': 'passed',
      health: 'passed',
    });
    expect(statuses).toEqual({
      [`${USER_SERVICE} v1.0.0`]: expected('v1.0.0'),
      [`${USER_SERVICE} v1.1.0`]: expected('v1.1.0'),
      [`${USER_SERVICE} v1.2.0`]: expected('v1.2.0'),
      [`${CART_SERVICE} v1.0.0`]: expected('v1.0.0'),
    });
  });
});
