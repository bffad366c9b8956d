import { errorMessageOf } from './summaries';

/**
 * One call of the deployment checklist backend's HTTP API with a bearer
 * token, as the gitops CLI and the scaffolder actions make it: a POST with a
 * JSON body when `body` is given, a GET otherwise. An answer other than 2xx
 * becomes an Error `<answeredBy> answered <status>: <the backend's message>`.
 *
 * @public
 */
export async function requestChecklist<T>(options: {
  /** The backend's base URL, e.g. `https://portal.example.com/api/deployment-checklist`. */
  baseUrl: string;
  /** Path below it, with its query, e.g. `/gate?entityRef=...`. */
  path: string;
  token: string;
  body?: unknown;
  /** Who answered, for the error message, e.g. 'The portal'. */
  answeredBy: string;
  fetch?: typeof fetch;
}): Promise<{ status: number; body: T }> {
  const { body } = options;
  const response = await (options.fetch ?? fetch)(
    `${options.baseUrl.replace(/\/$/, '')}${options.path}`,
    {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  const text = await response.text();
  if (!response.ok) {
    // The backend's message names what is wrong; keep it.
    throw new Error(
      `${options.answeredBy} answered ${response.status}: ${errorMessageOf(
        text,
      )}`,
    );
  }
  // Parsed here rather than with response.json(): values that become
  // scaffolder step outputs must be this realm's arrays and objects (fetch's
  // are the host realm's under Jest, whose prototypes the templating
  // refuses).
  return { status: response.status, body: JSON.parse(text) as T };
}
