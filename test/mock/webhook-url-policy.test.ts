import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import type { CreateMockOptions } from '../../src/mock/create-mock';
import { isLoopbackHost } from '../../src/mock/loopback';
import { createWebhookUrlPolicy } from '../../src/mock/webhook-url-policy';
import { call } from './harness';

const hostOf = (url: string) => new URL(url).hostname;

const refusal = (host: string) =>
  `The mock delivers only to loopback addresses (127.0.0.1, ::1, localhost); ${host} is not ` +
  `one. To deliver there, allow it: createMock({ webhooks: { allowHosts: ['${host}'] } }) ` +
  `or puchify-mock --allow-webhook-host ${host}, or pass your own deliver transport.`;

const world = (options: CreateMockOptions = {}) => createMock({ clock: 'manual', ...options });
const create = (mock: ReturnType<typeof world>, url: string) =>
  call(mock, 'POST', '/api/v1/webhook-endpoints', { body: { url, enabled: false }, direct: true });

describe('isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, ::1 and localhost in every spelling URLs fold to them', () => {
    for (const url of [
      'http://127.0.0.1:9/',
      'http://127.255.0.9/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::1]:8080/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://LOCALHOST:3000/',
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(true);
    }
  });

  it('refuses every other address and name, without asking DNS', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1:6379/',
      'http://0/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[::ffff:10.0.0.1]/',
      'http://metadata.google.internal/',
      'http://localhost.evil.example/',
      'http://127.0.0.1.nip.io/',
    ]) {
      expect(isLoopbackHost(hostOf(url)), url).toBe(false);
    }
  });
});

describe('webhook endpoint URLs', () => {
  it('refuses a non-loopback URL on create with 422 on url, and creates nothing', async () => {
    const mock = world();
    for (const url of ['http://169.254.169.254/latest/', 'http://10.0.0.1:6379/', 'http://0/']) {
      const answer = await create(mock, url);
      expect(answer.status, url).toBe(422);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details).toEqual([{ field: 'url', message: refusal(hostOf(url)) }]);
    }
    expect(mock.store.webhookEndpoints.size).toBe(0);
    expect(mock.store.webhookDeliveries.size).toBe(0);
    mock.close();
  });

  it('accepts loopback URLs and refuses a PATCH that points one elsewhere', async () => {
    const mock = world();
    for (const url of ['http://127.0.0.1:9/hook', 'http://[::1]:9/hook', 'http://localhost:9/']) {
      expect((await create(mock, url)).status, url).toBe(201);
    }
    const id = mock.store.webhookEndpoints.values()[0]!.id;
    const moved = await call(mock, 'PATCH', `/api/v1/webhook-endpoints/${id}`, {
      body: { url: 'http://metadata.google.internal/' },
      direct: true,
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details).toEqual([
      { field: 'url', message: refusal('metadata.google.internal') },
    ]);
    expect(mock.store.webhookEndpoints.get(id)?.url).toBe('http://127.0.0.1:9/hook');
    mock.close();
  });

  it('accepts an allow-listed host and any host when the world has its own transport', async () => {
    const allowing = world({
      webhooks: { allowHosts: ['Hooks.Internal.test', '::ffff:10.0.0.1'] },
    });
    expect((await create(allowing, 'https://hooks.internal.test/x')).status).toBe(201);
    expect((await create(allowing, 'https://[::ffff:10.0.0.1]/x')).status).toBe(201);
    expect((await create(allowing, 'https://other.internal.test/x')).status).toBe(422);
    allowing.close();
    const own = world({ deliver: async () => ({ status: 204 }) });
    expect((await create(own, 'https://hooks.example.com/x')).status).toBe(201);
    own.close();
  });

  it('refuses credentials in the URL, on create and on PATCH, even with its own transport', async () => {
    const credentials =
      'The URL holds credentials (user:password@), which would show wherever the endpoint ' +
      "is read. Drop them and check each delivery's X-Puchify-Signature header instead.";
    for (const mock of [world(), world({ deliver: async () => ({ status: 204 }) })]) {
      for (const url of [
        'http://user:s3cret@127.0.0.1:9/h',
        'http://:s3cret@[::1]:9/',
        'http://user@localhost/',
      ]) {
        const answer = await create(mock, url);
        expect(answer.status, url).toBe(422);
        expect(answer.body.error.details).toEqual([{ field: 'url', message: credentials }]);
        expect(JSON.stringify(answer.body)).not.toContain('s3cret');
      }
      expect(mock.store.webhookEndpoints.size).toBe(0);
      // An @ in the path or query is no credential.
      const plain = await create(mock, 'http://127.0.0.1:9/to/a@b?by=c@d');
      expect(plain.status).toBe(201);
      const moved = await call(mock, 'PATCH', `/api/v1/webhook-endpoints/${plain.body.data.id}`, {
        body: { url: 'http://user:s3cret@127.0.0.1:9/h' },
        direct: true,
      });
      expect(moved.status).toBe(422);
      expect(mock.store.webhookEndpoints.get(plain.body.data.id)?.url).toBe(
        'http://127.0.0.1:9/to/a@b?by=c@d',
      );
      mock.close();
    }
  });

  it('refuses an allow-list entry that is a URL or has a port', () => {
    expect(() =>
      createWebhookUrlPolicy({ allowHosts: ['https://x.test/'], hasOwnTransport: false }),
    ).toThrow(TypeError);
    expect(() =>
      createWebhookUrlPolicy({ allowHosts: ['x.test:8080'], hasOwnTransport: false }),
    ).toThrow('webhooks.allowHosts takes host names or IP addresses without scheme, port, path');
  });

  it('refuses a wildcard entry instead of allowing a host literally named "*"', () => {
    for (const entry of ['*', '*.internal.test', 'hooks?.test']) {
      expect(() => createWebhookUrlPolicy({ allowHosts: [entry], hasOwnTransport: false })).toThrow(
        'without scheme, port, path or wildcard; list each host.',
      );
    }
    const policy = createWebhookUrlPolicy({
      allowHosts: ['hooks.internal.test', '10.0.0.7', '::1'],
      hasOwnTransport: false,
    });
    expect(policy('https://hooks.internal.test/x')).toBeUndefined();
    expect(policy('http://10.0.0.7:8080/x')).toBeUndefined();
  });

  it('loads the demo endpoints, disabled, and refuses to enable them', async () => {
    const mock = world({ seed: 'demo' });
    const seeded = mock.store.webhookEndpoints.values();
    expect(seeded.map((endpoint) => [hostOf(endpoint.url), endpoint.enabled])).toEqual([
      ['hooks.example.test', false],
      ['ops.example.test', false],
    ]);
    const enabled = await call(mock, 'PATCH', `/api/v1/webhook-endpoints/${seeded[0]!.id}`, {
      body: { enabled: true },
      direct: true,
    });
    expect(enabled.status).toBe(422);
    expect(enabled.body.error.details[0].message).toBe(refusal('hooks.example.test'));
    mock.close();
  });
});

describe('puchify-mock --allow-webhook-host', () => {
  it('lets endpoints point at the named host', async () => {
    const key = 'pk_test_allowhost012345';
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/mock/cli.ts',
        '--port',
        '0',
        '--api-key',
        key,
        '--allow-webhook-host',
        'hooks.internal.test',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stop = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      while (!output.includes('API key:')) {
        await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
        if (child.exitCode !== null) throw new Error(`puchify-mock exited: ${output}`);
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
      const post = (target: string) =>
        fetch(`${url}/api/v1/webhook-endpoints`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url: target, enabled: false }),
        });
      expect((await post('https://hooks.internal.test/in')).status).toBe(201);
      expect((await post('https://elsewhere.internal.test/in')).status).toBe(422);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      clearTimeout(stop);
    }
  });
});
