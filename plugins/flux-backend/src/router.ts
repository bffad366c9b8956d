import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { FLUX_KIND_NAMES } from '@goldenpath/backstage-plugin-flux-common';
import {
  KUBERNETES_NAME,
  KUBERNETES_NAMESPACE,
} from '@goldenpath/backstage-plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { FluxActionsService } from './services/FluxActions/types';
import type { FluxStatusService } from './services/FluxStatus/types';

// Kubernetes names only: anything else (a '..', a 300-character name) is
// refused here, before it becomes part of a request path or an audit row.
const actionRequestSchema = z.object({
  cluster: z.string().min(1).max(253),
  kind: z.enum(FLUX_KIND_NAMES),
  namespace: z
    .string()
    .regex(KUBERNETES_NAMESPACE, 'is not a Kubernetes namespace name'),
  name: z.string().regex(KUBERNETES_NAME, 'is not a Kubernetes object name'),
  action: z.enum(['reconcile', 'suspend', 'resume']),
});

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  status: FluxStatusService;
  actions: FluxActionsService;
}): Promise<express.Router> {
  const { httpAuth, catalog, status, actions } = options;
  const router = Router();
  router.use(express.json());

  async function entityOf(req: express.Request) {
    const credentials = await httpAuth.credentials(req);
    const { namespace, kind, name } = req.params;
    const entity = await catalog.getEntityByRef(
      { kind, namespace, name },
      { credentials },
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity ${kind}:${namespace}/${name} in the catalog`,
      );
    }
    return { entity, credentials };
  }

  router.get('/entity/:namespace/:kind/:name/status', async (req, res) => {
    const { entity } = await entityOf(req);
    res.json(await status.entityStatus(entity));
  });

  router.post('/entity/:namespace/:kind/:name/actions', async (req, res) => {
    const parsed = actionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid Flux action request: ${z.prettifyError(parsed.error)}`,
      );
    }
    const { entity, credentials } = await entityOf(req);
    res.json(await actions.perform(entity, parsed.data, credentials));
  });

  router.get('/runtime', async (_req, res) => {
    res.json(await status.runtimeStatus());
  });

  return router;
}
