import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startService, type Service } from './server';

describe('${{ values.name }} HTTP server', () => {
  let service: Service;
  let baseUrl: string;

  before(async () => {
    service = await startService(0);
    baseUrl = `http://127.0.0.1:${service.port}`;
  });

  after(async () => {
    await service.shutdown();
  });

  it('reports liveness on /healthz/live', async () => {
    const res = await fetch(`${baseUrl}/healthz/live`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('reports readiness on /healthz/ready once listening', async () => {
    const res = await fetch(`${baseUrl}/healthz/ready`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready' });
  });

  it('exposes default and HTTP metrics on /metrics', async () => {
    await fetch(`${baseUrl}/no-such-route`);
    const res = await fetch(`${baseUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const body = await res.text();
    assert.match(body, /^process_cpu_user_seconds_total/m);
    assert.match(
      body,
      /^http_requests_total\{method="GET",route="\/healthz\/live",status="200",service="${{ values.name }}"\} 1$/m,
    );
    assert.match(body, /^http_requests_total\{method="GET",route="unmatched",status="404",service="${{ values.name }}"\} 1$/m);
    assert.match(body, /^http_request_duration_seconds_bucket\{.*route="\/healthz\/ready".*\} 1$/m);
  });

  it('answers 404 for unknown routes', async () => {
    const res = await fetch(`${baseUrl}/nope`);
    assert.equal(res.status, 404);
  });
});
