import type { Entity } from '@backstage/catalog-model';
import type {
  FluxEntityStatus,
  FluxImageRef,
  FluxRuntimeStatus,
} from '@goldenpath/backstage-plugin-flux-common';
import type { EnvironmentName } from '@goldenpath/backstage-plugin-gitops-common';

/** What runs where for an entity, from the shared cache and gitops-config. */
export interface FluxStatusService {
  entityStatus(entity: Entity): Promise<FluxEntityStatus>;
  runtimeStatus(): Promise<FluxRuntimeStatus>;
}

/** The image tag gitops-config declares for a service, per environment. */
export interface DeclaredImages {
  forService(
    service: string,
  ): Promise<Partial<Record<EnvironmentName, FluxImageRef>>>;
}
