import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { enforcePolicies, KyvernoFinding } from './enforcePolicies';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../../../gitops-config');
const POLICIES_DIR = path.join(GITOPS_CONFIG, 'policies');
const USER_SERVICE_PROD = path.join(
  GITOPS_CONFIG,
  'apps/user-service/overlays/prod',
);

type Resource = Record<string, any>;

function parseYamlStream(text: string): Resource[] {
  return parseAllDocuments(text)
    .map(document => {
      if (document.errors.length > 0) {
        throw document.errors[0];
      }
      return document.toJS() as Resource;
    })
    .filter(value => value !== null && value !== undefined);
}

async function readPolicies(): Promise<Resource[]> {
  const kustomization = parseYamlStream(
    await fs.readFile(path.join(POLICIES_DIR, 'kustomization.yaml'), 'utf8'),
  )[0];
  const policies: Resource[] = [];
  for (const file of kustomization.resources as string[]) {
    policies.push(
      ...parseYamlStream(
        await fs.readFile(path.join(POLICIES_DIR, file), 'utf8'),
      ),
    );
  }
  return policies;
}

async function kustomize(dir: string): Promise<Resource[]> {
  const { stdout } = await promisify(execFile)('kubectl', ['kustomize', dir], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseYamlStream(stdout);
}

describe('enforcePolicies on the platform policies', () => {
  let policies: Resource[];
  let rendered: Resource[];

  beforeAll(async () => {
    policies = await readPolicies();
    rendered = await kustomize(USER_SERVICE_PROD);
  }, 60_000);

  /** A deep copy of the rendered overlay with its Deployment changed. */
  function withDeployment(change: (deployment: Resource) => void): Resource[] {
    const copy = structuredClone(rendered);
    const deployment = copy.find(r => r.kind === 'Deployment');
    if (!deployment) {
      throw new Error('The overlay renders no Deployment');
    }
    change(deployment);
    return copy;
  }

  function summary(findings: KyvernoFinding[]) {
    return findings.map(f => ({ rule: f.rule, path: f.path }));
  }

  it('reads the four policies and renders a Deployment in a labelled Namespace', () => {
    expect(policies.map(p => p.metadata.name).sort()).toEqual([
      'disallow-latest-tag',
      'require-pod-security',
      'require-probes',
      'require-resource-limits',
    ]);
    expect(rendered.map(r => r.kind)).toEqual(
      expect.arrayContaining(['Namespace', 'Deployment']),
    );
  });

  it('finds nothing wrong with the prod overlay of user-service', () => {
    expect(enforcePolicies(policies, rendered)).toEqual([]);
  });

  it('rejects an image tagged latest', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        d.spec.template.spec.containers[0].image =
          'ghcr.io/ecommerce-platform/user-service:latest';
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/disallow-latest-tag/validate-image-tag',
        path: 'spec.template.spec.containers[0].image',
      },
    ]);
    expect(findings[0]).toMatchObject({
      failureAction: 'Enforce',
      resource: {
        kind: 'Deployment',
        namespace: 'user-service',
        name: 'user-service',
      },
    });
    expect(findings[0].message).toBe(
      "Deployment user-service/user-service: The latest tag is not allowed; pin a sha-<commit> or vX.Y.Z tag. spec.template.spec.containers[0].image: '!*:latest' does not match 'ghcr.io/ecommerce-platform/user-service:latest'",
    );
  });

  it('rejects an init container image without a tag', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        d.spec.template.spec.initContainers[0].image = 'busybox';
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/disallow-latest-tag/require-image-tag',
        path: 'spec.template.spec.initContainers[0].image',
      },
    ]);
    expect(findings[0].message).toContain("'*:*' does not match 'busybox'");
  });

  it('rejects a container without a memory limit', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        delete d.spec.template.spec.containers[0].resources.limits.memory;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-resource-limits/require-requests-and-limits',
        path: 'spec.template.spec.containers[0].resources.limits.memory',
      },
    ]);
    expect(findings[0].message).toContain(
      "Deployment user-service/user-service: Every container must set resources.requests.{cpu,memory} and resources.limits.{cpu,memory}. spec.template.spec.containers[0].resources.limits.memory: field is missing; expected '?*'",
    );
  });

  it('rejects an init container without limits at all', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        delete d.spec.template.spec.initContainers[0].resources.limits;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-resource-limits/require-requests-and-limits',
        path: 'spec.template.spec.initContainers[0].resources.limits',
      },
    ]);
  });

  it('rejects a container without a readiness probe', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        delete d.spec.template.spec.containers[0].readinessProbe;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-probes/require-liveness-and-readiness',
        path: 'spec.template.spec.containers[0].readinessProbe',
      },
    ]);
    expect(findings[0].message).toContain(
      'Every container must define livenessProbe and readinessProbe. spec.template.spec.containers[0].readinessProbe: required field is missing',
    );
  });

  it('rejects a probe period of 0', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        d.spec.template.spec.containers[0].livenessProbe.periodSeconds = 0;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-probes/require-liveness-and-readiness',
        path: 'spec.template.spec.containers[0].livenessProbe.periodSeconds',
      },
    ]);
  });

  it('rejects runAsNonRoot false and a privileged container', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        const container = d.spec.template.spec.containers[0];
        container.securityContext.runAsNonRoot = false;
        container.securityContext.privileged = true;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-pod-security/restricted',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
      },
      {
        rule: 'kyverno/require-pod-security/restricted',
        path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      },
    ]);
    expect(findings[1].message).toContain(
      'container "user-service" must not set securityContext.runAsNonRoot=false',
    );
  });

  it('rejects a pod without a seccomp profile', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        delete d.spec.template.spec.securityContext.seccompProfile;
      }),
    );
    expect(summary(findings)).toEqual([
      {
        rule: 'kyverno/require-pod-security/restricted',
        path: 'spec.template.spec.initContainers[0].securityContext.seccompProfile.type',
      },
      {
        rule: 'kyverno/require-pod-security/restricted',
        path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type',
      },
    ]);
  });

  it('skips pods in namespaces not labelled part-of ecommerce-platform', () => {
    const broken = withDeployment(d => {
      d.spec.template.spec.containers[0].image = 'nginx:latest';
      delete d.spec.template.spec.containers[0].resources;
    });
    expect(enforcePolicies(policies, broken)).not.toEqual([]);
    const namespace = broken.find(r => r.kind === 'Namespace');
    if (!namespace) {
      throw new Error('The overlay renders no Namespace');
    }
    delete namespace.metadata.labels['app.kubernetes.io/part-of'];
    expect(enforcePolicies(policies, broken)).toEqual([]);
    // Without its Namespace object the namespace's labels are unknown.
    expect(
      enforcePolicies(
        policies,
        broken.filter(r => r.kind !== 'Namespace'),
      ),
    ).toEqual([]);
    expect(
      enforcePolicies(
        policies,
        broken.filter(r => r.kind !== 'Namespace'),
        {
          namespaceLabels: {
            'user-service': {
              'app.kubernetes.io/part-of': 'ecommerce-platform',
            },
          },
        },
      ).length,
    ).toBeGreaterThan(0);
  });

  it('names the file the caller says the resource came from', () => {
    const findings = enforcePolicies(
      policies,
      withDeployment(d => {
        d.spec.template.spec.containers[0].image = 'x:latest';
      }),
      { fileOf: resource => `rendered/${(resource as Resource).kind}.yaml` },
    );
    expect(findings.map(f => f.file)).toEqual(['rendered/Deployment.yaml']);
  });

  it('says when a failure is Audit only', () => {
    const audit = policies.map(p =>
      p.metadata.name === 'disallow-latest-tag'
        ? {
            ...p,
            spec: {
              ...p.spec,
              rules: p.spec.rules.map((r: Resource) => ({
                ...r,
                validate: { ...r.validate, failureAction: 'Audit' },
              })),
            },
          }
        : p,
    );
    const [finding] = enforcePolicies(
      audit,
      withDeployment(d => {
        d.spec.template.spec.containers[0].image = 'x:latest';
      }),
    );
    expect(finding.failureAction).toBe('Audit');
    expect(finding.message).toMatch(/\(Audit only\)$/);
  });
});
