import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { RIGHT_SIZING_RULES } from '@goldenpath/backstage-plugin-cost-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CostService } from './services/CostService/types';

const rule = z.enum(RIGHT_SIZING_RULES).optional();

const revisionPair = z.object({
  base: z.string().min(1),
  head: z.string().min(1),
});

const diffBody = z
  .object({
    gitopsConfig: revisionPair.optional(),
    infrastructure: revisionPair.optional(),
  })
  .strict();

const systemQuery = z.object({
  namespace: z.string().min(1).default('default'),
  sort: z.enum(['cost', 'name']).default('cost'),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

function ruleOf(query: express.Request['query']) {
  return parse(
    rule,
    query.rule,
    `rule (expected ${RIGHT_SIZING_RULES.join(', ')})`,
  );
}

/** The cost plugin's HTTP API; see README.md. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  costService: CostService;
}): Promise<express.Router> {
  const { httpAuth, costService } = options;
  const router = Router();
  router.use(express.json());

  router.get('/services/:service', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(
      await costService.serviceCost({
        service: req.params.service,
        rule: ruleOf(req.query),
      }),
    );
  });

  router.get('/entity/:namespace/:kind/:name', async (req, res) => {
    const { namespace, kind, name } = req.params;
    res.json(
      await costService.entityCost({
        entityRef: { namespace, kind, name },
        rule: ruleOf(req.query),
        credentials: await httpAuth.credentials(req),
      }),
    );
  });

  router.get('/systems/:system', async (req, res) => {
    const query = parse(systemQuery, req.query, 'query');
    // A name, or a full reference such as system:default/ecommerce-platform.
    let system: CompoundEntityRef;
    try {
      system = parseEntityRef(req.params.system, {
        defaultKind: 'system',
        defaultNamespace: query.namespace,
      });
    } catch (error) {
      throw new InputError(
        `'${req.params.system}' is not a system reference (${error}); expected a name or system:<namespace>/<name>`,
      );
    }
    if (system.kind.toLocaleLowerCase('en-US') !== 'system') {
      throw new InputError(
        `'${req.params.system}' is not a System; expected a name or system:<namespace>/<name>`,
      );
    }
    res.json(
      await costService.systemCost({
        system: { namespace: system.namespace, name: system.name },
        sort: query.sort,
        credentials: await httpAuth.credentials(req),
      }),
    );
  });

  router.get('/prices', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await costService.prices());
  });

  router.post('/diff', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await costService.diff(parse(diffBody, req.body, 'body')));
  });

  return router;
}
