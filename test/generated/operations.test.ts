import { describe, expect, it } from 'vitest';
import { operationRoutes } from '../../src/generated/lifecycle';
import { listOperations, spec } from './load-spec';

const crud = (one: string, many: string) => [
  `list${many}`,
  `create${one}`,
  `get${one}`,
  `update${one}`,
  `delete${one}`,
];

/** Every operation the contract must have. Dropping a path makes this test fail. */
const EXPECTED = [
  ...crud('Server', 'Servers'),
  'startServer',
  'stopServer',
  'restartServer',
  ...crud('GpuServer', 'GpuServers'),
  'startGpuServer',
  'stopGpuServer',
  'restartGpuServer',
  ...crud('Database', 'Databases'),
  'startDatabase',
  'stopDatabase',
  'backupDatabase',
  ...crud('KubernetesCluster', 'KubernetesClusters'),
  'scaleKubernetesCluster',
  ...crud('LoadBalancer', 'LoadBalancers'),
  ...crud('VpnGateway', 'VpnGateways'),
  ...crud('ApiKey', 'ApiKeys'),
  ...crud('WebhookEndpoint', 'WebhookEndpoints'),
  'rotateWebhookEndpointSecret',
  'listWebhookDeliveries',
  'listEvents',
  'getEvent',
  'listUsageRecords',
  'getUsageSummary',
  'listInvoices',
  'listLogs',
  'tailLogs',
  'listTerminalSessions',
  'createTerminalSession',
  'getTerminalSession',
  'deleteTerminalSession',
];

describe('operations of the contract', () => {
  const operations = listOperations();

  it('number exactly the expected 63', () => {
    expect(EXPECTED).toHaveLength(63);
    expect(operations.map((o) => o.id).sort()).toEqual([...EXPECTED].sort());
  });

  it('each have a unique operationId, a summary and one known tag', () => {
    const tags = new Set((spec['tags'] as { name: string }[]).map((t) => t.name));
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
    for (const { id, op } of operations) {
      expect(op.summary, id).toMatch(/^[A-Z]/);
      expect(op.tags, id).toHaveLength(1);
      expect(tags.has(op.tags[0]), id).toBe(true);
    }
  });

  it('are all listed with their method and path in the generated operationRoutes', () => {
    const fromSpec = Object.fromEntries(
      operations.map((o) => [o.id, { method: o.method, path: o.path }]),
    );
    expect(operationRoutes).toEqual(fromSpec);
  });

  it('live under /api/v1 and take Idempotency-Key on every POST', () => {
    for (const { id, method, path, op } of operations) {
      expect(path, id).toMatch(/^\/api\/v1\//);
      const refs = (op.parameters ?? []).map((p: { $ref?: string }) => p.$ref);
      expect(refs.includes('#/components/parameters/IdempotencyKey'), id).toBe(method === 'post');
    }
  });

  it('declare the rate-limit and request-id headers on every response, and Retry-After on 429', () => {
    const responses = spec['components']['responses'] as Record<string, any>;
    const headersOf = (r: any) =>
      Object.keys((r.$ref ? responses[r.$ref.split('/').pop()] : r).headers);
    for (const { id, op } of operations) {
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        const names = headersOf(response);
        expect(names, `${id} ${status}`).toEqual(
          expect.arrayContaining([
            'X-RateLimit-Limit',
            'X-RateLimit-Remaining',
            'X-RateLimit-Reset',
            'X-Request-Id',
          ]),
        );
        expect(names.includes('Retry-After'), `${id} ${status}`).toBe(status === '429');
      }
    }
  });

  it('answer 201 on create, 202 on actions and delete, and 429 everywhere', () => {
    for (const { id, op } of operations) {
      const codes = Object.keys(op.responses);
      if (/^create/.test(id)) expect(codes, id).toContain('201');
      if (/^delete/.test(id)) expect(codes, id).toContain('202');
      if (/^(start|stop|restart|backup|scale)/.test(id)) expect(codes, id).toContain('202');
      expect(codes, id).toEqual(expect.arrayContaining(['401', '429', '500', '503']));
    }
  });
});
