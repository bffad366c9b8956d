import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalGitRepositories } from './LocalGitRepositories';

/** Inputs that name a repository, per action. */
const REPOSITORY_INPUTS = ['repoUrl'];
/** Outputs that point at a repository, and the view that opens them. */
const REPOSITORY_OUTPUTS: Record<string, 'blob' | 'tree'> = {
  repoContentsUrl: 'blob',
  changeUrl: 'tree',
};

/**
 * Lets a template name a local repository by its name alone (`repoUrl:
 * inventory-service`), and turns the file:// URLs the git actions report for
 * local repositories into links of the portal's read-only view of them, which
 * the catalog can read (catalog:register) and a browser can open.
 */
export function withLocalRepositories(
  action: TemplateAction<any, any, any>,
  repositories: LocalGitRepositories,
  viewBaseUrl: string,
): TemplateAction<any, any, any> {
  const toViewUrl = (value: unknown, view: 'blob' | 'tree') => {
    if (typeof value !== 'string' || !value.startsWith('file:')) return value;
    const [location, branch = 'main'] = value.split('#');
    const repository = fileURLToPath(location);
    if (
      path.dirname(repository) !== repositories.root ||
      !repository.endsWith('.git')
    ) {
      return value;
    }
    const name = path.basename(repository, '.git');
    return `${viewBaseUrl}/local-git/${encodeURIComponent(
      name,
    )}/${view}/${encodeURIComponent(branch)}`;
  };
  return {
    ...action,
    async handler(ctx) {
      const input = { ...ctx.input };
      for (const key of REPOSITORY_INPUTS) {
        if (typeof input[key] === 'string' && input[key]) {
          input[key] = repositories.resolve(input[key]);
        }
      }
      await action.handler({
        ...ctx,
        input,
        output: (name: string, value: any) => {
          const view = REPOSITORY_OUTPUTS[name];
          ctx.output(name, view ? toViewUrl(value, view) : value);
        },
      } as typeof ctx);
    },
  };
}
