import type {
  GateResult,
  ReleaseDetail,
} from '@goldenpath/backstage-plugin-deployment-checklist-common';
import { CHECKLIST_PHASES } from '@goldenpath/backstage-plugin-deployment-checklist-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the double received. */
export interface RecordedRequest {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

/**
 * A loopback stand-in for the deployment checklist backend's API (POST and
 * GET /releases, GET /gate), answering with the contract's shapes; the test
 * sets which releases exist and which items are open. The real backend is
 * tested against the same contract in deployment-checklist-backend.
 */
export async function startChecklistApiDouble() {
  const releases: ReleaseDetail[] = [];
  const open = new Map<string, GateResult['openItems']>();
  const requests: RecordedRequest[] = [];

  const release = (entityRef: string, version: string): ReleaseDetail => ({
    id: `release-${releases.length + 1}`,
    entityRef,
    version,
    createdAt: '2026-11-26T00:00:00.000Z',
    createdBy: 'user:default/mock',
    definition: { name: 'Complete deployment checklist', source: 'default' },
    phases: CHECKLIST_PHASES.map(phase => ({
      phase,
      total: 2,
      complete: 1,
      passed: false,
    })),
    items: [],
    audit: [],
  });

  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', 'http://double');
    requests.push({
      method: req.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = (message: string) =>
      json(404, { error: { name: 'NotFoundError', message } });
    const find = (entityRef: string | null, version: string | null) =>
      releases.find(r => r.entityRef === entityRef && r.version === version);

    if (
      req.method === 'POST' &&
      url.pathname === '/api/deployment-checklist/releases'
    ) {
      const { entityRef, version } = JSON.parse(text);
      if (entityRef === 'component:default/ghost') {
        notFound(
          `${entityRef} is not in the catalog; register it before creating a release`,
        );
        return;
      }
      const existing = find(entityRef, version);
      if (existing) {
        json(200, existing);
        return;
      }
      const created = release(entityRef, version);
      releases.push(created);
      json(201, created);
    } else if (
      req.method === 'GET' &&
      url.pathname === '/api/deployment-checklist/releases'
    ) {
      json(
        200,
        releases.filter(r => r.entityRef === url.searchParams.get('entityRef')),
      );
    } else if (
      req.method === 'GET' &&
      url.pathname === '/api/deployment-checklist/gate'
    ) {
      const entityRef = url.searchParams.get('entityRef');
      const version = url.searchParams.get('version');
      const found = find(entityRef, version);
      if (!found) {
        notFound(`no release ${version} of ${entityRef}; create it first`);
        return;
      }
      const openItems = open.get(found.id) ?? [];
      json(200, {
        releaseId: found.id,
        entityRef: found.entityRef,
        version: found.version,
        phase: url.searchParams.get('phase'),
        passed: openItems.length === 0,
        openItems,
      } as GateResult);
    } else {
      notFound(`no route ${req.method} ${url.pathname}`);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/deployment-checklist`;

  return {
    baseUrl,
    releases,
    requests,
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    /** Creates a release whose gate has these open items. */
    addRelease(
      entityRef: string,
      version: string,
      openItems: GateResult['openItems'] = [],
    ) {
      const created = release(entityRef, version);
      releases.push(created);
      open.set(created.id, openItems);
      return created;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
