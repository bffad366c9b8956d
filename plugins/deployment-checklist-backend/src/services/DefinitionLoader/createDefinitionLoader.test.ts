import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { serviceEntity } from '../../__testUtils__/entities';
import {
  createDefinitionLoader,
  resolveDefinitionLocation,
} from './createDefinitionLoader';
import { createSyntaxPromqlValidator } from './promql';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
const DEFINITION = `
name: Payments release
items:
  - id: pci-review
    phase: pre-deployment
    title: PCI review signed off
`;

describe('createDefinitionLoader', () => {
  const files = new Map<string, string>();
  const reader = mockServices.urlReader.mock({
    readUrl: async (url: string) => {
      const text = files.get(url);
      if (text === undefined) throw new NotFoundError(`${url} not found`);
      return { buffer: async () => Buffer.from(text) };
    },
  });
  const loader = () =>
    createDefinitionLoader({
      reader,
      integrations,
      promql: createSyntaxPromqlValidator(),
      logger: mockServices.logger.mock(),
    });

  it('gives the default checklist to an entity without the annotation', async () => {
    const definitions = await loader();
    const definition = await definitions.forEntity(
      serviceEntity('user-service'),
    );
    expect(definition).toBe(definitions.defaultDefinition());
    expect(definition).toMatchObject({
      name: 'Complete deployment checklist',
      source: 'default',
    });
  });

  it('reads a definition next to the entity’s catalog-info.yaml', async () => {
    const url =
      'https://github.com/ecommerce-platform/app-payment-service/blob/main/checklists/release.yaml';
    files.set(url, DEFINITION);
    const entity = serviceEntity('payment-service', {
      'goldenpath.dev/deployment-checklist': 'checklists/release.yaml',
    });
    expect(
      resolveDefinitionLocation(
        entity,
        'checklists/release.yaml',
        integrations,
      ),
    ).toEqual({ type: 'url', target: url });
    const definition = await (await loader()).forEntity(entity);
    expect(definition).toEqual({
      name: 'Payments release',
      source: url,
      items: [
        {
          id: 'pci-review',
          phase: 'pre-deployment',
          title: 'PCI review signed off',
        },
      ],
    });
  });

  it('reads a definition named by URL', async () => {
    files.set('https://checklists.example.com/payments.yaml', DEFINITION);
    const entity = serviceEntity('payment-service', {
      'goldenpath.dev/deployment-checklist':
        'https://checklists.example.com/payments.yaml',
    });
    expect((await (await loader()).forEntity(entity)).name).toBe(
      'Payments release',
    );
  });

  it('says which definition could not be read', async () => {
    const entity = serviceEntity('payment-service', {
      'goldenpath.dev/deployment-checklist':
        'https://checklists.example.com/missing.yaml',
    });
    await expect((await loader()).forEntity(entity)).rejects.toThrow(
      'component:default/payment-service: cannot read the checklist definition https://checklists.example.com/missing.yaml (annotation goldenpath.dev/deployment-checklist): https://checklists.example.com/missing.yaml not found',
    );
  });

  it('refuses a relative path it cannot resolve', () => {
    const entity = serviceEntity('payment-service');
    delete entity.metadata.annotations!['backstage.io/managed-by-location'];
    delete entity.metadata.annotations!['backstage.io/source-location'];
    expect(() =>
      resolveDefinitionLocation(
        entity,
        'checklists/release.yaml',
        integrations,
      ),
    ).toThrow(
      "component:default/payment-service: annotation goldenpath.dev/deployment-checklist 'checklists/release.yaml' is a relative path, but the entity has no backstage.io/managed-by-location to resolve it against; use a URL",
    );
  });

  it('refuses to start with an invalid default checklist', async () => {
    await expect(
      createDefinitionLoader({
        reader,
        integrations,
        promql: createSyntaxPromqlValidator(),
        logger: mockServices.logger.mock(),
        defaultFile: __filename,
      }),
    ).rejects.toThrow(/createDefinitionLoader\.test\.ts: /);
  });
});
