import {
  ChecklistProviderSpec,
  ChecklistProviderType,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { DateTime } from 'luxon';
import { ChecklistProvider, ChecklistProviders } from './types';

/**
 * Dispatches each item to its provider, with a time limit. Whatever goes
 * wrong (the source cannot be reached, times out, answers garbage) makes the
 * item `unknown` with the error as evidence: never `passed`.
 */
export function createChecklistProviders(options: {
  providers: { [T in ChecklistProviderType]?: ChecklistProvider<T> };
  timeoutMs: number;
}): ChecklistProviders {
  return {
    async check(spec: ChecklistProviderSpec, context) {
      const provider = options.providers[spec.type] as
        | ChecklistProvider
        | undefined;
      const checkedAt = () => DateTime.utc().toISO()!;
      if (!provider) {
        return {
          status: 'unknown',
          evidence: {
            error: `no '${spec.type}' provider is installed`,
            checkedAt: checkedAt(),
          },
        };
      }
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = AbortSignal.any([context.signal, timeout]);
      try {
        signal.throwIfAborted();
        const outcome = await Promise.race([
          provider.check(spec as never, { ...context, signal }),
          new Promise<never>((_, reject) =>
            signal.addEventListener('abort', () =>
              reject(
                new Error(
                  timeout.aborted
                    ? `no answer within ${options.timeoutMs} ms`
                    : 'the evaluation was cancelled',
                ),
              ),
            ),
          ),
        ]);
        return {
          status: outcome.status,
          evidence: { ...outcome.evidence, checkedAt: checkedAt() },
        };
      } catch (error) {
        return {
          status: 'unknown',
          evidence: {
            error: (error as Error).message || String(error),
            checkedAt: checkedAt(),
          },
        };
      }
    },
  };
}
