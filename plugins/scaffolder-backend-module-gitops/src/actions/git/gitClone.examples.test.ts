import path from 'node:path';
import { createGitCloneAction } from './gitClone';
import { checkoutFiles } from './lazyCheckout';
import {
  GITOPS_CONFIG,
  INFRASTRUCTURE,
} from '../__testUtils__/gitopsWorkspace';
import {
  createRemote,
  createSandbox,
  exampleRemotePath,
  exampleSteps,
  filesAt,
  filesIn,
  routeExampleRemotes,
  runExample,
} from './__testUtils__/gitFixtures';

/** The real repositories the examples check out, by repository name. */
const CONTENT: Record<string, string> = {
  'gitops-config': GITOPS_CONFIG,
  infrastructure: INFRASTRUCTURE,
};

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('git:clone examples', () => {
  const action = createGitCloneAction();
  const examples = action.examples ?? [];

  it('documents at least one example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const sandbox = await createSandbox();
      const restore = routeExampleRemotes(sandbox.remotes);
      try {
        const repoUrl = String(exampleSteps(example)[0].input.repoUrl);
        const name = path.basename(repoUrl, '.git');
        const bare = exampleRemotePath(sandbox.remotes, repoUrl);
        await createRemote(bare, CONTENT[name]);

        const [step] = await runExample(example, [action], sandbox);

        const branch = String(step.input.branch ?? 'main');
        expect(step.outputs.targetPath).toBe(step.input.targetPath);
        const checkout = path.join(
          sandbox.workspacePath,
          String(step.outputs.targetPath),
        );
        const committed = filesAt(bare, branch);
        expect(Object.keys(committed).length).toBeGreaterThan(10);
        // A lazy checkout writes only the ignore rules.
        const ignoreRules = Object.fromEntries(
          Object.entries(committed).filter(
            ([file]) => path.posix.basename(file) === '.gitignore',
          ),
        );
        expect(await filesIn(checkout)).toEqual(
          step.input.lazy ? ignoreRules : committed,
        );
        // Either way, the steps read every file as committed.
        const files = await checkoutFiles(checkout);
        const read = await Promise.all(
          Object.keys(committed).map(
            async file => [file, await files.read(file)] as const,
          ),
        );
        expect(Object.fromEntries(read)).toEqual(committed);
      } finally {
        restore();
        await sandbox.remove();
      }
    },
  );
});
