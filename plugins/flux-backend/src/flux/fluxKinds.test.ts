import { actionsUnsupported, fluxKind } from './fluxKinds';

describe('actionsUnsupported', () => {
  it('refuses ImagePolicy before v1, which has no spec.suspend or reconcile status', () => {
    const imagePolicy = fluxKind('ImagePolicy')!;
    expect(
      actionsUnsupported(imagePolicy, 'image.toolkit.fluxcd.io/v1beta2'),
    ).toBe(
      'ImagePolicy image.toolkit.fluxcd.io/v1beta2 has no spec.suspend and does not report reconcile requests (Flux before 2.7); reconcile its ImageRepository instead, or upgrade Flux',
    );
    expect(
      actionsUnsupported(imagePolicy, 'image.toolkit.fluxcd.io/v1beta1'),
    ).toBeDefined();
    expect(
      actionsUnsupported(imagePolicy, 'image.toolkit.fluxcd.io/v1'),
    ).toBeUndefined();
  });

  it('lets every version of the other kinds be acted on', () => {
    for (const kind of ['Kustomization', 'HelmRelease', 'ImageRepository']) {
      const info = fluxKind(kind)!;
      for (const version of info.knownVersions) {
        expect(
          actionsUnsupported(info, `${info.group}/${version}`),
        ).toBeUndefined();
      }
    }
  });
});
