import { createRouteRef } from '@backstage/core-plugin-api';

/** The Cost tab of a component. */
export const entityCostRouteRef = createRouteRef({ id: 'cost:entity' });

/** The Cost tab of a System. */
export const systemCostRouteRef = createRouteRef({ id: 'cost:system' });
