import { createWorkspace } from '../../__testUtils__/gitopsWorkspace';
import { git } from '../../git/__testUtils__/gitFixtures';

/**
 * A task workspace whose gitops/ and infrastructure/ are git checkouts of
 * the real repositories, committed as they are, ready to be edited.
 */
export async function createCheckouts() {
  const workspace = await createWorkspace();
  for (const folder of ['gitops', 'infrastructure']) {
    const root = `${workspace.workspacePath}/${folder}`;
    git(root, 'init', '-q', '--initial-branch=main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'as checked in');
  }
  return {
    ...workspace,
    /** Replaces `search` (exactly once) in a workspace file, uncommitted. */
    async edit(file: string, search: string, replacement: string) {
      const text = await workspace.read(file);
      if (text.split(search).length !== 2) {
        throw new Error(`${file}: expected exactly one '${search}'`);
      }
      await workspace.write(
        file,
        text.replace(search, () => replacement),
      );
    },
  };
}

export const PROD_REPLICAS =
  'gitops/apps/user-service/overlays/prod/patch-replicas.yaml';
