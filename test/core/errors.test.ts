import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../src/core/error-from-response';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  PuchifyError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from '../../src/core/errors';
import { API_KEY, META } from './fake-fetch';

function fail(status: number, body: unknown, headers: Record<string, string> = {}) {
  return errorFromResponse({
    method: 'GET',
    path: '/api/v1/servers/svr_42',
    status,
    headers: new Headers({ 'x-request-id': 'req_7c1', ...headers }),
    body,
    secret: API_KEY,
  });
}

const envelope = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details ? { details } : {}) },
  meta: META,
});

describe('errorFromResponse', () => {
  it.each([
    [400, BadRequestError, 'BadRequestError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [403, PermissionDeniedError, 'PermissionDeniedError'],
    [404, NotFoundError, 'NotFoundError'],
    [409, ConflictError, 'ConflictError'],
    [422, UnprocessableEntityError, 'UnprocessableEntityError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, ServerError, 'ServerError'],
    [503, ServerError, 'ServerError'],
    [405, ApiError, 'ApiError'],
  ])('maps %i to %o', (status, Class, name) => {
    const error = fail(status, envelope('x', 'y'));
    expect(error).toBeInstanceOf(Class);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
  });

  it('keeps the class tree: 422 is a BadRequestError, every ApiError a PuchifyError', () => {
    const error = fail(422, envelope('validation_failed', 'Invalid body.'));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PuchifyError);
    expect(error).toBeInstanceOf(Error);
  });

  it('says method, path, status, request id and what to do', () => {
    expect(fail(404, undefined).message).toBe(
      'GET /api/v1/servers/svr_42 returned 404 (request req_7c1). ' +
        'Check the id and the baseUrl option.',
    );
    expect(fail(404, envelope('server_not_found', 'Server svr_42 not found')).message).toBe(
      'GET /api/v1/servers/svr_42 returned 404 (request req_7c1): ' +
        'Server svr_42 not found. Check the server id.',
    );
  });

  it('quotes the reason phrase the answer carried, when it carried one', () => {
    const error = errorFromResponse({
      method: 'GET',
      path: '/api/v1/servers/svr_42',
      status: 404,
      statusText: 'Not Found',
      headers: new Headers(),
      body: undefined,
    });
    expect(error.message).toBe(
      'GET /api/v1/servers/svr_42 returned 404 Not Found. Check the id and the baseUrl option.',
    );
  });

  it('reads code, details, meta and request id from the envelope', () => {
    const details = [{ field: 'name', message: 'must be at most 40 characters' }];
    const error = fail(422, envelope('validation_failed', 'Invalid body.', details));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(details);
    expect(error.meta).toEqual(META);
    expect(error.requestId).toBe('req_7c1');
    expect(error.message).toContain('name: must be at most 40 characters.');
  });

  it('ends the details with one full stop, whether or not the last one has its own', () => {
    const details = [
      { field: 'name', message: 'is taken.' },
      { field: 'url', message: 'is refused. Use a loopback URL.' },
    ];
    const error = fail(422, envelope('validation_failed', 'Invalid body.', details));
    expect(error.message).toBe(
      'GET /api/v1/servers/svr_42 returned 422 (request req_7c1): ' +
        'Invalid body. name: is taken.; url: is refused. Use a loopback URL. ' +
        'Fix the fields listed in details and send the request again.',
    );
  });

  it('still gives a ServerError for an HTML gateway page, without a code', () => {
    const error = fail(502, '<html><body>Bad gateway</body></html>');
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBe(undefined);
    expect(error.body).toBe('<html><body>Bad gateway</body></html>');
    expect(error.message).toBe(
      'GET /api/v1/servers/svr_42 returned 502 (request req_7c1). The body was ' +
        'not JSON, so it likely came from a proxy in front of the API. The service failed to ' +
        'answer; retry later.',
    );
  });

  it('gives the right class for an empty body', () => {
    const error = fail(401, undefined);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.details).toEqual([]);
    expect(error.message).toContain('Check the API key');
  });

  it('ignores details that do not have the documented shape', () => {
    const error = fail(422, envelope('validation_failed', 'Bad.', [{ field: 1 }, 'x']));
    expect(error.details).toEqual([]);
  });

  it('tells when to retry a 429', () => {
    const error = errorFromResponse({
      method: 'POST',
      path: '/api/v1/servers',
      status: 429,
      headers: new Headers(),
      body: envelope('rate_limited', 'Too many requests.'),
      retryAfterMs: 30_000,
    });
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.retryAfterMs).toBe(30_000);
    expect(Math.abs(rateLimit.retryAt!.getTime() - (Date.now() + 30_000))).toBeLessThan(1000);
    expect(error.message).toMatch(/Retry after \d{4}-\d\d-\d\dT.*Z \(in 30s\)/);
  });

  it('redacts cookies from the headers it keeps', () => {
    const error = fail(500, undefined, { 'set-cookie': 'session=abc' });
    expect(error.headers['set-cookie']).toBe('[redacted]');
    expect(error.headers['x-request-id']).toBe('req_7c1');
  });

  it('never carries the API key, even when the server echoes it', () => {
    const echo = `Key Bearer ${API_KEY} is revoked`;
    const error = fail(401, envelope('unauthorized', echo));
    const htmlError = fail(502, `<pre>Authorization: Bearer ${API_KEY}</pre>`);
    for (const e of [error, htmlError]) {
      expect(e.message).not.toContain(API_KEY);
      expect(String(e)).not.toContain(API_KEY);
      expect(JSON.stringify(e)).not.toContain(API_KEY);
      expect(JSON.stringify(e.body)).not.toContain(API_KEY);
      expect(inspect(e, { depth: 10 })).not.toContain(API_KEY);
    }
    expect(error.message).toContain('Key Bearer [redacted] is revoked.');
  });

  it.each([Number.POSITIVE_INFINITY, Number.NaN, 1e300, -5])(
    'gives a RateLimitError a valid retryAt for a retryAfterMs of %d',
    (retryAfterMs) => {
      const error = errorFromResponse({
        method: 'GET',
        path: '/api/v1/servers',
        status: 429,
        headers: new Headers(),
        body: undefined,
        retryAfterMs,
      }) as RateLimitError;
      expect(Number.isNaN(error.retryAt?.getTime())).toBe(false);
      expect(JSON.stringify(error)).toContain('"retryAt":"');
    },
  );

  it('names the class in the stack trace', () => {
    expect(fail(404, undefined).stack?.startsWith('NotFoundError: GET /api/v1/')).toBe(true);
  });

  it('serialises to a plain summary', () => {
    const json = JSON.parse(JSON.stringify(fail(409, envelope('invalid_state_transition', 'No.'))));
    expect(json).toMatchObject({
      name: 'ConflictError',
      status: 409,
      code: 'invalid_state_transition',
      requestId: 'req_7c1',
      method: 'GET',
      path: '/api/v1/servers/svr_42',
    });
  });
});
