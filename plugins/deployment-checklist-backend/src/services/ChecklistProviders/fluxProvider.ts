import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { FluxEntityStatus } from '@goldenpath/backstage-plugin-flux-common';
import { ChecklistProvider } from './types';
import { responseError } from './responseError';

/**
 * `flux`: the release's version runs in an environment and its Flux objects
 * are Ready, as the Flux backend sees it
 * (GET /entity/:namespace/:kind/:name/status, with a service token).
 */
export function createFluxProvider(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): ChecklistProvider<'flux'> {
  return {
    type: 'flux',
    async check(spec, context) {
      const { kind, namespace, name } = parseEntityRef(context.entityRef);
      const path = `/entity/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/status`;
      // The status of every environment of the entity: the same whatever the
      // version or environment an item asks about.
      const status = await context.once(`flux ${path}`, async () => {
        const baseUrl = await options.discovery.getBaseUrl('flux');
        const { token } = await options.auth.getPluginRequestToken({
          onBehalfOf: await options.auth.getOwnServiceCredentials(),
          targetPluginId: 'flux',
        });
        const response = await fetch(`${baseUrl}${path}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: context.signal,
        });
        if (!response.ok) {
          throw await responseError('the Flux backend', response);
        }
        return (await response.json()) as FluxEntityStatus;
      });
      const query = `flux ${path} (${spec.environment})`;
      const environment = status.environments.find(
        e => e.environment === spec.environment,
      );
      if (!environment || !environment.cluster) {
        return {
          status: 'unknown',
          evidence: {
            query,
            error: `the Flux backend knows no cluster for ${spec.environment}`,
          },
        };
      }
      if (environment.error) {
        return {
          status: 'unknown',
          evidence: {
            query,
            error: `${environment.error.cluster}: ${environment.error.reason}: ${environment.error.message}`,
          },
        };
      }
      const deployed = environment.deployed;
      const value = deployed
        ? `${deployed.tag} (${environment.readiness})`
        : `nothing deployed (${environment.readiness})`;
      if (deployed?.tag !== context.version) {
        return {
          status: 'failed',
          evidence: {
            value,
            query,
            error: deployed
              ? `${environment.cluster} runs ${deployed.image}:${deployed.tag}, not ${context.version}`
              : `${environment.cluster} runs no image of ${name}`,
          },
        };
      }
      if (environment.readiness === 'ready') {
        return { status: 'passed', evidence: { value, query } };
      }
      const reason = environment.objects.find(
        o => o.readiness === environment.readiness,
      );
      return {
        status: environment.readiness === 'unknown' ? 'unknown' : 'failed',
        evidence: {
          value,
          query,
          error: `${context.version} runs in ${environment.cluster} but is ${
            environment.readiness
          }${
            reason
              ? ` (${reason.kind} ${reason.namespace}/${reason.name}: ${
                  reason.message ?? reason.reason ?? 'no message'
                })`
              : ''
          }`,
        },
      };
    },
  };
}
