// The client's error messages as users read them: the mock's own words, then the
// client's advice, each said once.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, Puchify } from '../../src/index';
import { createMock } from '../../src/mock/index';

const mock = createMock();
const network = setupServer(...mock.handlers);
const puchify = new Puchify({ apiKey: mock.apiKey, maxRetries: 0 });

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }));
afterAll(() => {
  network.close();
  mock.close();
});

describe('a missing resource', () => {
  it('is a NotFoundError whose message names the id and gives one piece of advice', async () => {
    const error = await puchify.servers.get('svr_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const { message, code } = error as NotFoundError;
    expect(code).toBe('server_not_found');
    expect(message).toMatch(
      /^GET \/api\/v1\/servers\/svr_missing returned 404 Not Found \(request req_\w+\): Server svr_missing not found\. Check the server id\.$/,
    );
  });

  it('names the kind of resource in the advice for every namespace', async () => {
    const error = await puchify.loadBalancers.get('lb_missing').catch((e: unknown) => e);
    expect((error as NotFoundError).message).toMatch(
      /: Load balancer lb_missing not found\. Check the load balancer id\.$/,
    );
  });
});
