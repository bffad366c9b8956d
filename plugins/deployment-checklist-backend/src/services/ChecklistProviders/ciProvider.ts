import {
  ANNOTATION_SOURCE_LOCATION,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { ChecklistProvider } from './types';
import { responseError } from './responseError';

/** The annotation naming an entity's GitHub repository. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

const SUCCESSFUL = new Set(['success', 'neutral', 'skipped']);

interface WorkflowRun {
  id: number;
  name?: string | null;
  path?: string;
  workflow_id: number;
  run_attempt?: number;
  status: string | null;
  conclusion: string | null;
  html_url: string;
  created_at: string;
}

/**
 * The commit a version names: `sha-<commit>` is a build of that commit;
 * anything else (`vX.Y.Z`) is a tag, or a branch, GitHub resolves.
 */
export function versionRef(version: string): string {
  const match = /^sha-([0-9a-f]{7,40})$/i.exec(version);
  return match ? match[1] : version;
}

/**
 * `ci`: the GitHub Actions runs of the release commit all succeeded
 * (optionally only one workflow, by name or file). The repository is the
 * entity's github.com/project-slug; credentials come from the GitHub
 * integration (token or GitHub App).
 */
export function createCiProvider(options: {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
}): ChecklistProvider<'ci'> {
  return {
    type: 'ci',
    async check(spec, context) {
      const annotations = context.entity?.metadata.annotations ?? {};
      const slug = annotations[GITHUB_PROJECT_SLUG_ANNOTATION];
      if (!context.entity || !slug) {
        return {
          status: 'unknown',
          evidence: {
            error: context.entity
              ? `${context.entityRef} has no ${GITHUB_PROJECT_SLUG_ANNOTATION} annotation naming its repository`
              : `${context.entityRef} is not in the catalog`,
          },
        };
      }
      // A GitHub Enterprise source location names the host; else github.com.
      const source = annotations[ANNOTATION_SOURCE_LOCATION];
      let host = 'github.com';
      if (source) {
        const { target } = parseLocationRef(source);
        const integration = options.integrations.github.byUrl(target);
        if (integration) host = integration.config.host;
      }
      const integration = options.integrations.github.byHost(host);
      if (!integration) {
        return {
          status: 'unknown',
          evidence: {
            error: `no GitHub integration for ${host} (integrations.github in app-config)`,
          },
        };
      }
      const api = (
        integration.config.apiBaseUrl ?? 'https://api.github.com'
      ).replace(/\/$/, '');
      const { headers } = await options.credentials.getCredentials({
        url: `https://${host}/${slug}`,
      });
      const get = (path: string) =>
        fetch(`${api}${path}`, {
          headers: {
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            ...headers,
          },
          signal: context.signal,
        });

      // The version's commit and that commit's runs, keyed by repository and
      // ref (commit): shared by the items of a release, never across versions.
      const ref = versionRef(context.version);
      const commit = await context.once(
        `ci ${api}/repos/${slug}/commits/${ref}`,
        async () => {
          const commitResponse = await get(
            `/repos/${slug}/commits/${encodeURIComponent(ref)}`,
          );
          if (commitResponse.status === 404 || commitResponse.status === 422) {
            return undefined;
          }
          if (!commitResponse.ok) {
            throw await responseError('GitHub', commitResponse);
          }
          return ((await commitResponse.json()) as { sha: string }).sha;
        },
      );
      if (!commit) {
        return {
          status: 'failed',
          evidence: {
            query: `GET /repos/${slug}/commits/${ref}`,
            error: `${slug} has no commit or tag '${ref}' for version ${context.version}`,
          },
        };
      }

      const query = `GET /repos/${slug}/actions/runs?head_sha=${commit}`;
      const runsPath = `/repos/${slug}/actions/runs?head_sha=${commit}`;
      const allRuns = await context.once(`ci ${api}${runsPath}`, async () => {
        const runsResponse = await get(`${runsPath}&per_page=100`);
        if (!runsResponse.ok) {
          throw await responseError('GitHub', runsResponse);
        }
        return ((await runsResponse.json()) as { workflow_runs: WorkflowRun[] })
          .workflow_runs;
      });
      const wanted = spec.workflow;
      const runs = allRuns.filter(
        run =>
          !wanted ||
          run.name === wanted ||
          run.path === wanted ||
          run.path?.endsWith(`/${wanted}`),
      );
      const commitLink = `https://${host}/${slug}/commit/${commit}`;
      if (!runs.length) {
        return {
          status: 'pending',
          evidence: {
            query,
            link: commitLink,
            error: `no ${
              wanted ? `'${wanted}' ` : ''
            }workflow run for commit ${commit.slice(0, 12)} yet`,
          },
        };
      }
      // The latest attempt of each workflow decides.
      const latest = new Map<number, WorkflowRun>();
      for (const run of runs) {
        const seen = latest.get(run.workflow_id);
        if (
          !seen ||
          run.created_at > seen.created_at ||
          (run.created_at === seen.created_at &&
            (run.run_attempt ?? 1) > (seen.run_attempt ?? 1))
        ) {
          latest.set(run.workflow_id, run);
        }
      }
      const decisive = [...latest.values()];
      const describe = (run: WorkflowRun) =>
        `${run.name ?? run.path ?? run.workflow_id}: ${
          run.conclusion ?? run.status
        }`;
      const value = decisive.map(describe).join(', ');
      const failed = decisive.filter(
        run =>
          run.status === 'completed' && !SUCCESSFUL.has(run.conclusion ?? ''),
      );
      if (failed.length) {
        return {
          status: 'failed',
          evidence: {
            value,
            query,
            link: failed[0].html_url,
            error: `failed: ${failed.map(describe).join(', ')}`,
          },
        };
      }
      if (decisive.some(run => run.status !== 'completed')) {
        return {
          status: 'pending',
          evidence: { value, query, link: commitLink },
        };
      }
      return { status: 'passed', evidence: { value, query, link: commitLink } };
    },
  };
}
