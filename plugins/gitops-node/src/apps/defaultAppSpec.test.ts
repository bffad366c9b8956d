import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { defaultAppSpec, INITIAL_TAGS } from './defaultAppSpec';
import { renderApp } from './renderApp';
import { APP_KINDS } from './types';

const run = promisify(execFile);

describe('defaultAppSpec', () => {
  it('starts a service with its own data stores named after it', () => {
    const spec = defaultAppSpec({
      name: 'inventory-service',
      kind: 'java',
      owner: 'checkout-team',
      database: true,
      cache: true,
      queue: true,
      bucket: true,
    });
    const files = renderApp(spec);
    const overlay =
      files['apps/inventory-service/overlays/prod/kustomization.yaml'];
    expect(overlay).toContain(
      'DB_HOST=inventory-service-db.prod.ecommerce.internal',
    );
    expect(files['apps/inventory-service/base/config.env']).toContain(
      'DB_NAME=inventoryservice\n',
    );
    expect(overlay).toContain('ORDER_QUEUE_NAME=inventory-service-prod');
    expect(overlay).toContain(
      'PRODUCT_IMAGES_BUCKET=ecommerce-inventory-service-prod',
    );
    expect(overlay).toContain(`newTag: ${INITIAL_TAGS.prod}`);
    expect(files['apps/inventory-service/base/serviceaccount.yaml']).toContain(
      'role/${CLUSTER_NAME}-inventory-service',
    );
  });

  it('leaves data stores out unless asked', () => {
    const files = renderApp(
      defaultAppSpec({ name: 'pricing', kind: 'node', owner: 'catalog-team' }),
    );
    expect(files['apps/pricing/base/externalsecret.yaml']).toBeUndefined();
    expect(files['apps/pricing/base/config.env']).not.toContain('DB_');
    expect(files['apps/pricing/base/serviceaccount.yaml']).not.toContain(
      'role-arn',
    );
  });

  it.each(APP_KINDS)(
    'gives a %s app manifests that kustomize builds',
    async kind => {
      const spec = defaultAppSpec({
        name: `new-${kind}`,
        kind,
        owner: 'web-team',
        database: kind === 'java',
      });
      const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'gitops-default-'));
      try {
        for (const [file, text] of Object.entries(renderApp(spec))) {
          await fs.mkdir(path.dirname(path.join(temp, file)), {
            recursive: true,
          });
          await fs.writeFile(path.join(temp, file), text);
        }
        const { stdout } = await run(
          'kubectl',
          ['kustomize', `apps/new-${kind}/overlays/prod`],
          { cwd: temp, maxBuffer: 16 * 1024 * 1024 },
        );
        const kinds = parseAllDocuments(stdout).map(d => d.toJS().kind);
        expect(kinds).toEqual(
          expect.arrayContaining([
            'Deployment',
            'HorizontalPodAutoscaler',
            'NetworkPolicy',
            ...(kind === 'frontend' ? ['Ingress'] : []),
          ]),
        );
        expect(stdout).toContain(
          `ghcr.io/ecommerce-platform/new-${kind}:v0.0.0`,
        );
      } finally {
        await fs.rm(temp, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
