import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { createWorkspace, exampleSteps, mockContext } from './gitopsWorkspace';

// A shared test-suite builder: it declares tests for its callers.
/* eslint-disable jest/no-export */
/**
 * Runs every documented example of an action, step by step, in a workspace
 * holding copies of the real repositories; every step must produce the
 * `expected` outputs (values or asymmetric matchers).
 */
export function itRunsEveryExample(
  action: {
    id: string;
    examples?: TemplateExample[];
    handler: (ctx: any) => Promise<void>;
  },
  expected: Record<string, unknown>,
) {
  const examples = action.examples ?? [];
  it('documents at least one example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const workspace = await createWorkspace();
      try {
        for (const step of exampleSteps(example)) {
          expect(step.action).toBe(action.id);
          const ctx = mockContext(workspace.workspacePath, step.input);
          await action.handler(ctx);
          for (const [name, value] of Object.entries(expected)) {
            expect(ctx.output).toHaveBeenCalledWith(name, value);
          }
        }
      } finally {
        await workspace.remove();
      }
    },
  );
}
