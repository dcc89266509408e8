import { describe, expect, it } from 'vitest';
import { call, useMock } from './harness';

const world = useMock({ seed: 'demo' });

describe('time windows of usage, logs and events', () => {
  it.each(['/api/v1/usage', '/api/v1/logs', '/api/v1/events'])(
    'answers 422 on from when from is after to on %s',
    async (path) => {
      const from = '2027-01-01T00:00:00Z';
      const to = '2020-01-01T00:00:00Z';
      const answer = await call(world(), 'GET', `${path}?from=${from}&to=${to}`);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details).toEqual([
        {
          field: 'from',
          message: `from (${from}) is after to (${to}). Send a from earlier than or equal to to.`,
        },
      ]);
    },
  );

  it('accepts a window whose ends are equal, as an empty window', async () => {
    const at = '2025-01-01T00:00:00Z';
    const answer = await call(world(), 'GET', `/api/v1/events?from=${at}&to=${at}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual([]);
  });
});
