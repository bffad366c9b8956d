import { isError } from '@backstage/errors';

/**
 * What the server said went wrong. The client rejects with a `ResponseError`
 * whose `cause` carries the server's error name and message; other errors
 * speak for themselves.
 */
export function serverError(error: unknown): { name: string; message: string } {
  if (!isError(error)) {
    return { name: 'Error', message: String(error) };
  }
  const cause = (error as { cause?: unknown }).cause;
  const server =
    error.name === 'ResponseError' && isError(cause) ? cause : error;
  return { name: server.name, message: server.message };
}
