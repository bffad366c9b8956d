import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import type { UpdateItemRequest } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { entityRef, releaseDetail, releases } from '../__testUtils__/fixtures';
import { DeploymentChecklistClient } from './DeploymentChecklistClient';

describe('DeploymentChecklistClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const baseUrl = 'http://127.0.0.1:7007/api/deployment-checklist';
  const client = new DeploymentChecklistClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://127.0.0.1:7007' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists the releases of an entity', async () => {
    let asked: string | null = null;
    server.use(
      http.get(`${baseUrl}/releases`, ({ request }) => {
        asked = new URL(request.url).searchParams.get('entityRef');
        return HttpResponse.json(releases());
      }),
    );

    const result = await client.listReleases({ entityRef });

    expect(asked).toBe('component:default/order-service');
    expect(result.map(release => release.version)).toEqual(['1.5.0', '1.4.2']);
  });

  it('reads one release, escaping its id', async () => {
    let path = '';
    server.use(
      http.get(`${baseUrl}/releases/:id`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(releaseDetail());
      }),
    );

    const result = await client.getRelease({ releaseId: 'rel/1' });

    expect(path).toBe('/api/deployment-checklist/releases/rel%2F1');
    expect(result.items).toHaveLength(6);
  });

  it('creates a release', async () => {
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/releases`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(releaseDetail(), { status: 201 });
      }),
    );

    const result = await client.createRelease({
      entityRef,
      version: '1.4.2',
    });

    expect(body).toEqual({ entityRef, version: '1.4.2' });
    expect(result.version).toBe('1.4.2');
  });

  it('sends an item update as JSON with the revision the user saw', async () => {
    let received: { path: string; type: string | null; body: unknown } = {
      path: '',
      type: null,
      body: undefined,
    };
    const item = releaseDetail().items[1];
    server.use(
      http.post(
        `${baseUrl}/releases/:id/items/:itemId`,
        async ({ request }) => {
          received = {
            path: new URL(request.url).pathname,
            type: request.headers.get('content-type'),
            body: await request.json(),
          };
          return HttpResponse.json({ ...item, status: 'done', revision: 4 });
        },
      ),
    );
    const update: UpdateItemRequest = {
      action: 'tick',
      comment: 'LGTM',
      revision: 3,
    };

    const result = await client.updateItem({
      releaseId: 'rel-1',
      itemId: 'code-review',
      update,
    });

    expect(received).toEqual({
      path: '/api/deployment-checklist/releases/rel-1/items/code-review',
      type: 'application/json',
      body: { action: 'tick', comment: 'LGTM', revision: 3 },
    });
    expect(result).toMatchObject({ status: 'done', revision: 4 });
  });

  it.each([
    [409, 'ConflictError', 'Item code-review is at revision 4, not 3'],
    [
      403,
      'NotAllowedError',
      'Only the owners of component:default/order-service may change its checklist',
    ],
  ])(
    'rejects a refused update (%i) with the status and the server message',
    async (status, name, message) => {
      server.use(
        http.post(`${baseUrl}/releases/:id/items/:itemId`, () =>
          HttpResponse.json(
            {
              error: { name, message },
              request: { method: 'POST', url: '/releases/rel-1/items/x' },
              response: { statusCode: status },
            },
            { status },
          ),
        ),
      );

      const failure = await client
        .updateItem({
          releaseId: 'rel-1',
          itemId: 'code-review',
          update: { action: 'untick', revision: 3 },
        })
        .catch(e => e);

      expect(failure).toBeInstanceOf(ResponseError);
      expect(failure.statusCode).toBe(status);
      expect(failure.cause.name).toBe(name);
      expect(failure.cause.message).toBe(message);
    },
  );

  it('asks the backend to evaluate a release', async () => {
    let evaluated = '';
    server.use(
      http.post(`${baseUrl}/releases/:id/evaluate`, ({ params }) => {
        evaluated = String(params.id);
        return HttpResponse.json(releaseDetail());
      }),
    );

    const result = await client.evaluateRelease({ releaseId: 'rel-1' });

    expect(evaluated).toBe('rel-1');
    expect(result.id).toBe('rel-1');
  });

  it('reads the gate of a phase of a version', async () => {
    let query: Record<string, string> = {};
    server.use(
      http.get(`${baseUrl}/gate`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json({
          releaseId: 'rel-1',
          entityRef,
          version: '1.4.2',
          phase: 'pre-deployment',
          passed: false,
          openItems: [
            {
              id: 'code-review',
              title: 'Code review approved',
              status: 'open',
            },
          ],
        });
      }),
    );

    const gate = await client.getGate({
      entityRef,
      version: '1.4.2',
      phase: 'pre-deployment',
    });

    expect(query).toEqual({
      entityRef,
      version: '1.4.2',
      phase: 'pre-deployment',
    });
    expect(gate.passed).toBe(false);
    expect(gate.openItems.map(item => item.id)).toEqual(['code-review']);
  });

  it('rejects when the backend cannot be read', async () => {
    server.use(
      http.get(`${baseUrl}/releases`, () =>
        HttpResponse.text('upstream down', { status: 502 }),
      ),
    );

    await expect(client.listReleases({ entityRef })).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 502,
    });
  });
});
