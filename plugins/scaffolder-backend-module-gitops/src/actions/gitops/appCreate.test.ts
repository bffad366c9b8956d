import { validateGitopsConfig } from '@goldenpath/backstage-plugin-gitops-node/validation';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'node:path';
import { createGitopsAppCreateAction } from './appCreate';
import {
  createWorkspace,
  mockContext,
  snapshot,
} from '../__testUtils__/gitopsWorkspace';

jest.setTimeout(120_000);

describe('gitops:app:create', () => {
  const action = createGitopsAppCreateAction();
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(() => workspace.remove());

  const input = {
    repositoryPath: 'gitops',
    name: 'inventory-service',
    kind: 'node',
    owner: 'group:default/checkout-team',
    database: true,
    dependencies: ['product-catalog'],
  };

  it('adds a service that the validation suite accepts', async () => {
    const ctx = mockContext(workspace.workspacePath, input);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('path', 'apps/inventory-service');
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'created',
      expect.arrayContaining([
        'apps/inventory-service/base/deployment.yaml',
        'apps/inventory-service/overlays/prod/hpa.yaml',
        'clusters/prod-cluster/apps/inventory-service.yaml',
        'infrastructure/base/prometheus/rules/inventory-service-alerts.yaml',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'updated',
      expect.arrayContaining([
        'apps/product-catalog/overlays/prod/networkpolicy.yaml',
      ]),
    );
    const deployment = await workspace.read(
      'gitops/apps/inventory-service/base/deployment.yaml',
    );
    expect(deployment).toContain(
      'image: ghcr.io/ecommerce-platform/inventory-service',
    );
    const rules = await workspace.read(
      'gitops/infrastructure/base/prometheus/rules/inventory-service-alerts.yaml',
    );
    expect(rules).toContain('DatabaseConnectionPoolExhausted');
    await expect(
      validateGitopsConfig(path.join(workspace.workspacePath, 'gitops')),
    ).resolves.toEqual([]);
  });

  it('changes nothing when run again (a retried task)', async () => {
    await action.handler(mockContext(workspace.workspacePath, input) as any);
    const after = await snapshot(workspace.workspacePath);
    const again = mockContext(workspace.workspacePath, input);
    await action.handler(again as any);
    expect(again.output).toHaveBeenCalledWith('changed', false);
    expect(await snapshot(workspace.workspacePath)).toEqual(after);
  });

  it('lists what it would write in a dry run, and writes nothing', async () => {
    const before = await snapshot(workspace.workspacePath);
    const ctx = mockContext(workspace.workspacePath, input, { isDryRun: true });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'created',
      expect.arrayContaining([
        'apps/inventory-service/base/kustomization.yaml',
      ]),
    );
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });

  it('takes the app parameters the form does not ask as YAML text or an object', async () => {
    const sizing = `sizing:
  dev: { replicas: 2, requests: { cpu: 75m, memory: 192Mi }, limits: { cpu: 300m, memory: 384Mi } }
  staging: { replicas: 2, requests: { cpu: 100m, memory: 192Mi }, limits: { cpu: 300m, memory: 384Mi } }
  prod: { replicas: 4, requests: { cpu: 150m, memory: 256Mi }, limits: { cpu: 500m, memory: 512Mi } }
`;
    await action.handler(
      mockContext(workspace.workspacePath, { ...input, spec: sizing }) as any,
    );
    const dev = await workspace.read(
      'gitops/apps/inventory-service/overlays/dev/patch-replicas.yaml',
    );
    expect(dev).toMatch(/replicas: 2/);

    // An unset form field arrives as empty text: the defaults apply.
    const other = await createWorkspace();
    try {
      await action.handler(
        mockContext(other.workspacePath, { ...input, spec: '' }) as any,
      );
      expect(
        await other.read(
          'gitops/apps/inventory-service/overlays/dev/patch-replicas.yaml',
        ),
      ).toMatch(/replicas: 1/);
      await expect(
        action.handler(
          mockContext(other.workspacePath, { ...input, spec: '- 1' }) as any,
        ),
      ).rejects.toThrow(/spec must be an object/);
      for (const [spec, message] of [
        ['replicas: [', /^spec is not a YAML or JSON object of .*: /],
        // Aliases are refused rather than expanded.
        ['a: &a [x]\nb: *a', /^spec is not a YAML or JSON object of .*alias/i],
      ]) {
        await expect(
          action.handler(
            mockContext(other.workspacePath, { ...input, spec }) as any,
          ),
        ).rejects.toMatchObject({ name: 'InputError', message });
      }
    } finally {
      await other.remove();
    }
  });

  it('rejects a bad or taken name before writing anything', async () => {
    const before = await snapshot(workspace.workspacePath);
    const run = (overrides: Record<string, unknown>) =>
      action.handler(
        mockContext(workspace.workspacePath, { ...input, ...overrides }) as any,
      );
    await expect(run({ name: '../x' })).rejects.toThrow(/name/);
    await expect(run({ name: 'Inventory_Service' })).rejects.toThrow(/name/);
    await expect(run({ name: 'user-service', kind: 'java' })).rejects.toThrow(
      /user-service/,
    );
    await expect(run({ dependencies: ['billing'] })).rejects.toThrow(/billing/);
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });
});

describe('gitops:app:create with the catalog', () => {
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'checkout-team' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'legacy-billing' },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'checkout-team',
        },
      },
    ],
  });
  const action = createGitopsAppCreateAction({ catalog });
  const input = {
    repositoryPath: 'gitops',
    name: 'inventory-service',
    kind: 'node',
    owner: 'checkout-team',
  };

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(() => workspace.remove());

  it('accepts a known owner and a free name', async () => {
    const ctx = mockContext(workspace.workspacePath, input);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
  });

  it('refuses an unknown owner or a name the catalog already has, writing nothing', async () => {
    const before = await snapshot(workspace.workspacePath);
    await expect(
      action.handler(
        mockContext(workspace.workspacePath, {
          ...input,
          owner: 'group:default/nobody',
        }) as any,
      ),
    ).rejects.toThrow(
      "owner 'group:default/nobody' is not in the catalog; expected a group or user",
    );
    await expect(
      action.handler(
        mockContext(workspace.workspacePath, {
          ...input,
          name: 'legacy-billing',
        }) as any,
      ),
    ).rejects.toThrow(
      'The name legacy-billing is taken: component:default/legacy-billing is already in the catalog',
    );
    expect(await snapshot(workspace.workspacePath)).toEqual(before);
  });
});
