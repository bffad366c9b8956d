import { parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  it.each([
    [
      'backstage.io/kubernetes-id=user-service',
      { 'backstage.io/kubernetes-id': 'user-service' },
      true,
    ],
    [
      'backstage.io/kubernetes-id==user-service',
      { 'backstage.io/kubernetes-id': 'cart-service' },
      false,
    ],
    ['app!=user-service', { app: 'cart-service' }, true],
    ['app!=user-service', {}, true],
    [
      'app in (user-service, cart-service),tier',
      { app: 'cart-service', tier: 'backend' },
      true,
    ],
    ['app in (user-service,cart-service),tier', { app: 'cart-service' }, false],
    ['app notin (user-service)', { app: 'cart-service' }, true],
    ['!legacy', { legacy: 'yes' }, false],
    ['environment', { environment: 'dev' }, true],
  ])('%s on %j → %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('prints the selector canonically', () => {
    expect(parseLabelSelector(' app in ( a ,b ) , !x,y == z').text).toBe(
      'app in (a,b),!x,y=z',
    );
  });

  it('names what it cannot read', () => {
    expect(() => parseLabelSelector('app in ()')).toThrow(
      "bad values in 'app in ()'",
    );
    expect(() => parseLabelSelector('app = a b')).toThrow(
      "cannot read 'app = a b'",
    );
    expect(() => parseLabelSelector(' , ')).toThrow('selects everything');
  });
});
