import { substitutePlaceholders } from '../DefinitionLoader/promql';
import { ChecklistProvider } from './types';

/** `http`: a URL (a health endpoint) answers the expected status, 200 unless told. */
export function createHttpProvider(): ChecklistProvider<'http'> {
  return {
    type: 'http',
    async check(spec, context) {
      const url = substitutePlaceholders(spec.url, {
        service: context.service,
        version: context.version,
      });
      const expected = spec.expectStatus ?? 200;
      // The status depends on the URL alone (with $version where it has one).
      const status = await context.once(`http GET ${url}`, async () => {
        const response = await fetch(url, {
          signal: context.signal,
          redirect: 'manual',
        });
        // The body is not evidence; do not keep the connection waiting for it.
        await response.body?.cancel();
        return response.status;
      });
      const evidence = {
        value: status,
        query: `GET ${url}`,
        link: url,
      };
      return status === expected
        ? { status: 'passed', evidence }
        : {
            status: 'failed',
            evidence: {
              ...evidence,
              error: `answered ${status}, expected ${expected}`,
            },
          };
    },
  };
}
