import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the "Release checklist" entity tab is mounted. */
export const rootRouteRef = createRouteRef({
  id: 'deployment-checklist',
});
