import { http, HttpResponse } from 'msw';

/**
 * GitHub's answers the CI provider reads, as msw handlers: the commit a ref
 * names, and one "CI" workflow run of .github/workflows/ci.yaml.
 */
export function githubCiHandlers(options: {
  commitOf: (ref: string) => string;
  conclusion: () => string;
}) {
  return [
    http.get(
      'https://api.github.com/repos/:owner/:repo/commits/:ref',
      ({ params }) =>
        HttpResponse.json({ sha: options.commitOf(String(params.ref)) }),
    ),
    http.get('https://api.github.com/repos/:owner/:repo/actions/runs', () =>
      HttpResponse.json({
        total_count: 1,
        workflow_runs: [
          {
            id: 1,
            name: 'CI',
            path: '.github/workflows/ci.yaml',
            workflow_id: 1,
            status: 'completed',
            conclusion: options.conclusion(),
            html_url:
              'https://github.com/ecommerce-platform/app-user-service/actions/runs/1',
            created_at: '2026-11-20T10:00:00Z',
          },
        ],
      }),
    ),
  ];
}
