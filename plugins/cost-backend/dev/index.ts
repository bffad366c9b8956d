import { createBackend } from '@backstage/backend-defaults';

// Starts the cost backend alone (with the catalog it asks about entities),
// reading app-config.yaml of the repository root: `yarn start` here. It prices
// the portal's local repositories (.data/git, created when the portal first
// starts).
const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));
backend.start();
