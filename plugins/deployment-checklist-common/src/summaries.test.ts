import {
  describeClosedGate,
  errorMessageOf,
  isChecklistPhase,
  pendingItems,
} from './summaries';

describe('checklist summaries', () => {
  it('counts what is still to do and names phases', () => {
    expect(
      pendingItems({
        phases: [
          { phase: 'pre-deployment', total: 5, complete: 3, passed: false },
          { phase: 'deployment', total: 4, complete: 4, passed: true },
        ],
      }),
    ).toBe(2);
    expect(isChecklistPhase('post-deployment')).toBe(true);
    expect(isChecklistPhase('deploy')).toBe(false);
  });

  it('describes a closed gate one open item a line', () => {
    const gate = {
      releaseId: 'r1',
      entityRef: 'component:default/user-service',
      version: 'v1.2.3',
      phase: 'pre-deployment' as const,
      passed: false,
      openItems: [
        { id: 'ci', title: 'CI green', status: 'failed' as const },
        { id: 'review', title: 'Reviewed', status: 'open' as const },
      ],
    };
    expect(describeClosedGate(gate, '  ')).toBe(
      [
        'component:default/user-service v1.2.3: pre-deployment is not complete; 2 open item(s):',
        '  - ci (CI green): failed',
        '  - review (Reviewed): open',
      ].join('\n'),
    );
  });

  it("takes the backend's error message, or the text when it is not JSON", () => {
    expect(errorMessageOf('{"error":{"message":"no release"}}')).toBe(
      'no release',
    );
    expect(errorMessageOf('Bad Gateway')).toBe('Bad Gateway');
  });
});
