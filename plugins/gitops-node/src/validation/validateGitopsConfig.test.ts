import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateGitopsConfig } from './validateGitopsConfig';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../../gitops-config');

jest.setTimeout(120_000);

/** A copy of the real repository with one change, validated. */
async function validateWith(change: (root: string) => Promise<void>) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-broken-'));
  try {
    await fs.cp(GITOPS_CONFIG, root, { recursive: true });
    await change(root);
    return await validateGitopsConfig(root);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function edit(
  root: string,
  file: string,
  from: string | RegExp,
  to: string,
) {
  const full = path.join(root, file);
  const text = await fs.readFile(full, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`${file} does not contain ${from}`);
  await fs.writeFile(full, changed);
}

describe('validateGitopsConfig', () => {
  it('finds nothing wrong with the checked-in GitOps repository', async () => {
    const findings = await validateGitopsConfig(GITOPS_CONFIG);
    expect(
      findings.map(f => `${f.file}:${f.line ?? ''} [${f.rule}] ${f.message}`),
    ).toEqual([]);
  });

  it('names the kustomization that does not build', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'apps/cart-service/base/kustomization.yaml',
        '  - service.yaml\n',
        '  - service.yaml\n  - missing.yaml\n',
      ),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'apps/cart-service/base/kustomization.yaml',
        rule: 'kustomize/build',
        message: expect.stringContaining('missing.yaml'),
      }),
    );
  });

  it('names the file, line and field that breaks a schema', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'apps/search-service/overlays/prod/pdb.yaml',
        /minAvailable: \d+/,
        'minAvailable: [2]',
      ),
    );
    expect(findings).toContainEqual({
      file: 'apps/search-service/overlays/prod/pdb.yaml',
      line: 1,
      rule: 'schema',
      message: expect.stringMatching(
        /^PodDisruptionBudget search-service\/search-service: spec\.minAvailable must be/,
      ),
    });
  });

  it('rejects an API version nobody serves any more', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'apps/frontend/overlays/prod/hpa.yaml',
        'autoscaling/v2',
        'autoscaling/v2beta1',
      ),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'apps/frontend/overlays/prod/hpa.yaml',
        rule: 'schema/unknown-kind',
        message: expect.stringContaining(
          'no schema for autoscaling/v2beta1 HorizontalPodAutoscaler',
        ),
      }),
    );
  });

  it('enforces the Kyverno policies on every overlay', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'apps/order-service/overlays/staging/kustomization.yaml',
        /newTag: v[\d.]+/,
        'newTag: latest',
      ),
    );
    const rules = findings
      .filter(f => f.rule.startsWith('kyverno/'))
      .map(f => f.rule);
    expect(rules).toContain('kyverno/disallow-latest-tag/validate-image-tag');
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'apps/order-service/base/deployment.yaml',
        rule: 'kyverno/disallow-latest-tag/validate-image-tag',
        message: expect.stringContaining(
          'apps/order-service/overlays/staging: Deployment order-service/order-service',
        ),
      }),
    );
  });

  it('reports a Flux Kustomization whose path does not exist or whose dependency is missing', async () => {
    const findings = await validateWith(async root => {
      await edit(
        root,
        'clusters/staging-cluster/apps/payment-service.yaml',
        './apps/payment-service/overlays/staging',
        './apps/payment-service/overlays/stage',
      );
      await edit(
        root,
        'clusters/prod-cluster/applications.yaml',
        '- name: infrastructure\n',
        '- name: infrastructure-core\n',
      );
    });
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'clusters/staging-cluster/apps/payment-service.yaml',
        rule: 'flux/path',
        message:
          'Kustomization flux-system/payment-service: spec.path ./apps/payment-service/overlays/stage is not a folder of the repository',
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'clusters/prod-cluster/applications.yaml',
        rule: 'flux/depends-on',
        message: expect.stringContaining(
          'depends on Kustomization infrastructure-core, which clusters/prod-cluster does not define',
        ),
      }),
    );
  });

  it('reports a post-build variable that no cluster substitutes', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'apps/order-service/base/serviceaccount.yaml',
        '${AWS_ACCOUNT_ID}',
        '${AWS_ACCOUNT}',
      ),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'apps/order-service/base/serviceaccount.yaml',
        rule: 'flux/substitution',
        message: expect.stringContaining(
          'uses ${AWS_ACCOUNT}, which Flux Kustomization order-service',
        ),
      }),
    );
  });

  it('runs promtool on alert rules and requires the design alerts', async () => {
    const findings = await validateWith(async root => {
      await edit(
        root,
        'infrastructure/base/prometheus/rules/cart-service-alerts.yaml',
        '> 0.05\n',
        '> 0.05 +\n',
      );
      await edit(
        root,
        'infrastructure/base/prometheus/rules/user-service-alerts.yaml',
        'alert: DatabaseConnectionPoolExhausted',
        'alert: DatabasePoolBusy',
      );
    });
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'infrastructure/base/prometheus/rules/cart-service-alerts.yaml',
        rule: 'prometheus/promtool',
        message: expect.stringMatching(
          /^PrometheusRule monitoring\/cart-service.*: .*parse error/,
        ),
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'infrastructure/base/prometheus/rules/user-service-alerts.yaml',
        rule: 'prometheus/required-alerts',
        message:
          'user-service has no alert DatabaseConnectionPoolExhausted (a PrometheusRule labelled app: user-service)',
      }),
    );
  });

  it('requires dashboards to be Grafana JSON with queries', async () => {
    const findings = await validateWith(root =>
      edit(
        root,
        'infrastructure/base/grafana/dashboards/search-service.yaml',
        '"panels": [',
        '"panels": [,',
      ),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        file: 'infrastructure/base/grafana/dashboards/search-service.yaml',
        rule: 'grafana/dashboard',
        message: expect.stringMatching(/search-service.*\.json is not JSON/),
      }),
    );
  });
});
