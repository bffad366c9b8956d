import { Entity } from '@backstage/catalog-model';
import { isCostAvailable } from './conditions';

function entity(kind: string, extra: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', ...extra.metadata },
    spec: extra.spec,
  };
}

describe('isCostAvailable', () => {
  it('is true for components deployed through gitops-config and for Systems', () => {
    expect(
      isCostAvailable(
        entity('Component', {
          metadata: {
            name: 'x',
            annotations: { 'goldenpath.dev/gitops-path': 'apps/x' },
          },
          spec: { type: 'library' },
        }),
      ),
    ).toBe(true);
    expect(
      isCostAvailable(entity('Component', { spec: { type: 'service' } })),
    ).toBe(true);
    expect(
      isCostAvailable(entity('Component', { spec: { type: 'website' } })),
    ).toBe(true);
    expect(isCostAvailable(entity('System'))).toBe(true);
  });

  it('is false for what the platform does not deploy', () => {
    expect(
      isCostAvailable(
        entity('Component', { spec: { type: 'gitops-repository' } }),
      ),
    ).toBe(false);
    expect(
      isCostAvailable(entity('Resource', { spec: { type: 'database' } })),
    ).toBe(false);
    expect(isCostAvailable(entity('API', { spec: { type: 'openapi' } }))).toBe(
      false,
    );
  });
});
