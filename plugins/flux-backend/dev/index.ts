import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// Starts the Flux backend alone on http://localhost:7007/api/flux, with a
// guest identity and a catalog holding one component. Point
// kubernetes.clusterLocatorMethods at a cluster (or at the Kubernetes double:
// packages/test-harness/src/kubernetes/serve.ts) in app-config.local.yaml:
//
//   yarn start --config ../../app-config.yaml --config app-config.local.yaml
//
// then GET /api/flux/entity/default/component/user-service/status.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'user-service',
          namespace: 'default',
          annotations: {
            'backstage.io/kubernetes-id': 'user-service',
            'goldenpath.dev/gitops-path': 'apps/user-service',
          },
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'group:default/identity-team',
        },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
