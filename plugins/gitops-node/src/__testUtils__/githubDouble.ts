import http from 'node:http';
import { AddressInfo } from 'node:net';
import { create as createTar } from 'tar';

/**
 * A loopback stand-in for the parts of GitHub's REST API that Backstage's
 * GithubUrlReader uses to read a tree: the combined commit status (which
 * names the commit and the repository's archive URL) and the tarball of that
 * commit, laid out as GitHub lays it out (one top folder `<owner>-<repo>-<sha>`).
 */
export async function startGithubDouble(repositories: Record<string, string>) {
  const sha = 'c0ffee0000000000000000000000000000000001';
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const status = url.pathname.match(
      /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/status$/,
    );
    const tarball = url.pathname.match(
      /^\/repos\/([^/]+\/[^/]+)\/tarball\/([0-9a-f]{40})$/,
    );
    const fullName = status?.[1] ?? tarball?.[1];
    const dir = fullName ? repositories[fullName] : undefined;
    if (!dir) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    if (status) {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          state: 'success',
          sha,
          total_count: 0,
          statuses: [],
          repository: {
            full_name: fullName,
            archive_url: `${base}/repos/${fullName}/{archive_format}{/ref}`,
            default_branch: 'main',
          },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-gzip' });
    createTar(
      {
        gzip: true,
        cwd: dir,
        prefix: `${fullName!.replace('/', '-')}-${sha.slice(0, 7)}/`,
        portable: true,
      },
      ['.'],
    ).pipe(res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
