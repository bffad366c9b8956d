import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createChecklistProviders } from './createChecklistProviders';
import { createHttpProvider } from './httpProvider';
import { providerContext } from './testContext';

describe('http provider', () => {
  let server: http.Server;
  let base: string;
  const paths: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      if (req.url?.startsWith('/user-service/health')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"UP"}');
      } else {
        res.writeHead(503).end();
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  const provider = createHttpProvider();

  it('passes when the URL answers 200, with the service substituted', async () => {
    const outcome = await provider.check(
      { type: 'http', url: `${base}/$service/health?v=$version` },
      providerContext(),
    );
    expect(paths.at(-1)).toBe('/user-service/health?v=v1.2.3');
    expect(outcome).toEqual({
      status: 'passed',
      evidence: {
        value: 200,
        query: `GET ${base}/user-service/health?v=v1.2.3`,
        link: `${base}/user-service/health?v=v1.2.3`,
      },
    });
  });

  it('fails on another status', async () => {
    const outcome = await provider.check(
      { type: 'http', url: `${base}/other/health` },
      providerContext(),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      evidence: { value: 503, error: 'answered 503, expected 200' },
    });
  });

  it('is unknown when nothing answers', async () => {
    const outcome = await createChecklistProviders({
      timeoutMs: 2000,
      providers: { http: provider },
    }).check(
      { type: 'http', url: 'http://127.0.0.1:9/health' },
      providerContext(),
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.evidence.error).toEqual(expect.any(String));
  });
});
