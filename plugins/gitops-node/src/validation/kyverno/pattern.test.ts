import { UnsupportedPolicyConstructError, InvalidPolicyError } from './errors';
import { assertSupportedPattern, matchPattern, matchScalar } from './pattern';
import { formatPath } from './paths';

const at = { policy: 'test-policy', rule: 'test-rule' };

function check(resource: unknown, pattern: unknown) {
  assertSupportedPattern(pattern, at);
  const outcome = matchPattern(resource, pattern);
  return outcome.status === 'pass'
    ? { status: 'pass' as const }
    : {
        status: outcome.status,
        path: formatPath(outcome.path),
        detail: outcome.detail,
      };
}

describe('scalar patterns', () => {
  it.each([
    // wildcards
    ['*:*', 'nginx:1.25', true],
    ['*:*', 'nginx', false],
    ['?*', 'x', true],
    ['?*', '', false],
    ['nginx:1.2?', 'nginx:1.25', true],
    ['nginx:1.2?', 'nginx:1.250', false],
    ['registry.io/*', 'registry.io/team/app:v1', true],
    ['registry.io/*', 'registryXio/team/app:v1', false],
    // negation
    ['!*:latest', 'ghcr.io/x/y:v1.2.3', true],
    ['!*:latest', 'ghcr.io/x/y:latest', false],
    ['!Always', 'IfNotPresent', true],
    ['!Always', 'Always', false],
    // alternatives and conjunctions
    ['Always | IfNotPresent', 'IfNotPresent', true],
    ['Always | IfNotPresent', 'Never', false],
    ['>1 & <5', '3', true],
    ['>1 & <5', '7', false],
    // numeric comparisons
    ['>0', 10, true],
    ['>0', 0, false],
    ['>=10', 10, true],
    ['>=10', 9, false],
    ['<=3', 3, true],
    ['<=3', 4, false],
    ['<100', '99', true],
    ['<100', '100', false],
    // quantities
    ['<=1', '500m', true],
    ['<=1', '1500m', false],
    ['>=512Mi', '1Gi', true],
    ['>=512Mi', '256Mi', false],
    ['<2Gi', '2000M', true],
    ['<2Gi', '3G', false],
    ['1Gi', '1024Mi', true],
    ['1Gi', '1000Mi', false],
    ['!0', '100m', true],
    ['!0', '0', false],
    // ranges
    ['1-10', 5, true],
    ['1-10', 11, false],
    ['100Mi-1Gi', '512Mi', true],
    ['100Mi-1Gi', '2Gi', false],
    ['1!-10', 11, true],
    ['1!-10', 5, false],
    // durations
    ['>30s', '1m', true],
    ['>30s', '10s', false],
    ['<=1h', '45m', true],
    ['<=1h', '90m', false],
    // comparisons never hold for text
    ['>0', 'abc', false],
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(matchScalar(value, pattern)).toBe(expected);
  });

  it.each([
    [true, true, true],
    [true, 'true', false],
    [false, true, false],
    [10, 10, true],
    [10, '10', true],
    [10, 10.5, false],
    [10, '11', false],
    [1.5, '1.5', true],
    [null, undefined, true],
    [null, '', true],
    [null, 'x', false],
    ['true', true, true],
  ])('pattern %j against %j is %s', (pattern, value, expected) => {
    expect(matchScalar(value, pattern)).toBe(expected);
  });

  it('treats a missing value as 0 for comparisons and as nothing for text, like Kyverno', () => {
    expect(matchScalar(undefined, '<10')).toBe(true);
    expect(matchScalar(undefined, '>0')).toBe(false);
    expect(matchScalar(undefined, '?*')).toBe(false);
    expect(matchScalar(undefined, '!*:latest')).toBe(false);
  });
});

describe('map and list patterns', () => {
  const pod = {
    spec: {
      containers: [
        {
          name: 'app',
          image: 'ghcr.io/x/app:v1',
          ports: [{ containerPort: 8080 }],
        },
        { name: 'sidecar', image: 'ghcr.io/x/proxy:latest' },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };

  it('applies a one-element list pattern to every element and reports the failing one', () => {
    expect(
      check(pod, { spec: { containers: [{ image: '!*:latest' }] } }),
    ).toEqual({
      status: 'fail',
      path: 'spec.containers[1].image',
      detail: "'!*:latest' does not match 'ghcr.io/x/proxy:latest'",
    });
    expect(
      check(pod, { spec: { containers: [{ image: 'ghcr.io/*' }] } }),
    ).toEqual({ status: 'pass' });
  });

  it('requires keys the pattern names', () => {
    expect(
      check(pod, {
        spec: { containers: [{ livenessProbe: { periodSeconds: '>0' } }] },
      }),
    ).toEqual({
      status: 'fail',
      path: 'spec.containers[0].livenessProbe',
      detail: 'required field is missing',
    });
    expect(check(pod, { spec: { containers: [{ name: '*' }] } })).toEqual({
      status: 'pass',
    });
    expect(check(pod, { spec: { containers: [{ command: '*' }] } })).toEqual({
      status: 'fail',
      path: 'spec.containers[0].command',
      detail: 'required field is missing',
    });
  });

  it('reports a type mismatch', () => {
    expect(
      check(
        { spec: { containers: 'x' } },
        { spec: { containers: [{ name: '*' }] } },
      ),
    ).toEqual({
      status: 'fail',
      path: 'spec.containers',
      detail: "expected a list, found 'x'",
    });
    expect(check({ spec: 'x' }, { spec: { hostNetwork: false } })).toEqual({
      status: 'fail',
      path: 'spec',
      detail: "expected an object, found 'x'",
    });
  });

  it('checks every element of a list against a scalar element pattern', () => {
    const resource = { spec: { args: ['--a', '--b', 'c'] } };
    expect(check(resource, { spec: { args: ['--*'] } })).toEqual({
      status: 'fail',
      path: 'spec.args[2]',
      detail: "'--*' does not match 'c'",
    });
    expect(check(resource, { spec: { args: ['?*'] } })).toEqual({
      status: 'pass',
    });
  });

  it('passes an empty list, as Kyverno does', () => {
    expect(
      check(
        { spec: { containers: [] } },
        { spec: { containers: [{ image: '!*:latest' }] } },
      ),
    ).toEqual({
      status: 'pass',
    });
  });

  describe('equality anchor =()', () => {
    const pattern = { spec: { '=(initContainers)': [{ image: '!*:latest' }] } };

    it('passes when the key is absent', () => {
      expect(check({ spec: {} }, pattern)).toEqual({ status: 'pass' });
    });

    it('validates when the key is present', () => {
      expect(
        check(
          { spec: { initContainers: [{ image: 'busybox:1.36' }] } },
          pattern,
        ),
      ).toEqual({
        status: 'pass',
      });
      expect(
        check(
          { spec: { initContainers: [{ image: 'busybox:latest' }] } },
          pattern,
        ),
      ).toEqual({
        status: 'fail',
        path: 'spec.initContainers[0].image',
        detail: "'!*:latest' does not match 'busybox:latest'",
      });
    });
  });

  describe('negation anchor X()', () => {
    const pattern = { spec: { '=(volumes)': [{ 'X(hostPath)': 'null' }] } };

    it('passes when the key is absent', () => {
      expect(check(pod, pattern)).toEqual({ status: 'pass' });
    });

    it('fails when the key is present, whatever its value', () => {
      expect(
        check(
          { spec: { volumes: [{ name: 'h', hostPath: { path: '/' } }] } },
          pattern,
        ),
      ).toEqual({
        status: 'fail',
        path: 'spec.volumes[0].hostPath',
        detail: 'field is not allowed',
      });
    });
  });

  describe('conditional anchor ()', () => {
    const pattern = {
      spec: { containers: [{ '(name)': 'app*', image: '!*:latest' }] },
    };

    it('only checks the elements that meet the condition', () => {
      // The sidecar uses :latest but is not named app*.
      expect(check(pod, pattern)).toEqual({ status: 'pass' });
    });

    it('fails an element that meets the condition and breaks the rest', () => {
      expect(
        check(
          { spec: { containers: [{ name: 'app', image: 'x:latest' }] } },
          pattern,
        ),
      ).toEqual({
        status: 'fail',
        path: 'spec.containers[0].image',
        detail: "'!*:latest' does not match 'x:latest'",
      });
    });

    it('skips when no element meets the condition', () => {
      expect(
        check(
          { spec: { containers: [{ name: 'web', image: 'x:latest' }] } },
          pattern,
        ),
      ).toMatchObject({ status: 'skip', path: 'spec.containers' });
    });

    it('skips a map whose condition key is absent', () => {
      expect(
        check(
          { metadata: {} },
          { metadata: { '(labels)': { tier: 'db' }, annotations: '?*' } },
        ),
      ).toMatchObject({ status: 'skip', path: 'metadata.labels' });
    });
  });

  describe('global anchor <()', () => {
    const pattern = {
      spec: {
        containers: [{ '<(image)': 'corp.io/*' }],
        imagePullSecrets: [{ name: '?*' }],
      },
    };

    it('requires the rest when an element meets the condition', () => {
      expect(
        check({ spec: { containers: [{ image: 'corp.io/app:v1' }] } }, pattern),
      ).toEqual({
        status: 'fail',
        path: 'spec.imagePullSecrets',
        detail: 'required field is missing',
      });
      expect(
        check(
          {
            spec: {
              containers: [{ image: 'corp.io/app:v1' }],
              imagePullSecrets: [{ name: 'corp' }],
            },
          },
          pattern,
        ),
      ).toEqual({ status: 'pass' });
    });

    it('skips the rule when no element meets the condition', () => {
      expect(
        check(
          { spec: { containers: [{ image: 'docker.io/app:v1' }] } },
          pattern,
        ),
      ).toMatchObject({ status: 'skip' });
    });
  });

  describe('existence anchor ^()', () => {
    const pattern = {
      spec: { '^(containers)': [{ image: 'ghcr.io/x/proxy:*' }] },
    };

    it('passes when at least one element matches', () => {
      expect(check(pod, pattern)).toEqual({ status: 'pass' });
    });

    it('fails when no element matches', () => {
      expect(
        check({ spec: { containers: [{ image: 'nginx:1' }] } }, pattern),
      ).toEqual({
        status: 'fail',
        path: 'spec.containers',
        detail: 'no element matches the existence anchor pattern',
      });
    });
  });
});

describe('assertSupportedPattern', () => {
  it.each([
    [{ metadata: { labels: { 'app.kubernetes.io/*': '?*' } } }, 'wildcard key'],
    [{ metadata: { '+(labels)': { a: 'b' } } }, 'add-if-not-present anchor'],
    [
      { spec: { containers: [{ image: 'a' }, { image: 'b' }] } },
      'list pattern with 2 elements',
    ],
    [
      { metadata: { name: '{{ request.object.metadata.namespace }}' } },
      'variable',
    ],
    [{ spec: { replicas: '$(minReplicas)' } }, 'reference'],
    [{ spec: { args: [['a']] } }, 'list of lists'],
  ])('throws for %j naming the construct (%s)', (pattern, construct) => {
    expect(() => assertSupportedPattern(pattern, at)).toThrow(
      UnsupportedPolicyConstructError,
    );
    expect(() => assertSupportedPattern(pattern, at)).toThrow(
      new RegExp(
        `Kyverno policy 'test-policy' rule 'test-rule': .*${construct}`,
      ),
    );
  });

  it('rejects an empty list and an existence anchor without a list of maps', () => {
    expect(() =>
      assertSupportedPattern({ spec: { containers: [] } }, at),
    ).toThrow(InvalidPolicyError);
    expect(() =>
      assertSupportedPattern({ spec: { '^(containers)': 'x' } }, at),
    ).toThrow(/existence anchor/);
  });
});
