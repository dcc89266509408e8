import { describe, expect, it } from 'vitest';
import { Collection, CursorError } from '../../src/mock/store';

interface Row {
  id: string;
  name: string;
}

const fill = (count: number): Collection<Row> => {
  const rows = new Collection<Row>();
  for (let i = 0; i < count; i++) rows.insert({ id: `r${i}`, name: `n${(i * 7) % count}` });
  return rows;
};

const walk = (rows: Collection<Row>, sortBy: 'name' | undefined, order: 'asc' | 'desc') => {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = rows.page({ sortBy, order, limit: 3, cursor });
    seen.push(...page.items.map((row) => row.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
};

describe('Collection', () => {
  it('pages through insertion order with a null cursor on the last page', () => {
    const rows = fill(7);
    const first = rows.page({ order: 'asc', limit: 3 });
    expect(first.items.map((r) => r.id)).toEqual(['r0', 'r1', 'r2']);
    expect(walk(rows, undefined, 'asc')).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(rows.page({ order: 'asc', limit: 7 }).nextCursor).toBeNull();
  });

  it('pages in descending order and by name', () => {
    const rows = fill(5);
    expect(walk(rows, undefined, 'desc')).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    const byName = walk(rows, 'name', 'asc').map((id) => rows.get(id)?.name);
    expect(byName).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('neither skips nor repeats a record that exists throughout when others come and go', () => {
    const rows = fill(10);
    const survivors = new Set(
      rows
        .values()
        .map((r) => r.id)
        .filter((id) => id !== 'r4'),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let round = 0;
    do {
      const page = rows.page({ order: 'asc', limit: 3, cursor });
      seen.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
      // Between pages: delete an unseen and a seen record, and create new ones.
      if (round === 0) rows.remove('r4');
      if (round === 1) rows.remove('r0');
      rows.insert({ id: `new${round}`, name: 'z' });
      round++;
    } while (cursor && round < 50);
    for (const id of survivors)
      if (id !== 'r0') expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('rejects a cursor it did not issue and one made for another sort', () => {
    const rows = fill(5);
    expect(() => rows.page({ order: 'asc', limit: 2, cursor: 'garbage!' })).toThrow(CursorError);
    const cursor = rows.page({ order: 'asc', limit: 2 }).nextCursor ?? '';
    expect(() => rows.page({ order: 'desc', limit: 2, cursor })).toThrow(/another sort/);
  });

  it('keeps the position of a replaced record', () => {
    const rows = fill(3);
    rows.replace({ id: 'r0', name: 'changed' });
    expect(rows.values().map((r) => r.name)).toEqual(['changed', 'n1', 'n2']);
  });
});
