import { mockServices } from '@backstage/backend-test-utils';
import type {
  FluxEntityStatus,
  FluxEnvironmentStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createFluxProvider } from './fluxProvider';
import { providerContext } from './testContext';

const FLUX_URL = 'http://flux.test/api/flux';
const STATUS_PATH = `${FLUX_URL}/entity/default/component/user-service/status`;

function environment(
  env: FluxEnvironmentStatus['environment'],
  overrides: Partial<FluxEnvironmentStatus> = {},
): FluxEnvironmentStatus {
  return {
    environment: env,
    cluster: `ecommerce-${env}-cluster`,
    readiness: 'ready',
    suspended: false,
    declared: {
      image: 'ghcr.io/ecommerce-platform/user-service',
      tag: 'v1.2.3',
    },
    deployed: {
      image: 'ghcr.io/ecommerce-platform/user-service',
      tag: 'v1.2.3',
    },
    drift: false,
    objects: [],
    ...overrides,
  };
}

const status: FluxEntityStatus = {
  entityRef: 'component:default/user-service',
  selector: 'backstage.io/kubernetes-id=user-service',
  environments: [
    environment('dev'),
    environment('staging', {
      deployed: {
        image: 'ghcr.io/ecommerce-platform/user-service',
        tag: 'v1.2.2',
      },
      drift: true,
    }),
    environment('prod', {
      readiness: 'stalled',
      objects: [
        {
          cluster: 'ecommerce-prod-cluster',
          environment: 'prod',
          kind: 'Kustomization',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          knownApiVersion: true,
          namespace: 'flux-system',
          name: 'user-service',
          readiness: 'stalled',
          reason: 'HealthCheckFailed',
          message: 'Deployment/user-service/user-service: not ready',
          suspended: false,
          conditions: [],
          history: [],
          inventory: [],
          events: [],
        },
      ],
    }),
  ],
  actions: [],
  refreshedAt: {},
};

describe('flux provider', () => {
  const server = setupServer();
  const requests: Request[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());

  const provider = createFluxProvider({
    discovery: {
      getBaseUrl: async () => FLUX_URL,
      getExternalBaseUrl: async () => FLUX_URL,
    },
    auth: mockServices.auth({ pluginId: 'deployment-checklist' }),
  });

  const answer = (body: unknown, init?: ResponseInit) =>
    server.use(
      http.get(STATUS_PATH, ({ request }) => {
        requests.push(request);
        return HttpResponse.json(body as never, init);
      }),
    );

  it('passes when the version runs in the environment and is Ready', async () => {
    answer(status);
    const outcome = await provider.check(
      { type: 'flux', environment: 'dev' },
      providerContext(),
    );
    expect(outcome).toEqual({
      status: 'passed',
      evidence: {
        value: 'v1.2.3 (ready)',
        query: 'flux /entity/default/component/user-service/status (dev)',
      },
    });
    // With a service token for the Flux backend.
    const authorization = requests[0].headers.get('authorization') ?? '';
    expect(authorization).toMatch(/^Bearer mock-service-token/);
    expect(decodeURIComponent(authorization)).toContain('"target":"flux"');
  });

  it('fails when another version runs there', async () => {
    answer(status);
    const outcome = await provider.check(
      { type: 'flux', environment: 'staging' },
      providerContext(),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.evidence.error).toBe(
      'ecommerce-staging-cluster runs ghcr.io/ecommerce-platform/user-service:v1.2.2, not v1.2.3',
    );
  });

  it('fails when the version runs but is not Ready, saying why', async () => {
    answer(status);
    const outcome = await provider.check(
      { type: 'flux', environment: 'prod' },
      providerContext(),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      evidence: {
        value: 'v1.2.3 (stalled)',
        error:
          'v1.2.3 runs in ecommerce-prod-cluster but is stalled (Kustomization flux-system/user-service: Deployment/user-service/user-service: not ready)',
      },
    });
  });

  it('is unknown when the cluster cannot be read', async () => {
    answer({
      ...status,
      environments: [
        environment('prod', {
          readiness: 'unknown',
          deployed: undefined,
          error: {
            cluster: 'ecommerce-prod-cluster',
            reason: 'unreachable',
            message: 'connect ECONNREFUSED',
          },
        }),
      ],
    });
    const outcome = await provider.check(
      { type: 'flux', environment: 'prod' },
      providerContext(),
    );
    expect(outcome).toMatchObject({
      status: 'unknown',
      evidence: {
        error: 'ecommerce-prod-cluster: unreachable: connect ECONNREFUSED',
      },
    });
  });

  it('throws (unknown for the caller) when the Flux backend fails', async () => {
    answer(
      { error: { name: 'Error', message: 'cache not warmed up' } },
      { status: 503 },
    );
    await expect(
      provider.check({ type: 'flux', environment: 'dev' }, providerContext()),
    ).rejects.toThrow(
      'the Flux backend answered 503 Service Unavailable: cache not warmed up',
    );
  });

  it('asks the Flux backend once per evaluation for all environments', async () => {
    answer(status);
    const context = providerContext();
    const outcomes = await Promise.all(
      (['dev', 'staging', 'prod'] as const).map(env =>
        provider.check({ type: 'flux', environment: env }, context),
      ),
    );
    expect(outcomes.map(o => o.status)).toEqual(['passed', 'failed', 'failed']);
    expect(requests).toHaveLength(1);
  });
});
