import {
  DirectoryFiles,
  validateTerraform,
} from '@goldenpath/backstage-plugin-gitops-node';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createInfraModuleAddAction } from './moduleAdd';
import {
  createWorkspace,
  mockContext,
  snapshot,
} from '../__testUtils__/gitopsWorkspace';

const run = promisify(execFile);

describe('infra:module:add', () => {
  const action = createInfraModuleAddAction();
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;

  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(() => workspace.remove());

  it('sizes and names a resource per environment as the spec says', async () => {
    await action.handler(
      mockContext(workspace.workspacePath, {
        repositoryPath: 'infrastructure',
        service: 'inventory-service',
        resources: ['postgresql'],
        spec: `postgresql:
  name: inventory_db
  sizing:
    prod: { instanceClass: db.r6g.large, allocatedStorage: 120 }
`,
      }) as any,
    );
    const block = (text: string) =>
      text.slice(text.indexOf('module "inventory_db" {')).split('\n}\n')[0];
    const prod = block(
      await workspace.read(
        'infrastructure/terraform/environments/prod/main.tf',
      ),
    );
    expect(prod).toMatch(/instance_class\s+= "db.r6g.large"/);
    expect(prod).toMatch(/allocated_storage\s+= 120/);
    const dev = block(
      await workspace.read('infrastructure/terraform/environments/dev/main.tf'),
    );
    expect(dev).toContain('module "inventory_db"');
    expect(dev).not.toContain('db.r6g.large');
  });

  it('adds a database and a queue in every environment, formatted and valid', async () => {
    const before = await workspace.read(
      'infrastructure/terraform/environments/prod/main.tf',
    );
    const ctx = mockContext(workspace.workspacePath, {
      repositoryPath: 'infrastructure',
      service: 'inventory-service',
      resources: ['postgresql', 'sqs'],
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    const changes = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'changes',
    )[1];
    expect(changes).toHaveLength(6);
    expect(changes[0]).toEqual({
      environment: 'dev',
      resource: 'postgresql',
      module: 'inventory_service_db',
      file: 'terraform/environments/dev/main.tf',
      changed: true,
    });
    const after = await workspace.read(
      'infrastructure/terraform/environments/prod/main.tf',
    );
    expect(after).toContain('module "inventory_service_db" {');
    expect(after).toContain('Service = "inventory-service"');
    // Everything that was there is still there, in order.
    expect(
      after.replace(
        /\n# [^\n]*\nmodule "inventory_service_(db|queue|dlq)" \{[\s\S]*?\n\}\n/g,
        '',
      ),
    ).toBe(before);
    const root = path.join(workspace.workspacePath, 'infrastructure');
    await expect(
      run('terraform', ['fmt', '-check', '-recursive', 'terraform'], {
        cwd: root,
      }),
    ).resolves.toBeDefined();
    await expect(validateTerraform(new DirectoryFiles(root))).resolves.toEqual(
      [],
    );
  });

  it('is idempotent, honours dry run, and names a bad environment', async () => {
    const input = {
      repositoryPath: 'infrastructure',
      service: 'inventory-service',
      resources: ['redis'],
      environments: ['dev'],
    };
    const before = await snapshot(workspace.workspacePath);
    const dry = mockContext(workspace.workspacePath, input, { isDryRun: true });
    await action.handler(dry as any);
    expect(dry.output).toHaveBeenCalledWith('changed', true);
    expect(await snapshot(workspace.workspacePath)).toEqual(before);

    await action.handler(mockContext(workspace.workspacePath, input) as any);
    const after = await snapshot(workspace.workspacePath);
    const again = mockContext(workspace.workspacePath, input);
    await action.handler(again as any);
    expect(again.output).toHaveBeenCalledWith('changed', false);
    expect(await snapshot(workspace.workspacePath)).toEqual(after);

    await expect(
      action.handler(
        mockContext(workspace.workspacePath, {
          ...input,
          environments: ['qa'],
        }) as any,
      ),
    ).rejects.toThrow(
      "Unknown environment 'qa'; expected one of: dev, staging, prod",
    );
  });
});
