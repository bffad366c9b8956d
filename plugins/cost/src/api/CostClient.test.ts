/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { prices, serviceCost, systemCost } from '../__testUtils__/fixtures';
import { CostClient } from './CostClient';

const baseUrl = 'http://127.0.0.1:7007/api/cost';

describe('CostClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new CostClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('asks for an entity with the chosen rule and returns the service cost', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${baseUrl}/entity/:namespace/:kind/:name`, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        return HttpResponse.json(
          serviceCost({ rule: url.searchParams.get('rule') as 'krr' }),
        );
      }),
    );

    const cost = await client.getEntityCost(
      { kind: 'Component', namespace: 'default', name: 'user-service' },
      { rule: 'krr' },
    );

    expect(requests.map(url => url.pathname + url.search)).toEqual([
      '/api/cost/entity/default/component/user-service?rule=krr',
    ]);
    expect(cost.service).toBe('user-service');
    const prod = cost.environments.find(e => e.environment === 'prod');
    expect(prod?.recommendations?.[0].rule).toBe('krr');
  });

  it('leaves the rule to the backend when none is chosen', async () => {
    let search: string | undefined;
    server.use(
      http.get(`${baseUrl}/entity/:namespace/:kind/:name`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(serviceCost());
      }),
    );

    await client.getEntityCost({
      kind: 'component',
      namespace: 'default',
      name: 'user-service',
    });

    expect(search).toBe('');
  });

  it('asks for a system and for the price table', async () => {
    server.use(
      http.get(`${baseUrl}/systems/:system`, ({ params }) =>
        params.system === 'ecommerce-platform'
          ? HttpResponse.json(systemCost)
          : HttpResponse.json({}, { status: 404 }),
      ),
      http.get(`${baseUrl}/prices`, () => HttpResponse.json(prices)),
    );

    await expect(client.getSystemCost('ecommerce-platform')).resolves.toEqual(
      systemCost,
    );
    await expect(client.getPrices()).resolves.toEqual(prices);
  });

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/systems/:system`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No System named nowhere in the catalog',
            },
            request: { method: 'GET', url: '/systems/nowhere' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const failure = client.getSystemCost('nowhere');
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 404,
      body: { error: { message: 'No System named nowhere in the catalog' } },
    });
  });
});
