import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zWebhookPayloadBase } from '../../src/generated/zod/zod.gen';
import { createMock } from '../../src/mock/create-mock';
import type { DeliveryRequest } from '../../src/mock/webhook-transport';
import { verifySignature } from '../../src/webhooks';
import { call } from './harness';

const SERVER = { name: 'web-1', plan: 'shared-2', region: 'us-east' };
const direct = { direct: true };

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('webhook delivery over real HTTP under MSW', () => {
  const received: Received[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  const mock = createMock({ clock: 'manual' });
  const msw = setupServer(...mock.handlers);
  let hookUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    msw.listen({ onUnhandledFrame: 'error' });
  });
  afterAll(async () => {
    msw.close();
    mock.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('posts a signed event that MSW lets through and records the delivery', async () => {
    const endpoint = await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      body: { url: hookUrl, events: ['server.created'] },
    });
    const secret = endpoint.body.data.secret as string;
    await call(mock, 'POST', '/api/v1/servers', { body: SERVER });
    await mock.settled();

    expect(received).toHaveLength(1);
    const [delivery] = received as [Received];
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['x-puchify-event']).toBe('server.created');
    expect(delivery.headers['x-puchify-delivery']).toMatch(/^del_/);
    const payload = JSON.parse(delivery.body);
    expect(zWebhookPayloadBase.safeParse(payload).success).toBe(true);
    expect(payload.data.name).toBe('web-1');
    const signature = delivery.headers['x-puchify-signature'] as string;
    await expect(
      verifySignature(delivery.body, signature, secret, { now: mock.clock.now() }),
    ).resolves.toBeUndefined();

    const history = await call(
      mock,
      'GET',
      `/api/v1/webhook-endpoints/${endpoint.body.data.id}/deliveries`,
    );
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({
      id: delivery.headers['x-puchify-delivery'],
      status: 'succeeded',
      attempt: 1,
      response_status: 204,
    });
  });
});

describe('webhook retries on the mock clock', () => {
  const failing = () => {
    const attempts: Array<{ at: number; request: DeliveryRequest }> = [];
    const mock = createMock({
      clock: 'manual',
      startTime: Date.UTC(2026, 0, 1),
      deliver: async (request) => {
        attempts.push({ at: mock.clock.now(), request });
        return { status: 500 };
      },
    });
    return { mock, attempts };
  };

  it('retries after 1 s, 5 s, 25 s, 125 s and 625 s, then every 10 minutes', async () => {
    const { mock, attempts } = failing();
    const start = mock.clock.now();
    await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      ...direct,
      body: { url: 'http://127.0.0.1:9/never', events: ['server.created'] },
    });
    await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await mock.settled();
    await mock.clock.advance(2_000 + 1_381_000);
    const offsets = attempts.map((attempt) => (attempt.at - start) / 1000);
    expect(offsets).toEqual([0, 1, 6, 31, 156, 781, 1381]);
    const ids = new Set(attempts.map((a) => a.request.headers['X-Puchify-Delivery']));
    expect(ids.size).toBe(1);
    mock.close();
  });

  it('disables an endpoint after 50 failed attempts in a row and stops retrying', async () => {
    const { mock, attempts } = failing();
    const endpoint = await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      ...direct,
      body: { url: 'http://127.0.0.1:9/never', events: ['server.created'] },
    });
    await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await mock.clock.advance(24 * 60 * 60 * 1000);
    expect(attempts).toHaveLength(50);
    const id = endpoint.body.data.id;
    const after = await call(mock, 'GET', `/api/v1/webhook-endpoints/${id}`, direct);
    expect(after.body.data).toMatchObject({
      status: 'disabled',
      enabled: false,
      consecutive_failures: 50,
    });
    const events = await call(mock, 'GET', '/api/v1/events?type=webhook_endpoint.disabled', direct);
    expect(events.body.data).toHaveLength(1);
    const reenabled = await call(mock, 'PATCH', `/api/v1/webhook-endpoints/${id}`, {
      ...direct,
      body: { enabled: true },
    });
    expect(reenabled.body.data).toMatchObject({ status: 'active', consecutive_failures: 0 });
    mock.close();
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const { mock, attempts } = failing();
    const endpoint = await call(mock, 'POST', '/api/v1/webhook-endpoints', {
      ...direct,
      body: { url: 'http://127.0.0.1:9/never', events: ['server.updated'] },
    });
    const old = endpoint.body.data.secret;
    const rotated = await call(
      mock,
      'POST',
      `/api/v1/webhook-endpoints/${endpoint.body.data.id}/rotate-secret`,
      direct,
    );
    const server = await call(mock, 'POST', '/api/v1/servers', { ...direct, body: SERVER });
    await call(mock, 'PATCH', `/api/v1/servers/${server.body.data.id}`, {
      ...direct,
      body: { name: 'web-2' },
    });
    await mock.settled();
    const first = attempts[0]!.request;
    const signature = first.headers['X-Puchify-Signature']!;
    expect(signature.match(/v1=/g)).toHaveLength(2);
    const now = { now: mock.clock.now() };
    await verifySignature(first.body, signature, old, now);
    await verifySignature(first.body, signature, rotated.body.data.secret, now);
    mock.close();
  });
});
