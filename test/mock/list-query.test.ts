import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/mock/create-mock';
import { Collection, CursorError } from '../../src/mock/store';
import { call, useMock } from './harness';

const world = useMock({ seed: 'demo' });

const encode = (body: unknown): string =>
  btoa(JSON.stringify(body)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('cursors bound to their list', () => {
  it('refuses a cursor of /servers on /databases and /events with 422 on cursor', async () => {
    const mock = world();
    const first = await call(mock, 'GET', '/api/v1/servers?limit=2');
    const cursor = first.body.meta.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const path of ['/api/v1/databases', '/api/v1/events']) {
      const answer = await call(mock, 'GET', `${path}?limit=1&cursor=${cursor}`);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details).toEqual([
        {
          field: 'cursor',
          message:
            'The cursor was issued for another list (another resource or other filters). ' +
            'Pass meta.next_cursor only to the list that returned it, with the same filters.',
        },
      ]);
    }
    const next = await call(mock, 'GET', `/api/v1/servers?limit=2&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
  });

  it('refuses a cursor issued under other filters, and accepts a new page size', async () => {
    const mock = world();
    const first = await call(mock, 'GET', '/api/v1/servers?limit=1&status=running');
    const cursor = first.body.meta.next_cursor as string;
    const other = await call(
      mock,
      'GET',
      `/api/v1/servers?limit=1&status=stopped&cursor=${cursor}`,
    );
    expect(other.status).toBe(422);
    expect(other.body.error.details[0].field).toBe('cursor');
    const same = await call(mock, 'GET', `/api/v1/servers?limit=5&status=running&cursor=${cursor}`);
    expect(same.status).toBe(200);
  });

  it('answers a garbage cursor with 422 whose detail, not message, says what is wrong', async () => {
    const mock = createMock({ clock: 'manual' });
    const answer = await call(mock, 'GET', '/api/v1/servers?cursor=garbage', { direct: true });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toBe('The cursor is refused; see error.details.');
    expect(answer.body.error.details).toEqual([
      {
        field: 'cursor',
        message:
          'The cursor is not one this API issued. Pass meta.next_cursor from the previous page unchanged.',
      },
    ]);
    mock.close();
  });

  it('refuses forged cursors whose fields have the wrong type', () => {
    const rows = new Collection<{ id: string }>('rows');
    rows.insert({ id: 'r1' });
    const base = { s: '', o: 'desc', v: null, q: 1, k: 'x' };
    for (const forged of [
      { ...base, v: {} },
      { ...base, q: -1 },
      { ...base, o: 'up' },
    ]) {
      expect(() => rows.page({ order: 'desc', limit: 1, cursor: encode(forged) })).toThrow(
        'The cursor is not one this API issued.',
      );
    }
    expect(() => rows.page({ order: 'desc', limit: 1, cursor: encode(base) })).toThrow(CursorError);
  });
});
