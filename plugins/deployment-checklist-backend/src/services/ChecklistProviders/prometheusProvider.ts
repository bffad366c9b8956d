import type { ChecklistOperator } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';
import {
  prometheusGraphUrl,
  queryPrometheus,
} from '@goldenpath/backstage-plugin-gitops-node';
import { substitutePlaceholders } from '../DefinitionLoader/promql';
import { ChecklistProvider } from './types';

/** Where the Prometheus provider queries. */
export interface PrometheusTarget {
  /** Default server (deploymentChecklist.prometheus.baseUrl). */
  baseUrl?: string;
  /** Per-environment servers, for items that name an environment. */
  environments?: Partial<Record<EnvironmentName, string>>;
  /** Base of the links shown as evidence, when users reach Prometheus elsewhere. */
  externalUrl?: string;
}

const COMPARE: Record<ChecklistOperator, (a: number, b: number) => boolean> = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '==': (a: number, b: number) => a === b,
};

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
      const link = prometheusGraphUrl(target.externalUrl ?? base, query, {
        tab: 'table',
      });
      // The answer depends on the server and the query with its placeholders
      // substituted: a query without $version is asked once for all versions.
      const data = await context.once(`prometheus ${base} ${query}`, () =>
        queryPrometheus(base, query, { signal: context.signal }),
      );
      let values: number[];
      if (data.resultType === 'vector') {
        values = data.result.map(sample => Number(sample.value[1]));
      } else if (data.resultType === 'scalar') {
        values = [Number(data.result[1])];
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
