/** An Error describing a failed HTTP answer, with its message if it has one. */
export async function responseError(
  what: string,
  response: Response,
): Promise<Error> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text);
    message = body?.error?.message ?? body?.message ?? body?.error ?? message;
  } catch {
    // not JSON
  }
  return new Error(
    `${what} answered ${response.status} ${response.statusText}${
      message ? `: ${message}` : ''
    }`.trim(),
  );
}
