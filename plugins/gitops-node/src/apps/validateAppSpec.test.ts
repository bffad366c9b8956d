import { InputError } from '@backstage/errors';
import { PLATFORM_APPS } from './__testUtils__/platformApps';
import { renderApp } from './renderApp';
import { AppSpec } from './types';

const cart = PLATFORM_APPS.find(app => app.name === 'cart-service')!;

function renderError(change: (spec: any) => void): Error {
  const spec = structuredClone(cart) as any;
  change(spec);
  try {
    renderApp(spec as AppSpec);
  } catch (error) {
    return error as Error;
  }
  throw new Error('renderApp accepted the spec');
}

describe('renderApp rejects invalid specs', () => {
  it.each([
    ['../x', 'name'],
    ['User_Service', 'name'],
    ['a'.repeat(64), 'name'],
    ['-leading-dash', 'name'],
    ['trailing-', 'name'],
    ['1st-service', 'name'],
    ['api/v1', 'name'],
  ])('the name %s', (name, field) => {
    const error = renderError(spec => {
      spec.name = name;
    });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      `${field} '${name}' is not a lowercase DNS label`,
    );
  });

  it('accepts a name of 63 characters', () => {
    expect(() => renderApp({ ...cart, name: 'a'.repeat(63) })).not.toThrow();
  });

  it.each<[string, (spec: any) => void, string]>([
    [
      'an unknown environment in envConfig',
      s => (s.envConfig = { qa: { A: 'b' } }),
      "envConfig has unknown environment 'qa'; expected dev, staging, prod",
    ],
    [
      'an unknown environment in sizing',
      s => (s.sizing.test = s.sizing.dev),
      "sizing has unknown environment 'test'",
    ],
    [
      'a missing environment in tags',
      s => delete s.tags.staging,
      'tags.staging is missing',
    ],
    [
      'a CPU quantity that is not one',
      s => (s.sizing.prod.requests.cpu = '250 m'),
      "sizing.prod.requests.cpu '250 m' is not a CPU quantity",
    ],
    [
      'a memory quantity without a valid unit',
      s => (s.sizing.dev.limits.memory = '256MB'),
      "sizing.dev.limits.memory '256MB' is not a memory quantity",
    ],
    [
      'requests above limits',
      s => (s.sizing.staging.requests.memory = '1Gi'),
      'sizing.staging.requests.memory is more than sizing.staging.limits.memory',
    ],
    [
      'no replicas',
      s => (s.sizing.dev.replicas = 0),
      'sizing.dev.replicas 0 must be a whole number of at least 1',
    ],
    [
      'a dev tag that CI does not write',
      s => (s.tags.dev = 'latest'),
      "tags.dev 'latest' is not a dev build tag",
    ],
    [
      'a release tag that is not vX.Y.Z',
      s => (s.tags.prod = 'sha-5e0a3d4'),
      "tags.prod 'sha-5e0a3d4' is not a release tag",
    ],
    [
      'too few pods for the PodDisruptionBudget',
      s => (s.hpa.minReplicas = 2),
      'hpa.minReplicas 2 must be a whole number of at least 3',
    ],
    [
      'prod replicas outside the HPA bounds',
      s => (s.sizing.prod.replicas = 20),
      'sizing.prod.replicas 20 is outside hpa 3..15',
    ],
    [
      'a dependency on itself',
      s => s.dependencies.push('cart-service'),
      'dependencies[1] is the app itself',
    ],
    [
      'a setting that is not an environment variable',
      s => (s.config['cart-ttl'] = '1'),
      "config key 'cart-ttl' is not an environment variable name",
    ],
    [
      'a setting on two lines',
      s => (s.config.A = 'x\ny'),
      'config.A "x\\ny" must be a string on one line',
    ],
    [
      'a secret variable the generator already sets',
      s => s.secrets.push({ name: 'REDIS_PASSWORD', key: 'x' }),
      "secrets[0].name 'REDIS_PASSWORD' is already set",
    ],
    [
      'an unknown kind',
      s => (s.kind = 'python'),
      "kind 'python' is not one of java, node, frontend",
    ],
    ['a misspelt field', s => (s.envconfig = {}), "unknown field 'envconfig'"],
    [
      'ingress hosts that are not host names',
      s => (s.ingressHosts = { dev: 'a b', staging: 'x.com', prod: 'y.com' }),
      "ingressHosts.dev 'a b' is not a host name",
    ],
  ])('%s', (_, change, message) => {
    const error = renderError(change);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("Invalid app spec 'cart-service'");
    expect(error.message).toContain(message);
  });

  it('names every invalid field at once', () => {
    const error = renderError(spec => {
      spec.tags.dev = 'v1.0.0';
      spec.sizing.prod.limits.cpu = 'lots';
    });
    expect(error.message).toContain('tags.dev');
    expect(error.message).toContain('sizing.prod.limits.cpu');
  });

  it('keeps the IAM role of an app with a queue within 64 characters', () => {
    const error = renderError(spec => {
      spec.name = `a${'-b'.repeat(19)}`;
      spec.queue = 'jobs';
    });
    expect(error.message).toContain(
      'its IAM role <cluster>-<name> allows at most 38 characters',
    );
  });
});
