import { describe, expect, it } from 'vitest';
import { PuchifyError } from '../../src/core/errors';
import { Paginator, type PageSource } from '../../src/core/pagination';

interface Page {
  data: number[];
  meta: { next_cursor: string | null };
}

/** Serves pages from a table keyed by cursor ('' is the first page) and records calls. */
function source(table: Record<string, [number[], string | null]>) {
  const calls: (string | undefined)[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const src: PageSource<Page, number> & { calls: typeof calls; signals: typeof signals } = {
    calls,
    signals,
    describe: 'GET /api/v1/servers',
    async fetchPage(cursor, signal) {
      calls.push(cursor);
      signals.push(signal);
      const row = table[cursor ?? ''];
      if (!row) throw new Error(`no page ${cursor}`);
      return { data: row[0], meta: { next_cursor: row[1] } };
    },
    items: (page) => page.data,
  };
  return src;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('Paginator', () => {
  it('resolves to the first page when awaited, fetching it once', async () => {
    const src = source({ '': [[1, 2], 'c2'], c2: [[3], null] });
    const list = new Paginator(src);
    const page = await list;
    expect(page).toEqual({ data: [1, 2], meta: { next_cursor: 'c2' } });
    await list;
    expect(src.calls).toEqual([undefined]);
  });

  it('fetches nothing until awaited or iterated', () => {
    const src = source({ '': [[1], null] });
    new Paginator(src);
    expect(src.calls).toEqual([]);
  });

  it('iterates every item of every page in order and stops on a null cursor', async () => {
    const src = source({ '': [[1, 2], 'c2'], c2: [[3, 4], 'c3'], c3: [[5], null] });
    expect(await collect(new Paginator(src))).toEqual([1, 2, 3, 4, 5]);
    expect(src.calls).toEqual([undefined, 'c2', 'c3']);
  });

  it('keeps going past an empty page that still has a cursor', async () => {
    const src = source({ '': [[], 'c2'], c2: [[], 'c3'], c3: [[7], null] });
    expect(await collect(new Paginator(src))).toEqual([7]);
  });

  it('walks 99 empty pages in a row and stops with a PuchifyError at the 100th', async () => {
    const table: Record<string, [number[], string | null]> = { '': [[1], 'e1'] };
    for (let i = 1; i <= 150; i += 1) table[`e${i}`] = [[], `e${i + 1}`];
    const src = source(table);
    const items: number[] = [];
    const error = await (async () => {
      for await (const item of new Paginator(src)) items.push(item);
    })().catch((e: unknown) => e);
    expect(items).toEqual([1]);
    expect(error).toBeInstanceOf(PuchifyError);
    expect((error as Error).message).toMatch(/returned 100 empty pages in a row/);
    expect(src.calls).toHaveLength(101);
  });

  it('resets the count of empty pages at every page with items', async () => {
    const table: Record<string, [number[], string | null]> = {};
    for (let i = 0; i < 250; i += 1)
      table[i === 0 ? '' : `p${i}`] = [i % 99 ? [] : [i], `p${i + 1}`];
    table['p250'] = [[250], null];
    const items = await collect(new Paginator(source(table)));
    expect(items).toEqual([0, 99, 198, 250]);
  });

  it('ends after an empty last page', async () => {
    const src = source({ '': [[], null] });
    expect(await collect(new Paginator(src))).toEqual([]);
    expect(src.calls).toEqual([undefined]);
  });

  it('stops with a PuchifyError when the server repeats a cursor', async () => {
    const src = source({ '': [[1], 'c2'], c2: [[2], 'c3'], c3: [[3], 'c2'] });
    const seen: number[] = [];
    const walk = async () => {
      for await (const n of new Paginator(src)) seen.push(n);
    };
    await expect(walk()).rejects.toThrow(
      new PuchifyError(
        'GET /api/v1/servers returned next_cursor "c2" a second time; stopping to avoid an ' +
          'endless walk. Retry later, or report it to Puchify support.',
      ),
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(src.calls).toEqual([undefined, 'c2', 'c3']);
  });

  it('stops with a PuchifyError on an empty next_cursor, which would restart the list', async () => {
    const src = source({ '': [[1], ''] });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const n of new Paginator(src)) seen.push(n);
    })().catch((e: unknown) => e);
    expect(error).toEqual(
      new PuchifyError(
        'GET /api/v1/servers returned an empty next_cursor; stopping to avoid an endless ' +
          'walk. Retry later, or report it to Puchify support.',
      ),
    );
    expect(seen).toEqual([1]);
  });

  it('stops when a page points at itself', async () => {
    const src = source({ '': [[1], 'c1'], c1: [[2], 'c1'] });
    await expect(collect(new Paginator(src))).rejects.toBeInstanceOf(PuchifyError);
    expect(src.calls).toEqual([undefined, 'c1']);
  });

  it('walks page by page with pages()', async () => {
    const src = source({ '': [[1, 2], 'c2'], c2: [[3], null] });
    const pages = await collect(new Paginator(src).pages());
    expect(pages.map((p) => p.data)).toEqual([[1, 2], [3]]);
  });

  it('reuses an awaited first page when iteration follows', async () => {
    const src = source({ '': [[1], 'c2'], c2: [[2], null] });
    const list = new Paginator(src);
    await list;
    expect(await collect(list)).toEqual([1, 2]);
    expect(src.calls).toEqual([undefined, 'c2']);
  });

  it('fetches lazily: a break after the first item fetches no further page', async () => {
    const src = source({ '': [[1, 2], 'c2'], c2: [[3], null] });
    for await (const n of new Paginator(src)) {
      expect(n).toBe(1);
      break;
    }
    expect(src.calls).toEqual([undefined]);
  });

  it('prefetches the next page while the caller handles the current one', async () => {
    const src = source({ '': [[1, 2], 'c2'], c2: [[3], 'c3'], c3: [[4], null] });
    const callsAtItem: number[] = [];
    for await (const _ of new Paginator(src, { prefetch: true }))
      callsAtItem.push(src.calls.length);
    // While item 1 is handled, page 2 is already requested.
    expect(callsAtItem).toEqual([2, 2, 3, 3]);
  });

  it('cancels an in-flight prefetch when the loop breaks', async () => {
    const src = source({ '': [[1], 'c2'], c2: [[2], null] });
    for await (const _ of new Paginator(src, { prefetch: true })) break;
    expect(src.calls).toEqual([undefined, 'c2']);
    expect(src.signals[1]?.aborted).toBe(true);
  });

  it('starts from the caller’s cursor and treats it as seen', async () => {
    const src = source({ c5: [[5], 'c6'], c6: [[6], 'c5'] });
    const list = new Paginator({ ...src, startCursor: 'c5' });
    await expect(collect(list)).rejects.toThrow(/next_cursor "c5" a second time/);
  });

  it('extracts items with the given function, e.g. from data.usage_records', async () => {
    type UsagePage = { data: { usage_records: string[] }; meta: { next_cursor: string | null } };
    const pages: Record<string, UsagePage> = {
      '': { data: { usage_records: ['ur_1', 'ur_2'] }, meta: { next_cursor: 'c2' } },
      c2: { data: { usage_records: ['ur_3'] }, meta: { next_cursor: null } },
    };
    const list = new Paginator<UsagePage, string>({
      describe: 'GET /api/v1/usage',
      fetchPage: async (cursor) => pages[cursor ?? '']!,
      items: (page) => page.data.usage_records,
    });
    expect(await collect(list)).toEqual(['ur_1', 'ur_2', 'ur_3']);
    expect((await list).data.usage_records).toEqual(['ur_1', 'ur_2']);
  });

  it('passes a failed page fetch to the loop', async () => {
    const src = source({ '': [[1], 'missing'] });
    await expect(collect(new Paginator(src))).rejects.toThrow('no page missing');
  });
});
