import path from 'node:path';
import { createGitCloneAction } from './gitClone';
import { createPublishGitChangeAction } from './publishGitChange';
import { createGitopsImageSetAction } from '../gitops';
import { GITOPS_CONFIG } from '../__testUtils__/gitopsWorkspace';
import {
  createRemote,
  createSandbox,
  exampleRemotePath,
  git,
  routeExampleRemotes,
  runExample,
} from './__testUtils__/gitFixtures';

// Each test runs dozens of git processes; a busy machine needs more than 5s.
jest.setTimeout(60_000);

describe('publish:git:change examples', () => {
  const action = createPublishGitChangeAction();
  const examples = action.examples ?? [];
  const actions = [
    action,
    createGitCloneAction(),
    createGitopsImageSetAction(),
  ];

  it('documents at least one example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_, example) => {
      const sandbox = await createSandbox();
      const restore = routeExampleRemotes(sandbox.remotes);
      try {
        const remotes = [
          'https://github.com/acme/gitops-config.git',
          'file:///var/lib/goldenpath/git/gitops-config.git',
        ].map(url => exampleRemotePath(sandbox.remotes, url));
        const seeded = await Promise.all(
          remotes.map(bare => createRemote(bare, GITOPS_CONFIG)),
        );

        const steps = await runExample(example, actions, sandbox);

        const clone = steps.find(s => s.action === 'git:clone')!;
        const edit = steps.find(s => s.action === 'gitops:image:set')!;
        const change = steps.find(s => s.action === 'publish:git:change')!;
        const bare = exampleRemotePath(
          sandbox.remotes,
          String(clone.input.repoUrl),
        );
        const main = seeded[remotes.indexOf(bare)];
        const branch = String(change.input.branchName);
        const target = String(change.input.targetBranch ?? 'main');
        expect(change.outputs.changed).toBe(true);
        expect(change.outputs.commitHash).toBe(git(bare, 'rev-parse', branch));
        expect(git(bare, 'rev-list', `${main}..${branch}`)).toBe(
          change.outputs.commitHash,
        );
        expect(git(bare, 'diff', '--name-only', main, branch)).toBe(
          path.posix.join(
            path.posix.relative(
              String(change.input.sourcePath),
              String(edit.input.repositoryPath),
            ),
            String(edit.outputs.file),
          ),
        );
        expect(git(bare, 'log', '-1', '--format=%s', branch)).toBe(
          change.input.gitCommitMessage,
        );
        expect(git(bare, 'rev-parse', target)).toBe(
          change.input.merge ? change.outputs.commitHash : main,
        );
        expect(change.outputs.changeUrl).toBe(
          String(clone.input.repoUrl).startsWith('https://github.com/')
            ? `https://github.com/acme/gitops-config/compare/${target}...${branch}`
            : `file://${bare}#${branch}`,
        );
      } finally {
        restore();
        await sandbox.remove();
      }
    },
  );
});
