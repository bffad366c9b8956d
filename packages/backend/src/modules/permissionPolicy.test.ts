import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { GoldenPathPermissionPolicy } from './permissionPolicy';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as unknown as PolicyQueryUser;
}

// Shaped like the permissions later plugins add (flux.resource.reconcile).
const reconcilePermission = createPermission({
  name: 'flux.resource.reconcile',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const nonEntityChange = createPermission({
  name: 'example.settings.update',
  attributes: { action: 'update' },
});

describe('GoldenPathPermissionPolicy', () => {
  const policy = new GoldenPathPermissionPolicy();
  const developer = user('user:default/jane', 'group:default/checkout-team');
  const platformEngineer = user(
    'user:default/guest',
    'group:default/platform-team',
  );
  const resultOf = async (permission: Permission, who?: PolicyQueryUser) =>
    (await policy.handle({ permission }, who)).result;

  it('lets every signed-in user read', async () => {
    expect(await resultOf(catalogEntityReadPermission, developer)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets anyone create a component from a template', async () => {
    const createTask = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    expect(await resultOf(createTask, developer)).toBe(AuthorizeResult.ALLOW);
  });

  it.each([
    ['deleting an entity', catalogEntityDeletePermission],
    ['refreshing an entity', catalogEntityRefreshPermission],
    ['reconciling a Flux resource', reconcilePermission],
  ])('allows %s only to the entity owners', async (_, permission) => {
    const decision = await policy.handle({ permission }, developer);
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/jane', 'group:default/checkout-team'],
        },
      },
    });
  });

  it('lets platform-team change anything', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      reconcilePermission,
      nonEntityChange,
    ]) {
      expect(await resultOf(permission, platformEngineer)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('refuses other changes to users outside platform-team', async () => {
    expect(await resultOf(nonEntityChange, developer)).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('refuses changes without a signed-in user', async () => {
    expect(await resultOf(catalogEntityDeletePermission)).toBe(
      AuthorizeResult.DENY,
    );
  });
});
