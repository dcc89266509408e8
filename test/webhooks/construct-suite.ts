// constructEvent behaviour both builds share; run by verify-web.test.ts and
// verify-node.test.ts. Signatures come from node:crypto here, not from src/webhooks.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type * as WebhooksApi from '../../src/webhooks/index';

type Api = typeof WebhooksApi;

const T = 1_700_000_000;
const SECRET = 'whsec_construct_secret_90aa';
const now = T * 1000;

function signed(body: string): string {
  return `t=${T},v1=${createHmac('sha256', SECRET).update(`${T}.${body}`).digest('hex')}`;
}

const serverCreated = {
  id: 'evt_abc123',
  type: 'server.created',
  created_at: '2026-05-28T10:30:00Z',
  team_id: 'team_456',
  data: { id: 'svr_abc123', name: 'web-prod-01', status: 'creating', plan: 'shared-2' },
};

async function reasonOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: { reason?: unknown }) => error.reason,
  );
}

export function defineConstructSuite(buildName: string, api: Api): void {
  describe(`${buildName} build: constructEvent`, () => {
    it('returns the parsed event of a verified delivery', async () => {
      const body = JSON.stringify(serverCreated);
      const event = await api.constructEvent(body, signed(body), SECRET, { now });
      expect(event).toEqual(serverCreated);
    });

    it('parses a UTF-8 byte body, keeping non-ASCII text intact', async () => {
      const body = JSON.stringify({ ...serverCreated, data: { name: 'Zürich 東京 🚀' } });
      const bytes = new TextEncoder().encode(body);
      const event = await api.constructEvent(bytes, signed(body), SECRET, { now });
      expect(event.data).toEqual({ name: 'Zürich 東京 🚀' });
    });

    it('passes an event type it does not know through unchanged', async () => {
      const future = { ...serverCreated, type: 'quantum.entangled', data: { qubits: 4 } };
      const body = JSON.stringify(future);
      const event = await api.constructEvent(body, signed(body), SECRET, { now });
      expect(event.type).toBe('quantum.entangled');
      expect(event).toEqual(future);
    });

    it('verifies before parsing, so a forged body is never parsed', async () => {
      const body = JSON.stringify(serverCreated);
      const forged = JSON.stringify({ ...serverCreated, type: 'server.destroyed' });
      expect(await reasonOf(api.constructEvent(forged, signed(body), SECRET, { now }))).toBe(
        'signature_mismatch',
      );
      expect(await reasonOf(api.constructEvent('not json', 't=1', SECRET, { now }))).toBe(
        'malformed_header',
      );
    });

    it('refuses a correctly signed body that is not JSON, keeping the parse error as cause', async () => {
      const body = '{"id": "evt_1",';
      const error = await api.constructEvent(body, signed(body), SECRET, { now }).catch((e) => e);
      expect(error).toBeInstanceOf(api.WebhookVerificationError);
      expect(error.reason).toBe('invalid_payload');
      expect(error.message).toBe(
        'The webhook body is signed but is not a JSON event with string id, type and created_at.',
      );
      expect(error.cause).toBeInstanceOf(SyntaxError);
    });

    it.each([
      ['an array', [serverCreated]],
      ['a string', 'server.created'],
      ['null', null],
      ['an object without id', { type: 'server.created', created_at: 'x', data: {} }],
      ['an object with a numeric type', { id: 'evt_1', type: 7, created_at: 'x', data: {} }],
      ['an object without created_at', { id: 'evt_1', type: 'server.created', data: {} }],
    ])('refuses %s as an event', async (_, value) => {
      const body = JSON.stringify(value);
      const error = await api.constructEvent(body, signed(body), SECRET, { now }).catch((e) => e);
      expect(error.reason).toBe('invalid_payload');
      expect(error.message).toContain('is not a JSON event with string id, type and created_at');
      expect(error.cause).toBeUndefined();
    });

    it('refuses a parsed object as payload before anything else', async () => {
      const body = JSON.stringify(serverCreated);
      const parsed = JSON.parse(body) as unknown as string;
      expect(await reasonOf(api.constructEvent(parsed, signed(body), SECRET, { now }))).toBe(
        'invalid_payload',
      );
    });
  });
}
