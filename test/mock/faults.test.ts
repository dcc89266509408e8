import { describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../src/mock/faults';

describe('FaultRegistry', () => {
  it('matches by method and path pattern and removes itself after `times`', () => {
    const faults = new FaultRegistry();
    faults.add({ method: 'get', path: '/api/v1/servers/:id', status: 503, times: 2 });
    expect(faults.take('POST', '/api/v1/servers/svr_1')).toBeUndefined();
    expect(faults.take('GET', '/api/v1/servers')).toBeUndefined();
    expect(faults.take('GET', '/api/v1/servers/svr_1')?.status).toBe(503);
    expect(faults.take('GET', '/api/v1/servers/svr_1')?.status).toBe(503);
    expect(faults.take('GET', '/api/v1/servers/svr_1')).toBeUndefined();
    expect(faults.size).toBe(0);
  });

  it('accepts wildcards and regular expressions, and can be removed early', () => {
    const faults = new FaultRegistry();
    const handle = faults.add({ path: '/api/v1/*', provider: 'degraded' });
    faults.add({ path: /rotate-secret$/, dropConnection: true });
    expect(faults.take('GET', '/api/v1/logs')).toEqual({ provider: 'degraded' });
    handle.remove();
    expect(faults.take('POST', '/api/v1/webhook-endpoints/whe_1/rotate-secret')).toEqual({
      dropConnection: true,
    });
    expect(faults.take('GET', '/api/v1/logs')).toBeUndefined();
  });
});
