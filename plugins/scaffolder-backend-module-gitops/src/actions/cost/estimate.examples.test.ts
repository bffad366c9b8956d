import { ConfigReader } from '@backstage/config';
import {
  exampleSteps,
  GITOPS_CONFIG,
  INFRASTRUCTURE,
  mockContext,
} from '../__testUtils__/gitopsWorkspace';
import { createCheckouts, PROD_REPLICAS } from './__testUtils__/checkouts';
import { createCostEstimateAction } from './estimate';

// The shared example runner copies the repositories without git; this action
// compares a checkout with its last commit, so its examples run on checkouts.
describe('cost:estimate examples', () => {
  const action = createCostEstimateAction({
    config: new ConfigReader({
      goldenpath: {
        repositories: {
          gitopsConfig: GITOPS_CONFIG,
          infrastructure: INFRASTRUCTURE,
        },
      },
    }),
  });

  it('documents at least one example', () => {
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it.each(action.examples!.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const workspace = await createCheckouts();
      try {
        await workspace.edit(PROD_REPLICAS, 'replicas: 5', 'replicas: 7');
        for (const step of exampleSteps(example)) {
          expect(step.action).toBe(action.id);
          const ctx = mockContext(workspace.workspacePath, step.input);
          await action.handler(ctx as any);
          // Two user-service replicas in prod: 2 × (0.5 vCPU × $0.0208 +
          // 1 GiB × $0.0052) × 730 h ≈ $22.78.
          expect(ctx.output).toHaveBeenCalledWith(
            'summary',
            'adds about $23 a month in prod',
          );
        }
      } finally {
        await workspace.remove();
      }
    },
  );
});
