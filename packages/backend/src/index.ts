import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleFilePlaceholders } from './modules/catalogFilePlaceholders';
import { permissionPolicyModule } from './modules/permissionPolicy';
import { rootConfigServiceFactory } from './services/rootConfig';

const backend = createBackend();

// Configuration is checked before any plugin starts, so a bad database
// setting stops the backend with a message naming the key.
backend.add(rootConfigServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(catalogModuleFilePlaceholders);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@goldenpath/plugin-scaffolder-backend-module-gitops'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

// Lunr in memory by default; the PostgreSQL engine takes over when the
// backend database is PostgreSQL (production).
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The golden path's own plugins.
backend.add(import('@goldenpath/backstage-plugin-cost-backend'));
backend.add(import('@goldenpath/backstage-plugin-flux-backend'));
backend.add(
  import('@goldenpath/backstage-plugin-deployment-checklist-backend'),
);

backend.start();
