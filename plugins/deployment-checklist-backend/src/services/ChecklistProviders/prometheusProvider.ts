import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import { substitutePlaceholders } from '../DefinitionLoader/promql';
import { ChecklistProvider } from './types';
import { responseError } from './responseError';

/** Where the Prometheus provider queries. */
export interface PrometheusTarget {
  /** Default server (deploymentChecklist.prometheus.baseUrl). */
  baseUrl?: string;
  /** Per-environment servers, for items that name an environment. */
  environments?: Partial<Record<EnvironmentName, string>>;
  /** Base of the links shown as evidence, when users reach Prometheus elsewhere. */
  externalUrl?: string;
}

const COMPARE = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '==': (a: number, b: number) => a === b,
};

interface QueryAnswer {
  status: string;
  error?: string;
  data?: {
    resultType: 'vector' | 'scalar' | 'matrix' | 'string';
    result: unknown;
  };
}

/**
 * `prometheus`: an instant query whose every sample must satisfy
 * `value <operator> threshold`. No samples, or NaN, is `unknown` (no data is
 * not evidence); a server that cannot be reached is `unknown` too.
 */
export function createPrometheusProvider(
  target: PrometheusTarget,
): ChecklistProvider<'prometheus'> {
  return {
    type: 'prometheus',
    async check(spec, context) {
      const server =
        (spec.environment && target.environments?.[spec.environment]) ||
        target.baseUrl;
      const query = substitutePlaceholders(spec.query, {
        service: context.service,
        environment: spec.environment,
        version: context.version,
      });
      if (!server) {
        return {
          status: 'unknown',
          evidence: {
            query,
            error:
              'no Prometheus is configured (deploymentChecklist.prometheus.baseUrl)',
          },
        };
      }
      const base = server.replace(/\/$/, '');
      const link = `${(target.externalUrl ?? base).replace(
        /\/$/,
        '',
      )}/graph?g0.expr=${encodeURIComponent(query)}&g0.tab=1`;
      // The answer depends on the server and the query with its placeholders
      // substituted: a query without $version is asked once for all versions.
      const data = await context.once(
        `prometheus ${base} ${query}`,
        async () => {
          const response = await fetch(
            `${base}/api/v1/query?query=${encodeURIComponent(query)}`,
            { signal: context.signal },
          );
          if (!response.ok) {
            throw await responseError(`Prometheus at ${base}`, response);
          }
          const answer = (await response.json()) as QueryAnswer;
          if (answer.status !== 'success' || !answer.data) {
            throw new Error(`Prometheus at ${base} answered: ${answer.error}`);
          }
          return answer.data;
        },
      );
      let values: number[];
      if (data.resultType === 'vector') {
        values = (data.result as Array<{ value: [number, string] }>).map(
          sample => Number(sample.value[1]),
        );
      } else if (data.resultType === 'scalar') {
        values = [Number((data.result as [number, string])[1])];
      } else {
        return {
          status: 'unknown',
          evidence: {
            query,
            link,
            error: `expected an instant vector or scalar, got a ${data.resultType}`,
          },
        };
      }
      if (!values.length) {
        return {
          status: 'unknown',
          evidence: {
            query,
            link,
            error: 'no data: the query returned no series',
          },
        };
      }
      if (values.some(Number.isNaN)) {
        return {
          status: 'unknown',
          evidence: {
            query,
            link,
            error: 'the query returned NaN (no traffic to measure?)',
          },
        };
      }
      const compare = COMPARE[spec.operator];
      const failing = values.find(v => !compare(v, spec.threshold));
      if (failing !== undefined) {
        return {
          status: 'failed',
          evidence: {
            value: failing,
            query,
            link,
            error: `${failing} is not ${spec.operator} ${spec.threshold}`,
          },
        };
      }
      return {
        status: 'passed',
        evidence: {
          value: values.length === 1 ? values[0] : values.join(', '),
          query,
          link,
        },
      };
    },
  };
}
