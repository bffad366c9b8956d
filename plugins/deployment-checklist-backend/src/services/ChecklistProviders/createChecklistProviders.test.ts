import { createChecklistProviders } from './createChecklistProviders';
import { providerContext } from './testContext';

describe('createChecklistProviders', () => {
  it('records what the provider saw, with the time it checked', async () => {
    const providers = createChecklistProviders({
      timeoutMs: 1000,
      providers: {
        http: {
          type: 'http',
          check: async () => ({ status: 'passed', evidence: { value: 200 } }),
        },
      },
    });
    const outcome = await providers.check(
      { type: 'http', url: 'https://x.example.com' },
      providerContext(),
    );
    expect(outcome).toEqual({
      status: 'passed',
      evidence: {
        value: 200,
        checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
  });

  it('marks an item unknown with the error when its provider throws', async () => {
    const providers = createChecklistProviders({
      timeoutMs: 1000,
      providers: {
        http: {
          type: 'http',
          check: async () => {
            throw new Error('connect ECONNREFUSED 10.0.0.1:443');
          },
        },
      },
    });
    expect(
      await providers.check(
        { type: 'http', url: 'https://x.example.com' },
        providerContext(),
      ),
    ).toEqual({
      status: 'unknown',
      evidence: {
        error: 'connect ECONNREFUSED 10.0.0.1:443',
        checkedAt: expect.any(String),
      },
    });
  });

  it('marks an item unknown when its provider does not answer in time', async () => {
    const providers = createChecklistProviders({
      timeoutMs: 50,
      providers: {
        http: {
          type: 'http',
          check: () => new Promise(() => {}),
        },
      },
    });
    expect(
      await providers.check(
        { type: 'http', url: 'https://x.example.com' },
        providerContext(),
      ),
    ).toMatchObject({
      status: 'unknown',
      evidence: { error: 'no answer within 50 ms' },
    });
  });

  it('marks an item unknown when no provider of its type is installed', async () => {
    const providers = createChecklistProviders({
      timeoutMs: 50,
      providers: {},
    });
    expect(
      await providers.check({ type: 'git' }, providerContext()),
    ).toMatchObject({
      status: 'unknown',
      evidence: { error: "no 'git' provider is installed" },
    });
  });
});
