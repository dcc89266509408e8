import { describe, expect, it } from 'vitest';
import { Router } from '../../src/mock/router';

describe('Router', () => {
  const router = new Router([
    { method: 'GET', path: '/api/v1/servers', operationId: 'listServers', handler: 1 },
    { method: 'POST', path: '/api/v1/servers', operationId: 'createServer', handler: 2 },
    { method: 'GET', path: '/api/v1/servers/{id}', operationId: 'getServer', handler: 3 },
    { method: 'POST', path: '/api/v1/servers/{id}/start', operationId: 'startServer', handler: 4 },
  ]);

  it('finds static and parameterised routes', () => {
    expect(router.match('GET', '/api/v1/servers')).toMatchObject({ kind: 'found' });
    expect(router.match('POST', '/api/v1/servers/svr_1/start')).toMatchObject({
      kind: 'found',
      params: { id: 'svr_1' },
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/api/v1/servers')).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET', 'POST'],
    });
    expect(router.match('GET', '/api/v1/nope')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/api/v1/servers//start')).toEqual({ kind: 'not_found' });
  });
});
