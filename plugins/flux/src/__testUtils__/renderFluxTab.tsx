import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { RouteRef } from '@backstage/core-plugin-api';
import type { ReactElement } from 'react';
import { fluxApiRef, type FluxApi } from '../api';
import { entityStatus, runtimeStatus, userServiceEntity } from './fixtures';

/** A typed FluxApi whose methods are jest mocks with answers from fixtures. */
export function fluxApiStub(
  overrides: Partial<FluxApi> = {},
): jest.Mocked<FluxApi> {
  return {
    getEntityStatus: jest.fn(async () => entityStatus()),
    requestAction: jest.fn(async () => {
      throw new Error('requestAction was not expected in this test');
    }),
    getRuntimeStatus: jest.fn(async () => runtimeStatus()),
    ...overrides,
  } as jest.Mocked<FluxApi>;
}

export type PermissionDecision = (
  request: EvaluatePermissionRequest,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

export const allowAll: PermissionDecision = () => AuthorizeResult.ALLOW;

/**
 * Renders an element inside a test app with the Flux API, the permission API
 * and an entity, the way the catalog's entity page provides them.
 */
export async function renderWithFlux(
  element: ReactElement,
  options: {
    api: FluxApi;
    authorize?: PermissionDecision;
    entity?: Entity;
    /** More routes of the test app, by path (e.g. the Flux tab's). */
    mountedRoutes?: Record<string, RouteRef>;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [fluxApiRef, options.api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: options.authorize ?? allowAll }),
        ],
      ]}
    >
      <EntityProvider entity={options.entity ?? userServiceEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...options.mountedRoutes,
      },
    },
  );
}
