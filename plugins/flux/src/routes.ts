import { createRouteRef } from '@backstage/core-plugin-api';

/** The Flux tab of an entity page. */
export const entityContentRouteRef = createRouteRef({ id: 'flux:entity' });

/** The Flux runtime page (controllers and APIs per cluster). */
export const runtimeRouteRef = createRouteRef({ id: 'flux:runtime' });
