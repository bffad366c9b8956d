// Prometheus's HTTP API, as the backends use it: instant queries
// (/api/v1/query) and links to the expression browser (/graph).

/**
 * A float sample of a series, as Prometheus's HTTP API gives it.
 *
 * @public
 */
export interface PrometheusSample {
  metric: Record<string, string>;
  /** Unix time in seconds, and the value as a string ("NaN", "+Inf", ...). */
  value: [number, string];
}

/**
 * The `data` of a successful answer of `/api/v1/query`.
 *
 * @public
 */
export type PrometheusQueryData =
  | { resultType: 'vector'; result: PrometheusSample[] }
  | {
      resultType: 'matrix';
      result: Array<{
        metric: Record<string, string>;
        values: Array<[number, string]>;
      }>;
    }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

/**
 * Runs an instant query against the Prometheus at `baseUrl` (one trailing
 * slash is ignored) and returns the answer's `data`. The query is sent as a
 * POST form, so long expressions fit.
 *
 * Throws an Error whose message names the server (`Prometheus at <baseUrl>
 * ...`) when it cannot be reached, answers other than 2xx (with its `error`,
 * or the beginning of the body) or answers without success.
 *
 * @public
 */
export async function queryPrometheus(
  baseUrl: string,
  expression: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<PrometheusQueryData> {
  const base = baseUrl.replace(/\/$/, '');
  const what = `Prometheus at ${base}`;
  const signals = [
    ...(options.signal ? [options.signal] : []),
    ...(options.timeoutMs !== undefined
      ? [AbortSignal.timeout(options.timeoutMs)]
      : []),
  ];
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expression }).toString(),
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    });
  } catch (error) {
    throw new Error(
      `${what} could not be reached: ${(error as Error).message}`,
    );
  }
  try {
    text = await response.text();
  } catch (error) {
    throw new Error(
      `${what} answered ${response.status}, but its answer could not be read: ${
        (error as Error).message
      }`,
    );
  }
  let answer:
    | { status?: string; error?: string; data?: PrometheusQueryData }
    | undefined;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  if (!response.ok || answer?.status !== 'success' || !answer.data) {
    throw new Error(
      `${what} answered ${response.status}: ${
        answer?.error ?? text.slice(0, 200)
      }`,
    );
  }
  return answer.data;
}

/**
 * A link to `expression` in the expression browser of the Prometheus at
 * `base` (one trailing slash is ignored), on its table tab (the default) or
 * its graph tab, optionally over a range such as `7d`.
 *
 * @public
 */
export function prometheusGraphUrl(
  base: string,
  expression: string,
  options: { tab?: 'graph' | 'table'; range?: string } = {},
): string {
  const params = [
    `g0.expr=${encodeURIComponent(expression)}`,
    `g0.tab=${options.tab === 'graph' ? 0 : 1}`,
    ...(options.range
      ? [`g0.range_input=${encodeURIComponent(options.range)}`]
      : []),
  ];
  return `${base.replace(/\/$/, '')}/graph?${params.join('&')}`;
}
