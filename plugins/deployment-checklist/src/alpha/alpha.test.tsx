import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { DeploymentChecklistClient, deploymentChecklistApiRef } from '../api';
import { entity, mockChecklistApi, releases } from '../__testUtils__/fixtures';
import plugin, {
  deploymentChecklistApi,
  entityDeploymentChecklistCard,
  entityDeploymentChecklistContent,
} from './index';

/** A filter that takes the Component and leaves an API out. */
function expectComponentsOnly(filter: (entity: Entity) => boolean) {
  expect(filter(entity)).toBe(true);
  expect(
    filter({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'orders-api' },
    }),
  ).toBe(false);
}

describe('deployment-checklist (new frontend system)', () => {
  it('is the deployment-checklist plugin', () => {
    expect(plugin.id).toBe('deployment-checklist');
  });

  it('adds a "Release checklist" tab to Component pages only', () => {
    const tester = createExtensionTester(entityDeploymentChecklistContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('release-checklist');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Release checklist',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expectComponentsOnly(filter);
  });

  it('adds a "Latest release" card to the overview of Component pages only', async () => {
    const tester = createExtensionTester(entityDeploymentChecklistCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expectComponentsOnly(filter);

    const api = mockChecklistApi();
    api.listReleases.mockResolvedValue(releases());
    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      { apis: [[deploymentChecklistApiRef, api]] },
    );
    expect(await screen.findByText('1.5.0')).toBeVisible();
    expect(screen.getByText('Latest release')).toBeVisible();
  });

  it('renders the releases of the entity in the tab', async () => {
    const api = mockChecklistApi();
    api.listReleases.mockResolvedValue(releases());
    const tester = createExtensionTester(entityDeploymentChecklistContent);

    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [
          [deploymentChecklistApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ],
      },
    );

    expect(await screen.findByRole('link', { name: '1.5.0' })).toBeVisible();
  });

  it('provides the HTTP client as the API', () => {
    const factory = createExtensionTester(deploymentChecklistApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api.id).toBe('plugin.deployment-checklist.api');
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch },
      }),
    ).toBeInstanceOf(DeploymentChecklistClient);
  });
});
