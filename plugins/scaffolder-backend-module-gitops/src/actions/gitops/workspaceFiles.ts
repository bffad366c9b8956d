import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DirectoryFiles,
  DryRunFiles,
  RepositoryFiles,
} from '@goldenpath/backstage-plugin-gitops-node';
import { promises as fs } from 'node:fs';

/**
 * The files of a repository checked out in the task workspace. Paths that
 * leave the workspace are refused; in a dry run, writes stay in memory.
 */
export async function workspaceFiles(
  ctx: { workspacePath: string; isDryRun?: boolean },
  repositoryPath: string,
  inputName = 'repositoryPath',
): Promise<RepositoryFiles> {
  let root: string;
  try {
    root = resolveSafeChildPath(ctx.workspacePath, repositoryPath);
  } catch {
    throw new InputError(
      `${inputName} '${repositoryPath}' is outside the task workspace; give a folder inside it, e.g. 'gitops'`,
    );
  }
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(
      `${inputName} '${repositoryPath}' is not a folder in the task workspace; check out the repository there first (git:clone)`,
    );
  }
  const files = new DirectoryFiles(root);
  return ctx.isDryRun ? new DryRunFiles(files) : files;
}
