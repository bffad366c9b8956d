import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createPublishGitAction } from './publishGit';
import {
  createSandbox,
  exampleRemotePath,
  filesAt,
  filesIn,
  git,
  routeExampleRemotes,
  runExample,
} from './__testUtils__/gitFixtures';

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('publish:git examples', () => {
  const action = createPublishGitAction();
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
        await sandbox.write({
          'catalog-info.yaml': 'kind: Component\n',
          'service/src/main.py': 'print("catalog")\n',
          'service/Dockerfile': 'FROM python:3.12\n',
        });
        // Hosted remotes must exist before publishing (local ones are made).
        if (example.example.includes('github.com')) {
          const bare = exampleRemotePath(
            sandbox.remotes,
            'https://github.com/acme/catalog-service.git',
          );
          await fs.mkdir(bare, { recursive: true });
          git(bare, 'init', '-q', '--bare', '--initial-branch=main');
        }

        const [step] = await runExample(example, [action], sandbox);

        const repoUrl = String(step.input.repoUrl);
        const bare = exampleRemotePath(sandbox.remotes, repoUrl);
        const branch = String(step.input.defaultBranch ?? 'main');
        const source = path.join(
          sandbox.workspacePath,
          String(step.input.sourcePath ?? '.'),
        );
        expect(filesAt(bare, branch)).toEqual(await filesIn(source));
        expect(step.outputs.commitHash).toBe(git(bare, 'rev-parse', branch));
        expect(step.outputs.remoteUrl).toBe(repoUrl);
        expect(step.outputs.repoContentsUrl).toBe(
          repoUrl.startsWith('file:')
            ? `${repoUrl}#${branch}`
            : `https://github.com/acme/catalog-service/blob/${branch}`,
        );
        expect(git(bare, 'log', '-1', '--format=%ae', branch)).toBe(
          step.input.gitAuthorEmail ?? 'scaffolder@backstage.io',
        );
      } finally {
        restore();
        await sandbox.remove();
      }
    },
  );
});
