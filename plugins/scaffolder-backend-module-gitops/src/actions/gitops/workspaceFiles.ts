import {
  DirectoryFiles,
  DryRunFiles,
  RepositoryFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { existingWorkspaceFolder } from '../git/repository';

/**
 * The files of a repository checked out in the task workspace. Paths that
 * leave the workspace are refused; in a dry run, writes stay in memory.
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
  // The workspace is scratch: a task that crashes starts again from fresh
  // checkouts, so written files need not be flushed to disk one by one.
  const files = new DirectoryFiles(root, { sync: false });
  return ctx.isDryRun ? new DryRunFiles(files) : files;
}
