import {
  DryRunFiles,
  RepositoryFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { checkoutFiles } from '../git/lazyCheckout';
import { existingWorkspaceFolder } from '../git/repository';

/**
 * The files of a repository checked out in the task workspace (a lazy
 * checkout's written files over its commit). Paths that leave the workspace
 * are refused; in a dry run, writes stay in memory.
 */
export async function workspaceFiles(
  ctx: { workspacePath: string; isDryRun?: boolean },
  repositoryPath: string,
): Promise<RepositoryFiles> {
  const root = await existingWorkspaceFolder(
    ctx.workspacePath,
    repositoryPath,
    'repositoryPath',
    'check out the repository there first (git:clone)',
  );
  const files = await checkoutFiles(root);
  return ctx.isDryRun ? new DryRunFiles(files) : files;
}
