import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import type { FluxActionRequest } from '@goldenpath/backstage-plugin-flux-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  actionRecord,
  entityStatus,
  runtimeStatus,
} from '../__testUtils__/fixtures';
import { FluxClient } from './FluxClient';

// mockApis.discovery answers `<baseUrl>/api/<pluginId>`.
const baseUrl = 'http://127.0.0.1:7007';
const fluxUrl = `${baseUrl}/api/flux`;
const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'user-service',
};

describe('FluxClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new FluxClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: new MockFetchApi(),
  });

  it('reads an entity status from the flux backend', async () => {
    const status = entityStatus();
    let seenUrl = '';
    server.use(
      http.get(
        `${fluxUrl}/entity/:namespace/:kind/:name/status`,
        ({ request }) => {
          seenUrl = request.url;
          return HttpResponse.json(status);
        },
      ),
    );

    await expect(client.getEntityStatus(entityRef)).resolves.toEqual(status);
    expect(seenUrl).toBe(
      `${fluxUrl}/entity/default/component/user-service/status`,
    );
  });

  it('posts an action and returns its record', async () => {
    const request: FluxActionRequest = {
      cluster: 'ecommerce-dev-cluster',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'user-service',
      action: 'reconcile',
    };
    const record = actionRecord();
    let body: unknown;
    server.use(
      http.post(
        `${fluxUrl}/entity/default/component/user-service/actions`,
        async ({ request: httpRequest }) => {
          body = await httpRequest.json();
          return HttpResponse.json(record);
        },
      ),
    );

    await expect(client.requestAction(entityRef, request)).resolves.toEqual(
      record,
    );
    expect(body).toEqual(request);
  });

  it('rejects a refused action with the backend message and status 403', async () => {
    server.use(
      http.post(
        `${fluxUrl}/entity/default/component/user-service/actions`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotAllowedError',
                message:
                  'suspend on user-service may be done by group:default/team-users',
              },
              request: {
                method: 'POST',
                url: '/api/flux/entity/default/component/user-service/actions',
              },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
      ),
    );

    const error = await client
      .requestAction(entityRef, {
        cluster: 'ecommerce-dev-cluster',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'user-service',
        action: 'suspend',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe(
      'suspend on user-service may be done by group:default/team-users',
    );
  });

  it('reads the runtime status', async () => {
    const runtime = runtimeStatus();
    server.use(
      http.get(`${fluxUrl}/runtime`, () => HttpResponse.json(runtime)),
    );

    await expect(client.getRuntimeStatus()).resolves.toEqual(runtime);
  });

  it('rejects a failed read with a ResponseError', async () => {
    server.use(
      http.get(
        `${fluxUrl}/runtime`,
        () => new HttpResponse('upstream down', { status: 502 }),
      ),
    );

    await expect(client.getRuntimeStatus()).rejects.toThrow(
      'Request failed with 502',
    );
  });
});
