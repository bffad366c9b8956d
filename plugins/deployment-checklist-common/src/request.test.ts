import { requestChecklist } from './request';

describe('requestChecklist', () => {
  /** A backend that records each request and answers with `answer`. */
  const backend = (answer: () => Response) => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), init });
      return answer();
    };
    return { seen, fetch: fetch as typeof globalThis.fetch };
  };

  it('posts a JSON body with the token and returns the status and answer', async () => {
    const { seen, fetch } = backend(
      () => new Response('{"id":"rel-1","items":[]}', { status: 201 }),
    );
    const answer = await requestChecklist<{ id: string; items: unknown[] }>({
      baseUrl: 'http://portal.test/api/deployment-checklist/',
      path: '/releases',
      token: 'secret',
      body: { entityRef: 'component:default/user-service', version: '1.2.3' },
      answeredBy: 'The portal',
      fetch,
    });
    expect(answer).toEqual({ status: 201, body: { id: 'rel-1', items: [] } });
    expect(seen).toEqual([
      {
        url: 'http://portal.test/api/deployment-checklist/releases',
        init: {
          method: 'POST',
          headers: {
            authorization: 'Bearer secret',
            'content-type': 'application/json',
          },
          body: '{"entityRef":"component:default/user-service","version":"1.2.3"}',
        },
      },
    ]);
  });

  it("gets without a body and names who answered with the backend's message", async () => {
    const notFound = backend(
      () =>
        new Response(
          '{"error":{"name":"NotFoundError","message":"no release of 1.2.3"}}',
          { status: 404 },
        ),
    );
    await expect(
      requestChecklist({
        baseUrl: 'http://portal.test/api/deployment-checklist',
        path: '/gate?version=1.2.3',
        token: 'secret',
        answeredBy: 'The deployment checklist',
        fetch: notFound.fetch,
      }),
    ).rejects.toThrow(
      'The deployment checklist answered 404: no release of 1.2.3',
    );
    expect(notFound.seen[0].init).toEqual({
      method: 'GET',
      headers: { authorization: 'Bearer secret' },
      body: undefined,
    });
    const gateway = backend(() => new Response('Bad Gateway', { status: 502 }));
    await expect(
      requestChecklist({
        baseUrl: 'http://portal.test/api/deployment-checklist',
        path: '/releases',
        token: 'secret',
        answeredBy: 'The portal',
        fetch: gateway.fetch,
      }),
    ).rejects.toThrow('The portal answered 502: Bad Gateway');
  });
});
