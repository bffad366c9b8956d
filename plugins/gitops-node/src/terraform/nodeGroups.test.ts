import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DirectoryFiles, TreeFiles } from '../files/RepositoryFiles';
import { INFRASTRUCTURE, lineContaining } from './__testUtils__/infrastructure';
import { readNodeGroups } from './nodeGroups';
import { TerraformRepository } from './TerraformRepository';

describe('readNodeGroups', () => {
  const files = new DirectoryFiles(INFRASTRUCTURE);
  const mainOf = (env: string) =>
    fs.readFile(
      path.join(INFRASTRUCTURE, `terraform/environments/${env}/main.tf`),
      'utf8',
    );

  it('reads the checked-in prod node groups with their sizes, capacity and taints', async () => {
    const main = await mainOf('prod');
    const groups = await readNodeGroups(files, 'prod');
    expect(groups).toEqual([
      {
        environment: 'prod',
        module: 'eks',
        key: 'general',
        name: 'general',
        instanceTypes: ['t3.large'],
        capacityType: 'ON_DEMAND',
        minSize: 3,
        maxSize: 10,
        desiredSize: 5,
        labels: { role: 'general', workload: 'applications' },
        taints: [],
        file: 'terraform/environments/prod/main.tf',
        line: lineContaining(main, 'general = {'),
      },
      {
        environment: 'prod',
        module: 'eks',
        key: 'compute_optimized',
        name: 'compute',
        instanceTypes: ['c5.xlarge'],
        capacityType: 'SPOT',
        minSize: 0,
        maxSize: 20,
        desiredSize: 2,
        labels: { role: 'compute', workload: 'batch-jobs' },
        taints: [{ key: 'workload', value: 'compute', effect: 'NoSchedule' }],
        file: 'terraform/environments/prod/main.tf',
        line: lineContaining(main, 'compute_optimized = {'),
      },
    ]);
  });

  it('gives dev its single small group', async () => {
    const groups = await readNodeGroups(files, 'dev');
    expect(
      groups.map(g => [g.key, g.instanceTypes, g.desiredSize, g.capacityType]),
    ).toEqual([['general', ['t3.medium'], 2, 'ON_DEMAND']]);
  });

  it('reuses module instances already read, and reads quoted keys and defaults', async () => {
    const main = [
      'module "cluster" {',
      '  source = "../../modules/compute/eks"',
      '',
      '  node_groups = {',
      '    "batch" = {',
      '      instance_types = ["m5.large", "m5a.large"]',
      '      min_size       = 1',
      '      max_size       = 2',
      '      desired_size   = 1',
      '    }',
      '  }',
      '}',
      '',
      'module "db" {',
      '  source = "../../modules/database/rds"',
      '}',
      '',
    ].join('\n');
    const tree = TreeFiles.fromEntries({
      'terraform/environments/staging/main.tf': main,
    });
    const instances = await new TerraformRepository(tree).moduleInstances(
      'staging',
    );
    const groups = await readNodeGroups(tree, 'staging', { instances });
    expect(groups).toEqual([
      expect.objectContaining({
        module: 'cluster',
        key: 'batch',
        name: 'batch',
        instanceTypes: ['m5.large', 'm5a.large'],
        capacityType: 'ON_DEMAND',
        taints: [],
        labels: {},
        line: 5,
      }),
    ]);
  });

  it('names the environments it knows when asked for another', async () => {
    await expect(readNodeGroups(files, 'qa')).rejects.toThrow(
      "Unknown environment 'qa'; expected one of: dev, staging, prod",
    );
  });
});
