import { describe, expect, it } from 'vitest';
import {
  checkRequestOptions,
  resolveClientOptions,
  type RequestOptions,
  type Runtime,
} from '../../src/core/client-options';
import { API_KEY } from './fake-fetch';

const node: Runtime = { isBrowser: false, readEnv: () => undefined };
const browser: Runtime = { isBrowser: true, readEnv: () => undefined };
const withKey = { apiKey: API_KEY };

describe('resolveClientOptions', () => {
  it('applies the documented defaults', () => {
    const config = resolveClientOptions(withKey, node);
    expect(config.baseUrl).toBe('https://api.puchify.com');
    expect(config.timeoutMs).toBe(120_000);
    expect(config.maxRetries).toBe(2);
    expect(config.maxRetryDelayMs).toBe(60_000);
    expect(config.credentials).toBe(undefined);
  });

  it('reads PUCHIFY_API_KEY when no apiKey is given', () => {
    const env: Runtime = {
      isBrowser: false,
      readEnv: (n) => (n === 'PUCHIFY_API_KEY' ? 'pk_env' : undefined),
    };
    expect(resolveClientOptions({}, env).apiKey).toBe('pk_env');
    expect(resolveClientOptions({ apiKey: 'pk_explicit' }, env).apiKey).toBe('pk_explicit');
  });

  it('refuses to start without a key outside a browser', () => {
    expect(() => resolveClientOptions({}, node)).toThrow(
      new TypeError('No API key: pass the apiKey option to new Puchify() or set PUCHIFY_API_KEY.'),
    );
  });

  it('uses the session cookie in a browser without a key', () => {
    const config = resolveClientOptions({}, browser);
    expect(config.apiKey).toBe(undefined);
    expect(config.credentials).toBe('include');
  });

  it('refuses a secret key in a browser without dangerouslyAllowBrowser', () => {
    expect(() => resolveClientOptions(withKey, browser)).toThrow(/dangerouslyAllowBrowser: true/);
    const config = resolveClientOptions({ ...withKey, dangerouslyAllowBrowser: true }, browser);
    expect(config.apiKey).toBe(API_KEY);
    expect(config.credentials).toBe(undefined);
  });

  it('does not read the environment in a browser', () => {
    const leaky: Runtime = { isBrowser: true, readEnv: () => 'pk_env' };
    expect(resolveClientOptions({}, leaky).apiKey).toBe(undefined);
  });

  it.each([
    [
      { maxRetries: -1 },
      RangeError,
      'The maxRetries option takes an integer from 0 to 10; received -1.',
    ],
    [
      { maxRetries: 11 },
      RangeError,
      'The maxRetries option takes an integer from 0 to 10; received 11.',
    ],
    [
      { maxRetries: 1.5 },
      RangeError,
      'The maxRetries option takes an integer from 0 to 10; received 1.5.',
    ],
    [
      { maxRetries: '3' },
      TypeError,
      'The maxRetries option takes an integer from 0 to 10; received "3".',
    ],
    [
      { timeout: 0 },
      RangeError,
      'The timeout option takes an integer from 1 to 2147483647; received 0.',
    ],
    [
      { timeout: Number.NaN },
      RangeError,
      'The timeout option takes an integer from 1 to 2147483647; received NaN.',
    ],
    [
      { maxRetryDelay: -5 },
      RangeError,
      'The maxRetryDelay option takes an integer from 0 to 2147483647; received -5.',
    ],
    [{ fetch: 'fetch' }, TypeError, 'The fetch option takes a function; received "fetch".'],
    [
      { logLevel: 'verbose' },
      RangeError,
      'The logLevel option takes one of off, error, warn, info, debug; received "verbose".',
    ],
    [
      { hooks: { onRetry: 1 } },
      TypeError,
      'The hooks.onRetry option takes a function; received 1.',
    ],
    [
      { middleware: 'x' },
      TypeError,
      'The middleware option takes an array of middleware; received "x".',
    ],
    [
      { logger: { debug() {} } },
      TypeError,
      'The logger option needs debug, info, warn and error methods; missing info, warn, error.',
    ],
    [{ hooks: null }, TypeError, 'The hooks option takes an object of functions; received null.'],
    [
      { middleware: [{ onRequest: () => undefined }, {}] },
      TypeError,
      'The middleware option takes an array of middleware, objects with an ' +
        'onRequest, onResponse or onError method; entry 1 has none.',
    ],
    [
      { middleware: [{ onRequest: 'x', onResponse: () => undefined }] },
      TypeError,
      'The middleware option takes an array of middleware, objects with an ' +
        'onRequest, onResponse or onError method; entry 0 has onRequest set to "x".',
    ],
    [
      { middleware: [null] },
      TypeError,
      'The middleware option takes an array of middleware, objects with an ' +
        'onRequest, onResponse or onError method; entry 0 has none.',
    ],
  ])('rejects %o with a %o naming the option', (bad, Class, message) => {
    expect(() => resolveClientOptions({ ...withKey, ...(bad as object) }, node)).toThrow(
      new Class(message),
    );
  });

  it.each([
    ['ftp://api.puchify.com', '"ftp://api.puchify.com"'],
    ['api.puchify.com', '"api.puchify.com"'],
    ['https://x.test/?a=1', '"https://x.test/?a=1"'],
    ['http://127.0.0.1:9/#frag', '"http://127.0.0.1:9/#frag"'],
    ['http://127.0.0.1:9/#', '"http://127.0.0.1:9/#"'],
    ['http://user:hunter2@127.0.0.1:9/', 'a URL that may hold credentials'],
    ['http://user:p@ss@127.0.0.1:9/', 'a URL that may hold credentials'],
    ['http:\\\\user:hunter2@127.0.0.1:9/', 'a URL that may hold credentials'],
    ['http:user:hunter2@127.0.0.1:9', 'a URL that may hold credentials'],
    ['http://hunter2\n@127.0.0.1:9/', 'a URL that may hold credentials'],
    ['http://127.0.0.1:9/api/v1/', '"http://127.0.0.1:9/api/v1/"'],
    ['https://gw.test/x/api/v1', '"https://gw.test/x/api/v1"'],
    ['http://h.test/API/V1', '"http://h.test/API/V1"'],
    ['http://h.test/api/v1/servers', '"http://h.test/api/v1/servers"'],
    ['http://h.test/api/v1/..', '"http://h.test/api/v1/.."'],
    ['http://h.test/gw/%2E/', '"http://h.test/gw/%2E/"'],
    ['http://h.test/a//b', '"http://h.test/a//b"'],
  ])('rejects baseUrl %s with a TypeError saying what it takes', (baseUrl, shown) => {
    expect(() => resolveClientOptions({ ...withKey, baseUrl }, node)).toThrow(
      new TypeError(
        'The baseUrl option takes the origin of the API as an http(s) URL, without ' +
          'credentials, query, fragment, dot segments, inner // or /api/v1, such as ' +
          `https://api.puchify.com; received ${shown}.`,
      ),
    );
  });

  it('keeps the path prefix of a gateway in baseUrl', () => {
    const config = resolveClientOptions({ ...withKey, baseUrl: 'https://gw.test/puchify//' }, node);
    expect(config.baseUrl).toBe('https://gw.test/puchify');
  });

  it.each(['abc\r\nX-Evil: 1', 'clé', 'a b', '', 'x'.repeat(256), 7])(
    'rejects idempotencyKey %j before any request',
    (idempotencyKey) => {
      expect(() => checkRequestOptions({ idempotencyKey } as RequestOptions)).toThrow(
        /^The idempotencyKey option takes 1 to 255 visible ASCII characters; received /,
      );
    },
  );

  it.each([
    [null, 'null'],
    ['abc', '"abc"'],
    [5, '5'],
  ])('rejects per-call options %o that are not an object', (options, shown) => {
    expect(() => checkRequestOptions(options as unknown as RequestOptions)).toThrow(
      new TypeError(`The options argument takes an object such as { timeout }; received ${shown}.`),
    );
  });

  it('accepts an idempotencyKey of 255 visible ASCII characters', () => {
    expect(() => checkRequestOptions({ idempotencyKey: '~'.repeat(255) })).not.toThrow();
  });

  it('drops trailing slashes from baseUrl', () => {
    expect(
      resolveClientOptions({ ...withKey, baseUrl: 'http://127.0.0.1:4010/' }, node).baseUrl,
    ).toBe('http://127.0.0.1:4010');
  });

  it('keeps the key out of the message when the key is malformed', () => {
    const bad = 'pk_live has spaces';
    let message = '';
    try {
      resolveClientOptions({ apiKey: bad }, node);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'The apiKey option takes visible ASCII characters only, with no space or control ' +
        'character; received a value of type string.',
    );
  });

  it.each([
    ['a control character', 'pk_test_abc\u0001def'],
    ['a NUL', 'pk_test_abc\u0000'],
    ['a non-Latin-1 character', 'pk_test_abc€'],
    ['a Latin-1 letter', 'pk_test_abcé'],
    ['DEL', 'pk_test_abc\u007f'],
    ['a tab', 'pk_test\tabc'],
  ])('refuses a key with %s before any request, without echoing it', (_, key) => {
    expect(() => resolveClientOptions({ apiKey: key }, node)).toThrowError(
      expect.objectContaining({
        name: 'TypeError',
        message: expect.not.stringContaining('pk_test') as unknown as string,
      }),
    );
  });
});
