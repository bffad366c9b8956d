import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/** The group whose members may change anything in the portal. */
export const PLATFORM_TEAM_REF = 'group:default/platform-team';

/**
 * The portal's policy:
 * - every signed-in user reads everything and may create (a team creating its
 *   own component from a template is the paved road);
 * - a change to an existing catalog entity, or an action our plugins run
 *   against one (reconcile, suspend, tick a checklist item), is allowed to the
 *   entity's owners;
 * - platform-team may do everything.
 */
export class GoldenPathPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const action = permission.attributes.action;
    const claims = user?.info.ownershipEntityRefs ?? [];

    if (action === undefined || action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (claims.includes(PLATFORM_TEAM_REF)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (action === 'create') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, 'catalog-entity')) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'goldenpath-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new GoldenPathPermissionPolicy());
      },
    });
  },
});
