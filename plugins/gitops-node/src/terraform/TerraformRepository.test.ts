import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ENVIRONMENTS,
  TerraformModuleInstance,
} from '@goldenpath/backstage-plugin-gitops-common';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UnknownNameError } from '../errors';
import { DirectoryFiles, TreeFiles } from '../files/RepositoryFiles';
import {
  INFRASTRUCTURE,
  copyOfInfrastructure,
  readTree,
} from './__testUtils__/infrastructure';
import { leadingCommentStart, scanHcl } from './hclText';
import { parseHcl } from './parseHcl';
import {
  SERVICE_RESOURCE_KINDS,
  ServiceResourceKind,
  ServiceResourceRequest,
  renderServiceResource,
} from './serviceResources';
import { TerraformRepository } from './TerraformRepository';
import { validateTerraform } from './validateTerraform';

const RESOURCE_OF_KIND: Record<string, ServiceResourceKind> = {
  rds: 'postgresql',
  elasticache: 'redis',
  s3: 's3',
  sqs: 'sqs',
};

/**
 * The request that stands for a checked-in instance: its service, name and
 * the base of its AWS name, and the sizing that may differ per service.
 * Everything else must come from the generator's conventions.
 */
function requestFor(
  instance: TerraformModuleInstance,
): ServiceResourceRequest | undefined {
  const resource = RESOURCE_OF_KIND[instance.kind];
  // A dead-letter queue is written together with its queue.
  if (!resource || !instance.service || instance.tags.Queue === 'dead-letter') {
    return undefined;
  }
  const args = instance.arguments;
  const base = (value: unknown) =>
    String(value)
      .replace(/^ecommerce-/, '')
      .replace(new RegExp(`-${instance.environment}$`), '');
  const request = {
    service: instance.service,
    resource,
    name: instance.name,
  };
  switch (resource) {
    case 'postgresql':
      return {
        ...request,
        resourceName: base(args.identifier),
        sizing: {
          instanceClass: args.instance_class as string,
          allocatedStorage: args.allocated_storage as number,
          maxAllocatedStorage: args.max_allocated_storage as number,
        },
      };
    case 'redis':
      return {
        ...request,
        resourceName: base(args.cluster_id),
        sizing: {
          nodeType: args.node_type as string,
          numCacheNodes: args.num_cache_nodes as number,
        },
      };
    case 's3':
      return { ...request, resourceName: base(args.bucket) };
    default:
      return { ...request, resourceName: base(args.name) };
  }
}

async function read(root: string, file: string) {
  return fs.readFile(path.join(root, file), 'utf8');
}

function mainTf(environment: string) {
  return `terraform/environments/${environment}/main.tf`;
}

function outputsTf(environment: string) {
  return `terraform/environments/${environment}/outputs.tf`;
}

/** Checks that `after` is `before` with `inserted` put in at one place. */
function expectOneInsertion(before: string, after: string, inserted: string) {
  const at = after.indexOf(inserted);
  expect(at).toBeGreaterThan(0);
  expect(after.slice(0, at) + after.slice(at + inserted.length)).toBe(before);
}

describe('TerraformRepository (read)', () => {
  const repository = new TerraformRepository(
    new DirectoryFiles(INFRASTRUCTURE),
  );

  it('lists the environments in promotion order', async () => {
    await expect(repository.environments()).resolves.toEqual([
      'dev',
      'staging',
      'prod',
    ]);
  });

  it('reads prod user_service_db as a Multi-AZ db.r6g.xlarge for user-service', async () => {
    const instances = await repository.moduleInstances('prod');
    const db = instances.find(i => i.name === 'user_service_db')!;
    expect(db).toMatchObject({
      environment: 'prod',
      source: '../../modules/database/rds',
      kind: 'rds',
      file: 'terraform/environments/prod/main.tf',
      service: 'user-service',
      tags: { Service: 'user-service' },
    });
    expect(db.arguments).toMatchObject({
      identifier: 'user-service-prod',
      instance_class: 'db.r6g.xlarge',
      multi_az: true,
      allocated_storage: 100,
      max_allocated_storage: 500,
      deletion_protection: true,
    });
    // Expressions are not literal arguments.
    expect(db.arguments).not.toHaveProperty('vpc_id');
    expect(db.arguments).not.toHaveProperty('source');
    const lines = (await read(INFRASTRUCTURE, db.file)).split('\n');
    expect(lines[db.line - 1]).toBe('module "user_service_db" {');
  });

  it('reads the shared sessions cache: 3 nodes in prod, 1 in dev, no service', async () => {
    const prod = (await repository.moduleInstances('prod')).find(
      i => i.name === 'redis_cache',
    )!;
    expect(prod.kind).toBe('elasticache');
    expect(prod.arguments).toMatchObject({
      num_cache_nodes: 3,
      node_type: 'cache.r6g.large',
      automatic_failover_enabled: true,
    });
    expect(prod.tags).toEqual({ Shared: 'true' });
    expect(prod.service).toBeUndefined();
    const dev = (await repository.moduleInstances('dev')).find(
      i => i.name === 'redis_cache',
    )!;
    expect(dev.arguments).toMatchObject({
      num_cache_nodes: 1,
      multi_az_enabled: false,
    });
  });

  it('gives every block its line and reads the dead-letter queue tags', async () => {
    for (const environment of ENVIRONMENTS) {
      const instances = await repository.moduleInstances(environment);
      expect(instances.map(i => i.name)).toEqual(
        expect.arrayContaining(['vpc', 'eks', 'order_queue', 'order_dlq']),
      );
      const lines = (await read(INFRASTRUCTURE, mainTf(environment))).split(
        '\n',
      );
      for (const instance of instances) {
        expect(lines[instance.line - 1]).toBe(`module "${instance.name}" {`);
      }
      expect(instances.find(i => i.name === 'order_dlq')!.tags).toEqual({
        Service: 'order-service',
        Queue: 'dead-letter',
      });
    }
  });

  it('reads the same through a read-only tree', async () => {
    const tree = new TerraformRepository(
      TreeFiles.fromEntries(await readTree(INFRASTRUCTURE)),
    );
    await expect(tree.environments()).resolves.toEqual(
      await repository.environments(),
    );
    for (const environment of ENVIRONMENTS) {
      const fromTree = await tree.moduleInstances(environment);
      expect(fromTree.length).toBeGreaterThan(5);
      expect(fromTree).toEqual(await repository.moduleInstances(environment));
    }
  });

  it('rejects an unknown environment, naming the known ones', async () => {
    const rejection = repository.moduleInstances('qa');
    await expect(rejection).rejects.toThrow(UnknownNameError);
    await expect(repository.moduleInstances('qa')).rejects.toThrow(
      "Unknown environment 'qa'; expected one of: dev, staging, prod",
    );
  });
});

describe('golden consistency of the generator with the checked-in instances', () => {
  const repository = new TerraformRepository(
    new DirectoryFiles(INFRASTRUCTURE),
  );

  it.each(ENVIRONMENTS.map(e => [e]))(
    'reproduces every per-service instance of %s exactly',
    async environment => {
      const text = await read(INFRASTRUCTURE, mainTf(environment));
      const blocks = scanHcl(text).blocks;
      const instances = await repository.moduleInstances(environment);
      const covered = new Set<string>();
      for (const instance of instances) {
        const request = requestFor(instance);
        if (!request) continue;
        const rendered = renderServiceResource(environment, request, {
          modulesPath: '../../modules',
        });
        const ranges = rendered.modules.map(
          m => blocks.find(b => b.type === 'module' && b.labels[0] === m.name)!,
        );
        const checkedIn = text.slice(
          leadingCommentStart(text, ranges[0].start),
          ranges[ranges.length - 1].end,
        );
        expect(rendered.modules.map(m => m.text).join('\n\n')).toBe(checkedIn);
        rendered.modules.forEach(m => covered.add(m.name));
      }
      // Every instance that belongs to one service of these kinds is covered.
      const perService = instances.filter(
        i => i.service && RESOURCE_OF_KIND[i.kind],
      );
      expect(perService.length).toBeGreaterThanOrEqual(7);
      expect([...covered].sort()).toEqual(perService.map(i => i.name).sort());
    },
  );

  it('changes nothing when asked again for every checked-in instance', async () => {
    // A read-only tree: any write would throw.
    const tree = new TerraformRepository(
      TreeFiles.fromEntries(await readTree(INFRASTRUCTURE)),
    );
    let calls = 0;
    for (const environment of ENVIRONMENTS) {
      for (const instance of await tree.moduleInstances(environment)) {
        const request = requestFor(instance);
        if (!request) continue;
        await expect(
          tree.addServiceResource(environment, request),
        ).resolves.toEqual({
          file: mainTf(environment),
          name: instance.name,
          changed: false,
          changedFiles: [],
        });
        calls++;
      }
    }
    expect(calls).toBeGreaterThanOrEqual(3 * 6);
  });
});

describe('TerraformRepository.addServiceResource', () => {
  let root: string;
  let repository: TerraformRepository;

  beforeEach(async () => {
    root = await copyOfInfrastructure();
    repository = new TerraformRepository(new DirectoryFiles(root));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(root, { recursive: true, force: true });
  });

  const defaultNames: Record<ServiceResourceKind, string[]> = {
    postgresql: ['inventory_service_db'],
    redis: ['inventory_service_cache'],
    s3: ['inventory_service_bucket'],
    sqs: ['inventory_service_queue', 'inventory_service_dlq'],
  };

  it.each(SERVICE_RESOURCE_KINDS.map(k => [k]))(
    'adds %s for a new service to all environments, formatted and valid, once',
    async resource => {
      const before = await readTree(root);
      for (const environment of ENVIRONMENTS) {
        const result = await repository.addServiceResource(environment, {
          service: 'inventory-service',
          resource,
        });
        expect(result).toEqual({
          file: mainTf(environment),
          name: defaultNames[resource][0],
          changed: true,
          changedFiles: [mainTf(environment), outputsTf(environment)],
        });

        // main.tf: one insertion of the generated blocks, nothing else moved.
        const rendered = renderServiceResource(
          environment,
          { service: 'inventory-service', resource },
          { modulesPath: '../../modules' },
        );
        expectOneInsertion(
          before[mainTf(environment)],
          await read(root, mainTf(environment)),
          `\n\n${rendered.modules.map(m => m.text).join('\n\n')}`,
        );

        const instances = await repository.moduleInstances(environment);
        for (const name of defaultNames[resource]) {
          const added = instances.find(i => i.name === name);
          expect(added?.service).toBe('inventory-service');
        }
        // Next to the instances of the same module.
        const added = instances.find(i => i.name === result.name)!;
        const previous = instances[instances.indexOf(added) - 1];
        expect(previous.source).toBe(added.source);
      }

      execFileSync(
        'terraform',
        ['fmt', '-check', '-recursive', path.join(root, 'terraform')],
        { stdio: 'pipe' },
      );
      await expect(
        validateTerraform(new DirectoryFiles(root)),
      ).resolves.toEqual([]);

      const once = await readTree(root);
      for (const environment of ENVIRONMENTS) {
        await expect(
          repository.addServiceResource(environment, {
            service: 'inventory-service',
            resource,
          }),
        ).resolves.toMatchObject({ changed: false, changedFiles: [] });
      }
      expect(await readTree(root)).toEqual(once);
      // Only main.tf and outputs.tf of the environments were touched.
      const touched = Object.keys(once).filter(f => once[f] !== before[f]);
      expect(touched.sort()).toEqual(
        ENVIRONMENTS.flatMap(e => [mainTf(e), outputsTf(e)]).sort(),
      );
    },
  );

  it('sizes a new database for each environment: small in dev, Multi-AZ r6g in prod', async () => {
    const sizes: Record<string, unknown> = {};
    for (const environment of ENVIRONMENTS) {
      await repository.addServiceResource(environment, {
        service: 'inventory-service',
        resource: 'postgresql',
      });
      const instance = (await repository.moduleInstances(environment)).find(
        i => i.name === 'inventory_service_db',
      )!;
      sizes[environment] = {
        identifier: instance.arguments.identifier,
        instance_class: instance.arguments.instance_class,
        multi_az: instance.arguments.multi_az,
        backup_retention_period: instance.arguments.backup_retention_period,
        deletion_protection: instance.arguments.deletion_protection,
      };
      // Protection and backups as the other databases of the environment.
      const existing = (await repository.moduleInstances(environment)).find(
        i => i.name === 'order_service_db',
      )!;
      for (const argument of [
        'multi_az',
        'backup_retention_period',
        'performance_insights_enabled',
        'monitoring_interval',
        'deletion_protection',
        'skip_final_snapshot',
        'engine_version',
      ]) {
        expect(instance.arguments[argument]).toEqual(
          existing.arguments[argument],
        );
      }
    }
    expect(sizes).toEqual({
      dev: {
        identifier: 'inventory-service-dev',
        instance_class: 'db.t4g.micro',
        multi_az: false,
        backup_retention_period: 1,
        deletion_protection: false,
      },
      staging: {
        identifier: 'inventory-service-staging',
        instance_class: 'db.t4g.medium',
        multi_az: false,
        backup_retention_period: 7,
        deletion_protection: true,
      },
      prod: {
        identifier: 'inventory-service-prod',
        instance_class: 'db.r6g.large',
        multi_az: true,
        backup_retention_period: 30,
        deletion_protection: true,
      },
    });
  });

  it('sizes a new cache like the sessions cache of each environment', async () => {
    for (const environment of ENVIRONMENTS) {
      await repository.addServiceResource(environment, {
        service: 'cart-service',
        resource: 'redis',
      });
      const instances = await repository.moduleInstances(environment);
      const added = instances.find(i => i.name === 'cart_service_cache')!;
      const sessions = instances.find(i => i.name === 'redis_cache')!;
      const { cluster_id: addedId, ...addedSizing } = added.arguments;
      const { cluster_id: _sessionsId, ...sessionsSizing } = sessions.arguments;
      expect(addedId).toBe(`cart-service-${environment}`);
      expect(addedSizing).toEqual(sessionsSizing);
      expect(added.tags).toEqual({ Service: 'cart-service' });
    }
  });

  it('adds the service to the per-service database outputs, realigned', async () => {
    const before = await read(root, outputsTf('prod'));
    await repository.addServiceResource('prod', {
      service: 'notification-service',
      resource: 'postgresql',
    });
    const after = await read(root, outputsTf('prod'));
    const outputs = (await parseHcl('outputs.tf', after)).output as Record<
      string,
      Array<{ value: Record<string, string>; sensitive?: boolean }>
    >;
    expect(outputs.database_endpoints[0].value).toEqual({
      'user-service': '${module.user_service_db.db_instance_endpoint}',
      'product-catalog': '${module.product_catalog_db.db_instance_endpoint}',
      'order-service': '${module.order_service_db.db_instance_endpoint}',
      'payment-service': '${module.payment_service_db.db_instance_endpoint}',
      'notification-service':
        '${module.notification_service_db.db_instance_endpoint}',
    });
    expect(outputs.database_endpoints[0].sensitive).toBe(true);
    expect(
      outputs.database_master_user_secret_arns[0].value['notification-service'],
    ).toBe('${module.notification_service_db.master_user_secret_arn}');
    // Outside the two edited outputs, the file is as it was.
    const strip = (text: string) =>
      text.replace(
        /output "database_(endpoints|master_user_secret_arns)" \{[\s\S]*?\n\}/g,
        '',
      );
    expect(strip(after)).toBe(strip(before));
  });

  it('adds queue outputs next to the existing queue outputs', async () => {
    await repository.addServiceResource('staging', {
      service: 'notification-service',
      resource: 'sqs',
      resourceName: 'notifications',
    });
    const outputs = await read(root, outputsTf('staging'));
    expect(outputs).toContain(`output "order_dlq_url" {
  description = "URL of the order processing dead-letter queue"
  value       = module.order_dlq.queue_url
}

output "notification_service_queue_url" {
  description = "URL of the notifications queue"
  value       = module.notification_service_queue.queue_url
}

output "notification_service_dlq_url" {
  description = "URL of the notifications dead-letter queue"
  value       = module.notification_service_dlq.queue_url
}
`);
    const main = await read(root, mainTf('staging'));
    expect(main).toContain(
      'name                       = "notifications-staging"',
    );
    expect(main).toContain(
      'name                      = "notifications-dlq-staging"',
    );
  });

  it('refuses to overwrite an instance of the same name with other arguments', async () => {
    const before = await readTree(root);
    const attempt = repository.addServiceResource('prod', {
      service: 'user-service',
      resource: 'postgresql',
    });
    await expect(attempt).rejects.toThrow(ConflictError);
    const line =
      (await read(root, mainTf('prod')))
        .split('\n')
        .indexOf('module "user_service_db" {') + 1;
    await expect(
      repository.addServiceResource('prod', {
        service: 'user-service',
        resource: 'postgresql',
      }),
    ).rejects.toThrow(
      new RegExp(
        `^terraform/environments/prod/main\\.tf:${line}: module "user_service_db" already exists with other arguments: .*instance_class is "db\\.r6g\\.xlarge" \\(the request gives "db\\.r6g\\.large"\\)`,
      ),
    );
    expect(await readTree(root)).toEqual(before);
  });

  it('rejects an unknown environment, naming dev, staging and prod', async () => {
    await expect(
      repository.addServiceResource('production', {
        service: 'inventory-service',
        resource: 'postgresql',
      }),
    ).rejects.toThrow(
      "Unknown environment 'production'; expected one of: dev, staging, prod",
    );
  });

  it('rejects requests that would give invalid names or sizing', async () => {
    await expect(
      repository.addServiceResource('dev', {
        service: 'Inventory Service',
        resource: 'postgresql',
      }),
    ).rejects.toThrow(InputError);
    await expect(
      repository.addServiceResource('dev', {
        service: 'inventory-service',
        resource: 's3',
        sizing: { instanceClass: 'db.t4g.micro' },
      }),
    ).rejects.toThrow('sizing.instanceClass does not apply to s3');
    await expect(
      repository.addServiceResource('dev', {
        service: 'inventory-service',
        resource: 'dynamodb' as ServiceResourceKind,
      }),
    ).rejects.toThrow(
      "Unknown resource 'dynamodb'; expected one of: postgresql, redis, s3, sqs",
    );
    // A list (from a spec written as YAML or JSON) is not a name, even when
    // its joined text would pass.
    for (const [request, message] of [
      [
        { resourceName: ['inventory-service'] },
        "resourceName 'inventory-service' is not valid",
      ],
      [{ name: ['inventory_db'] }, "Module name 'inventory_db' is not valid"],
      [
        { sizing: { instanceClass: ['db.t4g.micro'] } },
        "sizing.instanceClass 'db.t4g.micro' is not an RDS instance class",
      ],
    ] as const) {
      await expect(
        repository.addServiceResource('dev', {
          service: 'inventory-service',
          resource: 'postgresql',
          ...(request as object),
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
    }
  });

  it('leaves the old files intact when writing fails', async () => {
    const before = await readTree(root);
    const failure = new Error('No space left on device');
    jest.spyOn(fs, 'rename').mockRejectedValueOnce(failure);
    await expect(
      repository.addServiceResource('dev', {
        service: 'inventory-service',
        resource: 'postgresql',
      }),
    ).rejects.toBe(failure);
    // Neither main.tf nor outputs.tf changed, and no temporary file is left.
    expect(await readTree(root)).toEqual(before);
  });

  it('cannot edit a repository read through a URL', async () => {
    const tree = new TerraformRepository(
      TreeFiles.fromEntries(await readTree(INFRASTRUCTURE)),
    );
    await expect(
      tree.addServiceResource('dev', {
        service: 'inventory-service',
        resource: 'postgresql',
      }),
    ).rejects.toThrow(NotAllowedError);
  });
});
