import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplates from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { run } from '../cli';

jest.setTimeout(120_000);

describe('gitops template run, against a real scaffolder', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let portalUrl: string;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleTemplates,
        scaffolderPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Template'] }],
              locations: [
                {
                  type: 'file',
                  target: path.resolve(
                    __dirname,
                    '../__fixtures__/release-check.yaml',
                  ),
                },
              ],
            },
          },
        }),
      ],
    });
    portalUrl = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }`;
    // Wait for the catalog to have the template.
    for (let i = 0; i < 200; i++) {
      const response = await fetch(
        `${portalUrl}/api/catalog/entities/by-name/template/default/release-check`,
        { headers: { authorization: mockCredentials.user.header() } },
      );
      if (response.ok) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });
  afterAll(() => backend?.stop());

  async function gitops(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, {
      io: { log: l => out.push(l), error: l => err.push(l) },
      env: { GITOPS_PORTAL_TOKEN: mockCredentials.user.token() },
      cwd: process.cwd(),
    });
    return { code, out, err };
  }

  it('starts the template, prints its log and its output, and exits 0', async () => {
    const result = await gitops(
      'template',
      'run',
      'template:default/release-check',
      '--portal-url',
      portalUrl,
      '--values',
      'service=user-service',
    );
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(
      /^Started task [\w-]+ \(template:default\/release-check\)$/,
    );
    expect(result.out).toContainEqual(
      expect.stringMatching(/^\[announce\] info: .*Checking user-service/),
    );
    expect(result.out).toContain('status=completed');
  });

  it('exits non-zero when the task fails', async () => {
    const result = await gitops(
      'template',
      'run',
      'template:default/release-check',
      '--portal-url',
      portalUrl,
      '--values',
      'service=user-service',
      '--values',
      'fail=true',
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain('status=failed');
    expect(result.err[result.err.length - 1]).toMatch(
      /^error: Task [\w-]+ failed$/,
    );
  });

  it('names the template the portal does not know', async () => {
    const result = await gitops(
      'template',
      'run',
      'template:default/nope',
      '--portal-url',
      portalUrl,
    );
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(
      /^error: The portal refused to start template:default\/nope: 4\d\d /,
    );
  });
});
