import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen, within } from '@testing-library/react';
import { fluxApiRef } from '../api';
import { fluxApiStub } from '../__testUtils__/renderFluxTab';
import fluxPlugin, {
  fluxEntityCard,
  fluxEntityContent,
  fluxRuntimePage,
} from './index';

function entity(kind: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'user-service', annotations },
  };
}

describe('flux plugin for the new frontend system', () => {
  it('is the flux plugin with its API, entity content and page', () => {
    expect(fluxPlugin.id).toBe('flux');
    expect(fluxPlugin.getExtension('api:flux')).toBeDefined();
    expect(fluxPlugin.getExtension('entity-content:flux/entity')).toBeDefined();
    expect(fluxPlugin.getExtension('page:flux')).toBeDefined();
    expect(
      fluxPlugin.getExtension('entity-card:flux/deployments'),
    ).toBeDefined();
  });

  it('adds the Deployments card to the overview of the same components', async () => {
    const tester = createExtensionTester(fluxEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const withId = entity('Component', {
      'backstage.io/kubernetes-id': 'user-service',
    });
    expect(filter(withId)).toBe(true);
    expect(filter(entity('Component', {}))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={withId}>{tester.reactElement()}</EntityProvider>,
      { apis: [[fluxApiRef, fluxApiStub()]] },
    );
    expect(
      await screen.findByRole('table', { name: 'Deployments' }),
    ).toBeInTheDocument();
  });

  it('adds the Flux tab at flux to components that say how to find their objects', () => {
    const tester = createExtensionTester(fluxEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('flux');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Flux');

    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(
      filter!(
        entity('Component', { 'backstage.io/kubernetes-id': 'user-service' }),
      ),
    ).toBe(true);
    expect(
      filter!(
        entity('Component', {
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=user-service',
        }),
      ),
    ).toBe(true);
    expect(filter!(entity('Component', {}))).toBe(false);
    expect(
      filter!(entity('API', { 'backstage.io/kubernetes-id': 'user-service' })),
    ).toBe(false);
  });

  it('serves the runtime page at /flux, with an icon for the sidebar', async () => {
    const api = fluxApiStub();
    const tester = createExtensionTester(fluxRuntimePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/flux');
    // The app's sidebar lists the pages that have an icon.
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), { apis: [[fluxApiRef, api]] });

    const controllers = within(
      await screen.findByRole('table', { name: 'Controllers' }),
    );
    expect(controllers.getByText('kustomize-controller')).toBeInTheDocument();
  });
});
