import express from 'express';
import Router from 'express-promise-router';
import { LocalGitRepositories } from './LocalGitRepositories';

/**
 * Read-only HTTP view of the local repositories, so that the catalog can read
 * a new service's catalog-info.yaml through its URL reader and the output
 * links of a template run open something:
 *
 * - `GET /local-git/:repo/tree/:ref` (or `blob/:ref`) lists the files of a branch;
 * - `GET /local-git/:repo/blob/:ref/<path>` returns one file.
 */
export function createLocalGitRouter(repositories: LocalGitRepositories) {
  const router = Router();
  const list: express.RequestHandler = async (req, res) => {
    const files = await repositories.listFiles(req.params.repo, req.params.ref);
    res.type('text/plain').send(`${files.join('\n')}\n`);
  };
  router.get('/local-git/:repo/tree/:ref', list);
  router.get('/local-git/:repo/blob/:ref', list);
  router.get('/local-git/:repo/blob/:ref/*', async (req, res) => {
    const file = (req.params as Record<string, string>)[0];
    const content = await repositories.readFile(
      req.params.repo,
      req.params.ref,
      file,
    );
    res.type('text/plain').send(content);
  });
  return router as express.Router;
}
