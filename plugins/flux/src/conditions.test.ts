import type { Entity } from '@backstage/catalog-model';
import { isFluxAvailable } from './conditions';

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'user-service', annotations },
  };
}

describe('isFluxAvailable', () => {
  it('is true for an entity with a kubernetes-id', () => {
    expect(
      isFluxAvailable(
        component({ 'backstage.io/kubernetes-id': 'user-service' }),
      ),
    ).toBe(true);
  });

  it('is true for an entity with a label selector', () => {
    expect(
      isFluxAvailable(
        component({
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=user-service',
        }),
      ),
    ).toBe(true);
  });

  it('is false without either annotation, or with an empty one', () => {
    expect(isFluxAvailable(component())).toBe(false);
    expect(
      isFluxAvailable(component({ 'goldenpath.dev/gitops-path': 'apps/x' })),
    ).toBe(false);
    expect(
      isFluxAvailable(component({ 'backstage.io/kubernetes-id': ' ' })),
    ).toBe(false);
  });

  it('is false for an entity that is not a Component', () => {
    expect(
      isFluxAvailable({
        ...component({ 'backstage.io/kubernetes-id': 'user-service' }),
        kind: 'Resource',
      }),
    ).toBe(false);
  });
});
