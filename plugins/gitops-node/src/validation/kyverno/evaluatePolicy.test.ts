import { UnsupportedPolicyConstructError, InvalidPolicyError } from './errors';
import { evaluateClusterPolicy } from './evaluatePolicy';

function policy(
  rules: unknown[],
  options: {
    spec?: Record<string, unknown>;
    annotations?: Record<string, string>;
  } = {},
) {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'test-policy', annotations: options.annotations },
    spec: { ...options.spec, rules },
  };
}

const noLatestRule = {
  name: 'no-latest',
  match: {
    any: [
      {
        resources: {
          kinds: ['Pod'],
          namespaceSelector: { matchLabels: { team: 'shop' } },
        },
      },
    ],
  },
  validate: {
    failureAction: 'Enforce',
    message: 'No latest.',
    pattern: { spec: { containers: [{ image: '!*:latest' }] } },
  },
};

function pod(image: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image }] },
    ...extra,
  };
}

function podSpec(image: string) {
  return { containers: [{ name: 'web', image }] };
}

const shop = { namespaceLabels: { team: 'shop' } };

describe('evaluateClusterPolicy', () => {
  it('passes and fails a Pod, with the rule message and path of the failure', () => {
    expect(
      evaluateClusterPolicy(policy([noLatestRule]), pod('web:v1'), shop),
    ).toEqual([
      {
        policy: 'test-policy',
        rule: 'no-latest',
        status: 'pass',
        failureAction: 'Enforce',
        message: '',
        violations: [],
      },
    ]);
    const [result] = evaluateClusterPolicy(
      policy([noLatestRule]),
      pod('web:latest'),
      shop,
    );
    expect(result).toMatchObject({ status: 'fail', failureAction: 'Enforce' });
    expect(result.violations).toEqual([
      {
        path: 'spec.containers[0].image',
        message:
          "No latest. spec.containers[0].image: '!*:latest' does not match 'web:latest'",
      },
    ]);
  });

  it('skips a Pod whose namespace does not have the selected labels', () => {
    const results = evaluateClusterPolicy(
      policy([noLatestRule]),
      pod('web:latest'),
      {
        namespaceLabels: { team: 'other' },
      },
    );
    expect(results).toMatchObject([{ status: 'skip', violations: [] }]);
    expect(
      evaluateClusterPolicy(policy([noLatestRule]), pod('web:latest')),
    ).toMatchObject([{ status: 'skip' }]);
  });

  it('selects namespaces by the kubernetes.io/metadata.name label every namespace has', () => {
    const rule = {
      ...noLatestRule,
      match: {
        any: [
          {
            resources: {
              kinds: ['Pod'],
              namespaceSelector: {
                matchExpressions: [
                  {
                    key: 'kubernetes.io/metadata.name',
                    operator: 'NotIn',
                    values: ['kube-system'],
                  },
                ],
              },
            },
          },
        ],
      },
    };
    expect(
      evaluateClusterPolicy(policy([rule]), pod('web:latest')),
    ).toMatchObject([{ status: 'fail' }]);
    const system = pod('web:latest');
    system.metadata.namespace = 'kube-system';
    expect(evaluateClusterPolicy(policy([rule]), system)).toMatchObject([
      { status: 'skip' },
    ]);
  });

  it('honours kinds, namespaces, names, selector and exclude', () => {
    const rule = (match: unknown, exclude?: unknown) => ({
      ...noLatestRule,
      match,
      ...(exclude ? { exclude } : {}),
    });
    const statusFor = (match: unknown, exclude?: unknown) =>
      evaluateClusterPolicy(
        policy([rule(match, exclude)]),
        pod('web:latest'),
      )[0].status;
    expect(statusFor({ any: [{ resources: { kinds: ['Service'] } }] })).toBe(
      'skip',
    );
    expect(statusFor({ any: [{ resources: { kinds: ['v1/Pod'] } }] })).toBe(
      'fail',
    );
    expect(
      statusFor({ any: [{ resources: { kinds: ['apps/v1/Pod'] } }] }),
    ).toBe('skip');
    expect(
      statusFor({
        any: [{ resources: { kinds: ['Pod'], namespaces: ['sh*'] } }],
      }),
    ).toBe('fail');
    expect(
      statusFor({
        any: [{ resources: { kinds: ['Pod'], namespaces: ['prod'] } }],
      }),
    ).toBe('skip');
    expect(
      statusFor({ any: [{ resources: { kinds: ['Pod'], names: ['w?b'] } }] }),
    ).toBe('fail');
    expect(
      statusFor({
        any: [
          {
            resources: {
              kinds: ['Pod'],
              selector: { matchLabels: { app: 'api' } },
            },
          },
        ],
      }),
    ).toBe('skip');
    expect(
      statusFor({
        all: [
          { resources: { kinds: ['Pod'] } },
          { resources: { selector: { matchLabels: { app: 'web' } } } },
        ],
      }),
    ).toBe('fail');
    expect(
      statusFor({
        all: [
          { resources: { kinds: ['Pod'] } },
          { resources: { selector: { matchLabels: { app: 'api' } } } },
        ],
      }),
    ).toBe('skip');
    expect(
      statusFor(
        { any: [{ resources: { kinds: ['Pod'] } }] },
        { any: [{ resources: { namespaces: ['shop'] } }] },
      ),
    ).toBe('skip');
    expect(
      statusFor(
        { any: [{ resources: { kinds: ['Pod'] } }] },
        { any: [{ resources: { namespaces: ['kube-system'] } }] },
      ),
    ).toBe('fail');
  });

  describe('auto-generated rules for Pod controllers', () => {
    it.each([
      [
        'Deployment',
        'apps/v1',
        { template: { spec: podSpec('web:latest') } },
        'spec.template.spec.containers[0].image',
        'autogen-no-latest',
      ],
      [
        'StatefulSet',
        'apps/v1',
        { template: { spec: podSpec('web:latest') } },
        'spec.template.spec.containers[0].image',
        'autogen-no-latest',
      ],
      [
        'DaemonSet',
        'apps/v1',
        { template: { spec: podSpec('web:latest') } },
        'spec.template.spec.containers[0].image',
        'autogen-no-latest',
      ],
      [
        'ReplicaSet',
        'apps/v1',
        { template: { spec: podSpec('web:latest') } },
        'spec.template.spec.containers[0].image',
        'autogen-no-latest',
      ],
      [
        'Job',
        'batch/v1',
        { template: { spec: podSpec('web:latest') } },
        'spec.template.spec.containers[0].image',
        'autogen-no-latest',
      ],
      [
        'CronJob',
        'batch/v1',
        {
          schedule: '* * * * *',
          jobTemplate: { spec: { template: { spec: podSpec('web:latest') } } },
        },
        'spec.jobTemplate.spec.template.spec.containers[0].image',
        'autogen-cronjob-no-latest',
      ],
    ])(
      'applies a Pod rule to the pod template of a %s',
      (kind, apiVersion, spec, path, autogenRule) => {
        const controller = {
          apiVersion,
          kind,
          metadata: { name: 'web', namespace: 'shop' },
          spec,
        };
        const [result] = evaluateClusterPolicy(
          policy([noLatestRule]),
          controller,
          shop,
        );
        expect(result).toMatchObject({
          status: 'fail',
          rule: 'no-latest',
          autogenRule,
        });
        expect(result.violations).toEqual([
          {
            path,
            message: `No latest. ${path}: '!*:latest' does not match 'web:latest'`,
          },
        ]);
      },
    );

    it('passes a controller whose template complies, and ignores other kinds', () => {
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { template: { spec: podSpec('web:v1') } },
      };
      expect(
        evaluateClusterPolicy(policy([noLatestRule]), deployment, shop),
      ).toMatchObject([{ status: 'pass', autogenRule: 'autogen-no-latest' }]);
      // A custom resource that happens to be called Deployment is no controller.
      const lookalike = { ...deployment, apiVersion: 'example.com/v1' };
      expect(
        evaluateClusterPolicy(policy([noLatestRule]), lookalike, shop),
      ).toMatchObject([{ status: 'skip' }]);
      const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop' },
      };
      expect(
        evaluateClusterPolicy(policy([noLatestRule]), service, shop),
      ).toMatchObject([{ status: 'skip' }]);
    });

    it('is off when the policy filters by selector or the annotation says none', () => {
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { template: { spec: podSpec('web:latest') } },
      };
      const bySelector = {
        ...noLatestRule,
        match: {
          any: [
            {
              resources: {
                kinds: ['Pod'],
                selector: { matchLabels: { app: 'web' } },
              },
            },
          ],
        },
      };
      expect(
        evaluateClusterPolicy(policy([bySelector]), deployment, shop),
      ).toMatchObject([{ status: 'skip' }]);
      expect(
        evaluateClusterPolicy(
          policy([noLatestRule], {
            annotations: {
              'pod-policies.kyverno.io/autogen-controllers': 'none',
            },
          }),
          deployment,
          shop,
        ),
      ).toMatchObject([{ status: 'skip' }]);
      expect(
        evaluateClusterPolicy(
          policy([noLatestRule], {
            annotations: {
              'pod-policies.kyverno.io/autogen-controllers': 'StatefulSet',
            },
          }),
          deployment,
          shop,
        ),
      ).toMatchObject([{ status: 'skip' }]);
    });

    it('evaluates podSecurity on the template with controller paths', () => {
      const rule = {
        name: 'restricted',
        match: { any: [{ resources: { kinds: ['Pod'] } }] },
        validate: {
          failureAction: 'Enforce',
          podSecurity: { level: 'restricted', version: 'latest' },
        },
      };
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          template: {
            spec: {
              securityContext: {
                runAsNonRoot: true,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'web',
                  image: 'web:v1',
                  securityContext: {
                    privileged: true,
                    capabilities: { drop: ['ALL'] },
                  },
                },
              ],
            },
          },
        },
      };
      const [result] = evaluateClusterPolicy(policy([rule]), deployment);
      expect(result.status).toBe('fail');
      expect(result.violations.map(v => v.path)).toEqual([
        'spec.template.spec.containers[0].securityContext.privileged',
        'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      ]);
      expect(result.violations[0].message).toContain(
        'PodSecurity "restricted:latest"',
      );
    });
  });

  it('skips when a conditional anchor does not hold', () => {
    const rule = {
      ...noLatestRule,
      validate: {
        ...noLatestRule.validate,
        pattern: {
          spec: { containers: [{ '(name)': 'api', image: '!*:latest' }] },
        },
      },
    };
    const [result] = evaluateClusterPolicy(
      policy([rule]),
      pod('web:latest'),
      shop,
    );
    expect(result.status).toBe('skip');
    expect(result.message).toContain('spec.containers');
  });

  it('passes anyPattern when one alternative matches and fails when none does', () => {
    const rule = {
      ...noLatestRule,
      validate: {
        message: 'Pin the image.',
        anyPattern: [
          { spec: { containers: [{ image: '*@sha256:*' }] } },
          { spec: { containers: [{ image: '*:v*' }] } },
        ],
      },
    };
    expect(
      evaluateClusterPolicy(policy([rule]), pod('web:v2'), shop),
    ).toMatchObject([{ status: 'pass' }]);
    const [result] = evaluateClusterPolicy(
      policy([rule]),
      pod('web:latest'),
      shop,
    );
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      "Pin the image. no anyPattern alternative matches: [0] spec.containers[0].image: '*@sha256:*' does not match 'web:latest'; [1] spec.containers[0].image: '*:v*' does not match 'web:latest'",
    );
  });

  describe('failure action', () => {
    it('defaults to Audit and reads the policy-wide and per-rule settings', () => {
      const { failureAction: _omitted, ...audit } = noLatestRule.validate;
      const withoutAction = { ...noLatestRule, validate: audit };
      const actionOf = (p: unknown) =>
        evaluateClusterPolicy(p, pod('web:latest'), shop)[0].failureAction;
      expect(actionOf(policy([withoutAction]))).toBe('Audit');
      expect(
        actionOf(
          policy([withoutAction], {
            spec: { validationFailureAction: 'enforce' },
          }),
        ),
      ).toBe('Enforce');
      expect(
        actionOf(
          policy(
            [
              {
                ...noLatestRule,
                validate: { ...noLatestRule.validate, failureAction: 'Audit' },
              },
            ],
            {
              spec: { validationFailureAction: 'Enforce' },
            },
          ),
        ),
      ).toBe('Audit');
    });

    it('applies failureActionOverrides for matching namespaces', () => {
      const rule = {
        ...noLatestRule,
        validate: {
          ...noLatestRule.validate,
          failureActionOverrides: [{ action: 'Audit', namespaces: ['sh*'] }],
        },
      };
      expect(
        evaluateClusterPolicy(policy([rule]), pod('web:latest'), shop)[0]
          .failureAction,
      ).toBe('Audit');
    });
  });

  it('stops after the first applied rule when applyRules is One', () => {
    const second = { ...noLatestRule, name: 'second' };
    const results = evaluateClusterPolicy(
      policy([noLatestRule, second], { spec: { applyRules: 'One' } }),
      pod('web:latest'),
      shop,
    );
    expect(results.map(r => [r.rule, r.status])).toEqual([
      ['no-latest', 'fail'],
      ['second', 'skip'],
    ]);
  });

  it('applies a namespaced Policy only in its namespace', () => {
    const namespaced = {
      ...policy([noLatestRule]),
      kind: 'Policy',
      metadata: { name: 'p', namespace: 'other' },
    };
    expect(
      evaluateClusterPolicy(namespaced, pod('web:latest'), shop),
    ).toMatchObject([{ status: 'skip' }]);
  });

  describe('constructs it does not implement', () => {
    it.each<[string, Record<string, unknown>, string]>([
      [
        'preconditions',
        { preconditions: { all: [] } },
        "rule 'no-latest': preconditions",
      ],
      ['context', { context: [] }, "rule 'no-latest': context"],
      ['mutate', { mutate: {} }, "rule 'no-latest': mutate"],
      ['verifyImages', { verifyImages: [] }, "rule 'no-latest': verifyImages"],
      [
        'validate.deny',
        { validate: { deny: { conditions: [] } } },
        "rule 'no-latest': validate.deny",
      ],
      [
        'validate.foreach',
        { validate: { foreach: [] } },
        "rule 'no-latest': validate.foreach",
      ],
      [
        'validate.cel',
        { validate: { cel: {} } },
        "rule 'no-latest': validate.cel",
      ],
      [
        'match subjects',
        { match: { any: [{ subjects: [{ kind: 'User', name: 'x' }] }] } },
        "rule 'no-latest': match.any[0].subjects",
      ],
      [
        'subresource kinds',
        { match: { any: [{ resources: { kinds: ['Pod/exec'] } }] } },
        "rule 'no-latest': the kind selector 'Pod/exec'",
      ],
      [
        'a wildcard pattern key',
        { validate: { pattern: { metadata: { labels: { 'team-*': '?*' } } } } },
        "rule 'no-latest': the wildcard key 'team-*'",
      ],
      [
        'podSecurity.exclude',
        {
          validate: {
            podSecurity: {
              level: 'restricted',
              exclude: [{ controlName: 'Capabilities' }],
            },
          },
        },
        "rule 'no-latest': validate.podSecurity.exclude",
      ],
    ])(
      'throws for %s, naming the policy, the rule and the construct',
      (_name, change, text) => {
        const rule = { ...noLatestRule, ...change };
        const run = () =>
          evaluateClusterPolicy(policy([rule]), pod('web:v1'), shop);
        expect(run).toThrow(UnsupportedPolicyConstructError);
        expect(run).toThrow(`Kyverno policy 'test-policy' ${text}`);
      },
    );

    it('throws even for resources the rule does not select', () => {
      const rule = { ...noLatestRule, preconditions: { all: [] } };
      const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
      };
      expect(() => evaluateClusterPolicy(policy([rule]), service)).toThrow(
        UnsupportedPolicyConstructError,
      );
    });

    it('rejects malformed policies', () => {
      expect(() =>
        evaluateClusterPolicy(
          { ...policy([noLatestRule]), kind: 'ValidatingPolicy' },
          pod('x:v1'),
        ),
      ).toThrow(/kind "ValidatingPolicy"/);
      expect(() =>
        evaluateClusterPolicy(
          policy([{ ...noLatestRule, validate: { message: 'm' } }]),
          pod('x:v1'),
        ),
      ).toThrow(InvalidPolicyError);
      expect(() =>
        evaluateClusterPolicy(
          policy([
            {
              ...noLatestRule,
              validate: { ...noLatestRule.validate, failureAction: 'Block' },
            },
          ]),
          pod('x:v1'),
        ),
      ).toThrow(/failureAction must be Audit or Enforce/);
    });
  });
});
