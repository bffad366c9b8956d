import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CHECKLIST_PHASES } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ChecklistService } from './services/ChecklistService/types';

const createReleaseBody = z.strictObject({
  entityRef: z.string().min(1),
  version: z.string().min(1),
});

const updateItemBody = z.strictObject({
  action: z.enum(['tick', 'untick', 'not-applicable']),
  comment: z.string().max(2000).optional(),
  revision: z.number().int().min(0),
});

const gateQuery = z.object({
  entityRef: z.string().min(1),
  version: z.string().min(1),
  phase: z.enum(CHECKLIST_PHASES),
});

const listQuery = z.object({ entityRef: z.string().min(1) });

/** Parses with a zod schema; an InputError naming each wrong field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(issue =>
          issue.path.length
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        )
        .join('; ')}`,
    );
  }
  return result.data;
}

/**
 * The HTTP API (under /api/deployment-checklist). Reading is open to every
 * signed-in user and to services; ticking needs a user (the service checks
 * that they own the entity).
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  checklist: ChecklistService;
}): Promise<express.Router> {
  const { httpAuth, checklist } = options;
  const router = Router();
  router.use(express.json());

  router.get('/releases', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parse(listQuery, req.query, 'query');
    res.json(await checklist.listReleases(entityRef, credentials));
  });

  router.post('/releases', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parse(createReleaseBody, req.body, 'release request');
    const { release, created } = await checklist.createRelease(body, {
      credentials,
    });
    res.status(created ? 201 : 200).json(release);
  });

  router.get('/releases/:releaseId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await checklist.getRelease(req.params.releaseId, credentials));
  });

  router.post('/releases/:releaseId/items/:itemId', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = parse(updateItemBody, req.body, 'item update');
    res.json(
      await checklist.updateItem(
        req.params.releaseId,
        req.params.itemId,
        body,
        credentials,
      ),
    );
  });

  router.post('/releases/:releaseId/evaluate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await checklist.evaluateRelease(req.params.releaseId, { credentials }),
    );
  });

  router.get('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(gateQuery, req.query, 'query');
    res.json(
      await checklist.gate(
        query.entityRef,
        query.version,
        query.phase,
        credentials,
      ),
    );
  });

  return router;
}
