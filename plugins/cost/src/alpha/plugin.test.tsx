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
import { screen } from '@testing-library/react';
import { CostApi, costApiRef } from '../api';
import {
  serviceCost,
  serviceEntity,
  systemCost,
  systemEntity,
} from '../__testUtils__/fixtures';
import { formatUsd } from '../format';
import costPlugin from './index';

const api: CostApi = {
  getEntityCost: async () => serviceCost(),
  getSystemCost: async () => systemCost,
  getPrices: async () => [],
};

describe('cost plugin (new frontend system)', () => {
  it('is the cost plugin with its API and two Cost tabs', () => {
    expect(costPlugin.id).toBe('cost');
    expect(costPlugin.getExtension('api:cost')).toBeDefined();

    for (const id of [
      'entity-content:cost/entity',
      'entity-content:cost/system',
    ] as const) {
      const tester = createExtensionTester(costPlugin.getExtension(id));
      expect(tester.get(coreExtensionData.routePath)).toBe('cost');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Cost');
    }
  });

  it('puts the service tab on components and the system tab on Systems', () => {
    const serviceFilter = createExtensionTester(
      costPlugin.getExtension('entity-content:cost/entity'),
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const systemFilter = createExtensionTester(
      costPlugin.getExtension('entity-content:cost/system'),
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(serviceFilter(serviceEntity)).toBe(true);
    expect(serviceFilter(systemEntity)).toBe(false);
    expect(systemFilter(systemEntity)).toBe(true);
    expect(systemFilter(serviceEntity)).toBe(false);
  });

  it('adds the Monthly cost card to the overview of the components with the tab', async () => {
    const tester = createExtensionTester(
      costPlugin.getExtension('entity-card:cost/entity'),
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(serviceEntity)).toBe(true);
    expect(filter(systemEntity)).toBe(false);

    renderInTestApp(
      <EntityProvider entity={serviceEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[costApiRef, api]] },
    );
    expect(
      await screen.findByRole('group', {
        name: 'Monthly cost per environment',
      }),
    ).toBeInTheDocument();
  });

  it('renders the service tab from its extension', async () => {
    const tester = createExtensionTester(
      costPlugin.getExtension('entity-content:cost/entity'),
    );
    renderInTestApp(
      <EntityProvider entity={serviceEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[costApiRef, api]] },
    );

    const prod = serviceCost().environments.find(
      e => e.environment === 'prod',
    )!;
    expect(
      await screen.findByRole('group', { name: 'prod total' }),
    ).toHaveTextContent(formatUsd(prod.monthlyUsd));
  });
});
