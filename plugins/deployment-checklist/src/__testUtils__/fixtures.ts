import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ChecklistItem,
  Release,
  ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { DateTime } from 'luxon';
import type { DeploymentChecklistApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'order-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-orders' },
};

export const entityRef = 'component:default/order-service';

/** An ISO time `minutes` before now, so relative times read predictably. */
export function minutesAgo(minutes: number): string {
  return DateTime.now().minus({ minutes }).toISO()!;
}

export function releases(): Release[] {
  return [
    {
      id: 'rel-2',
      entityRef,
      version: '1.5.0',
      createdAt: minutesAgo(10),
      createdBy: 'user:default/ci-bot',
      definition: { name: 'default', source: 'default' },
      phases: [
        { phase: 'pre-deployment', total: 6, complete: 3, passed: false },
        { phase: 'deployment', total: 9, complete: 0, passed: false },
        { phase: 'post-deployment', total: 7, complete: 0, passed: false },
      ],
    },
    {
      id: 'rel-1',
      entityRef,
      version: '1.4.2',
      createdAt: DateTime.now().minus({ days: 3 }).toISO()!,
      createdBy: 'user:default/jane',
      definition: { name: 'default', source: 'default' },
      phases: [
        { phase: 'pre-deployment', total: 6, complete: 6, passed: true },
        { phase: 'deployment', total: 9, complete: 9, passed: true },
        { phase: 'post-deployment', total: 7, complete: 7, passed: true },
      ],
    },
  ];
}

export function releaseDetail(
  overrides: { items?: ChecklistItem[] } = {},
): ReleaseDetail {
  const items: ChecklistItem[] = overrides.items ?? [
    {
      id: 'ci-tests',
      phase: 'pre-deployment',
      title: 'All tests passing in CI',
      description: 'The CI workflow of the tagged commit succeeded.',
      provider: 'ci',
      status: 'passed',
      evidence: {
        value: 'success',
        query: 'workflow build.yaml run 4711',
        link: 'https://github.com/goldenpath/order-service/actions/runs/4711',
        checkedAt: minutesAgo(5),
      },
      revision: 2,
    },
    {
      id: 'code-review',
      phase: 'pre-deployment',
      title: 'Code review approved',
      status: 'open',
      revision: 3,
    },
    {
      id: 'rollback-plan',
      phase: 'pre-deployment',
      title: 'Rollback plan documented',
      status: 'done',
      updatedBy: 'user:default/jane',
      updatedAt: minutesAgo(60),
      comment: 'See runbook section 4',
      revision: 5,
    },
    {
      id: 'deploy-dev',
      phase: 'deployment',
      title: 'Deploy to dev environment',
      provider: 'flux',
      status: 'pending',
      revision: 1,
    },
    {
      id: 'error-rate',
      phase: 'post-deployment',
      title: 'Check error rates',
      provider: 'prometheus',
      status: 'failed',
      evidence: {
        value: 0.031,
        query:
          'sum(rate(http_requests_total{service="order-service",code=~"5.."}[5m]))',
        link: 'http://prometheus.local/graph?g0.expr=error_rate',
        error: '0.031 is not < 0.01',
        checkedAt: minutesAgo(2),
      },
      revision: 4,
    },
    {
      id: 'notify-team',
      phase: 'post-deployment',
      title: 'Notify team',
      status: 'not-applicable',
      updatedBy: 'user:default/sam',
      updatedAt: minutesAgo(30),
      comment: 'Internal-only change',
      revision: 2,
    },
  ];
  return {
    ...releases()[1],
    id: 'rel-1',
    version: '1.4.2',
    phases: [
      { phase: 'pre-deployment', total: 3, complete: 2, passed: false },
      { phase: 'deployment', total: 1, complete: 0, passed: false },
      { phase: 'post-deployment', total: 2, complete: 1, passed: false },
    ],
    items,
    audit: [
      {
        id: 'a1',
        releaseId: 'rel-1',
        at: minutesAgo(120),
        actor: 'user:default/ci-bot',
        action: 'create-release',
      },
      {
        id: 'a2',
        releaseId: 'rel-1',
        itemId: 'rollback-plan',
        at: minutesAgo(60),
        actor: 'user:default/jane',
        action: 'tick',
        from: 'open',
        to: 'done',
        comment: 'See runbook section 4',
      },
    ],
  };
}

/** A typed stub of the API; every method must be given what it returns. */
export function mockChecklistApi(): jest.Mocked<DeploymentChecklistApi> {
  return {
    listReleases: jest.fn(),
    createRelease: jest.fn(),
    getRelease: jest.fn(),
    updateItem: jest.fn(),
    evaluateRelease: jest.fn(),
    getGate: jest.fn(),
  };
}

/**
 * What the client rejects with when the backend answers with Backstage's
 * error JSON.
 */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<Error> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/releases/rel-1/items/code-review' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
