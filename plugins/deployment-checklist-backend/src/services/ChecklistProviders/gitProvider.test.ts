import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceEntity } from '../../__testUtils__/entities';
import { createGitProvider, sourceFile, versionPattern } from './gitProvider';
import { providerContext } from './testContext';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

const CHANGELOG = `# Changelog

## [1.2.3] - 2026-11-20
### Fixed
- Sessions expire after 30 minutes.

## [1.2.0] - 2026-10-01
`;

describe('git provider', () => {
  it('finds a version as a whole word, with or without its v or sha- prefix', () => {
    expect(versionPattern('v1.2.3').test('## [1.2.3] - 2026-11-20')).toBe(true);
    expect(versionPattern('v1.2.3').test('## v1.2.3')).toBe(true);
    expect(versionPattern('v1.2.3').test('## 1.2.30')).toBe(false);
    expect(versionPattern('v1.2.3').test('## 1.2.3.4')).toBe(false);
    expect(versionPattern('v1.2.3').test('## 11.2.3')).toBe(false);
    expect(versionPattern('sha-c71f2e8').test('- c71f2e8 fix')).toBe(true);
  });

  it('reads a file of the repository the source location names', () => {
    expect(
      sourceFile(
        'url:https://github.com/ecommerce-platform/app-user-service',
        'CHANGELOG.md',
        integrations,
      ),
    ).toEqual({
      type: 'url',
      target:
        'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md',
    });
    expect(
      sourceFile(
        'url:https://github.com/ecommerce-platform/app-user-service/tree/main/',
        'CHANGELOG.md',
        integrations,
      ).target,
    ).toBe(
      'https://github.com/ecommerce-platform/app-user-service/blob/main/CHANGELOG.md',
    );
  });

  it('passes when the CHANGELOG mentions the version, quoting the line', async () => {
    const reader = mockServices.urlReader.mock({
      readUrl: async () => ({ buffer: async () => Buffer.from(CHANGELOG) }),
    });
    const provider = createGitProvider({ reader, integrations });
    const outcome = await provider.check(
      { type: 'git' },
      providerContext({ entity: serviceEntity('user-service') }),
    );
    expect(reader.readUrl).toHaveBeenCalledWith(
      'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md',
      expect.anything(),
    );
    expect(outcome).toEqual({
      status: 'passed',
      evidence: {
        value: '## [1.2.3] - 2026-11-20',
        query:
          'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md',
        link: 'https://github.com/ecommerce-platform/app-user-service/blob/HEAD/CHANGELOG.md',
      },
    });
  });

  it('fails when it does not, or when the file is missing', async () => {
    const provider = createGitProvider({
      reader: mockServices.urlReader.mock({
        readUrl: async () => ({ buffer: async () => Buffer.from(CHANGELOG) }),
      }),
      integrations,
    });
    const outcome = await provider.check(
      { type: 'git' },
      providerContext({
        entity: serviceEntity('user-service'),
        version: 'v1.3.0',
      }),
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      evidence: { error: 'CHANGELOG.md does not mention v1.3.0' },
    });

    const missing = createGitProvider({
      reader: mockServices.urlReader.mock({
        readUrl: async () => {
          throw new NotFoundError('not found');
        },
      }),
      integrations,
    });
    expect(
      await missing.check(
        { type: 'git', file: 'docs/CHANGES.md' },
        providerContext({ entity: serviceEntity('user-service') }),
      ),
    ).toMatchObject({
      status: 'failed',
      evidence: { error: 'docs/CHANGES.md does not exist in the repository' },
    });
  });

  it('throws (unknown for the caller) when the repository cannot be read', async () => {
    const provider = createGitProvider({
      reader: mockServices.urlReader.mock({
        readUrl: async () => {
          throw new Error('GitHub rate limit exceeded');
        },
      }),
      integrations,
    });
    await expect(
      provider.check(
        { type: 'git' },
        providerContext({ entity: serviceEntity('user-service') }),
      ),
    ).rejects.toThrow('GitHub rate limit exceeded');
  });

  it('reads a local repository named by a file source location', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'git-provider-'));
    try {
      await fs.writeFile(path.join(dir, 'CHANGELOG.md'), CHANGELOG);
      const provider = createGitProvider({
        reader: mockServices.urlReader.mock(),
        integrations,
      });
      const outcome = await provider.check(
        { type: 'git' },
        providerContext({
          entity: serviceEntity('user-service', {
            'backstage.io/source-location': `file:${dir}/`,
          }),
        }),
      );
      expect(outcome.status).toBe('passed');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
