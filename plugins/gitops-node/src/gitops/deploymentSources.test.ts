import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DirectoryFiles, TreeFiles } from '../files/RepositoryFiles';
import {
  DeploymentFiguresReader,
  readDeploymentSources,
} from './deploymentSources';

const GITOPS_CONFIG = path.resolve(__dirname, '../../../../gitops-config');

async function lineOf(file: string, needle: string, after = 0) {
  const lines = (
    await fs.readFile(path.join(GITOPS_CONFIG, file), 'utf8')
  ).split('\n');
  const index = lines.findIndex((l, i) => i >= after && l.includes(needle));
  if (index === -1) throw new Error(`${file} has no '${needle}'`);
  return index + 1;
}

describe('readDeploymentSources', () => {
  const files = new DirectoryFiles(GITOPS_CONFIG);

  it('points at the overlay patches and the HPA of user-service in prod', async () => {
    const overlay = 'apps/user-service/overlays/prod';
    const resources = `${overlay}/patch-resources.yaml`;
    const requests = await lineOf(resources, 'requests:');
    const limits = await lineOf(resources, 'limits:');
    expect(await readDeploymentSources(files, 'user-service', 'prod')).toEqual({
      replicas: {
        file: `${overlay}/patch-replicas.yaml`,
        line: await lineOf(`${overlay}/patch-replicas.yaml`, 'replicas:'),
      },
      cpuRequest: {
        file: resources,
        line: await lineOf(resources, 'cpu:', requests),
      },
      memoryRequest: {
        file: resources,
        line: await lineOf(resources, 'memory:', requests),
      },
      cpuLimit: {
        file: resources,
        line: await lineOf(resources, 'cpu:', limits),
      },
      memoryLimit: {
        file: resources,
        line: await lineOf(resources, 'memory:', limits),
      },
      minReplicas: {
        file: `${overlay}/hpa.yaml`,
        line: await lineOf(`${overlay}/hpa.yaml`, 'minReplicas:'),
      },
      maxReplicas: {
        file: `${overlay}/hpa.yaml`,
        line: await lineOf(`${overlay}/hpa.yaml`, 'maxReplicas:'),
      },
    });
  });

  it('names the file that is missing or broken', async () => {
    const tree = TreeFiles.fromEntries({
      'apps/cart/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'apps/cart/base/deployment.yaml':
        'kind: Deployment\nmetadata:\n  name: cart\n',
      'apps/cart/overlays/prod/kustomization.yaml': 'patches: [\n',
    });
    const reader = new DeploymentFiguresReader(tree);
    await expect(reader.figures('cart', 'dev')).rejects.toThrow(
      'apps/cart/overlays/dev/kustomization.yaml: expected this file to exist',
    );
    await expect(reader.figures('cart', 'prod')).rejects.toThrow(
      /^apps\/cart\/overlays\/prod\/kustomization\.yaml:\d+: invalid YAML/,
    );
    await expect(reader.figures('shop', 'prod')).rejects.toThrow(
      'apps/shop/base/kustomization.yaml: expected this file to exist',
    );
  });

  it('has no autoscaler lines where the overlay has no HPA', async () => {
    const sources = await readDeploymentSources(files, 'user-service', 'dev');
    expect(sources.minReplicas).toBeUndefined();
    expect(sources.replicas?.file).toBe(
      'apps/user-service/overlays/dev/patch-replicas.yaml',
    );
  });

  it('falls back to the base and reads inline patches with their file lines', async () => {
    const tree = TreeFiles.fromEntries({
      'apps/cart/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'apps/cart/base/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: cart',
        'spec:',
        '  replicas: 2',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: sidecar',
        '          resources:',
        '            requests:',
        '              cpu: 5m',
        '        - name: cart',
        '          resources:',
        '            requests:',
        '              cpu: 100m',
        '              memory: 128Mi',
        '',
      ].join('\n'),
      'apps/cart/overlays/staging/kustomization.yaml': [
        'resources:',
        '  - ../../base',
        'patches:',
        '  - patch: |-',
        '      apiVersion: apps/v1',
        '      kind: Deployment',
        '      metadata:',
        '        name: cart',
        '      spec:',
        '        template:',
        '          spec:',
        '            containers:',
        '              - name: cart',
        '                resources:',
        '                  requests:',
        '                    memory: 256Mi',
        '',
      ].join('\n'),
    });
    expect(await readDeploymentSources(tree, 'cart', 'staging')).toEqual({
      replicas: { file: 'apps/cart/base/deployment.yaml', line: 6 },
      cpuRequest: { file: 'apps/cart/base/deployment.yaml', line: 17 },
      memoryRequest: {
        file: 'apps/cart/overlays/staging/kustomization.yaml',
        line: 16,
      },
    });
  });
});
