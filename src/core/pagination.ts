import { PuchifyError } from './errors';

/**
 * Empty pages in a row, each with a next_cursor, after which a walk stops with a
 * PuchifyError. A list may have a few empty pages (items deleted mid-walk), but a
 * server handing out new cursors for empty pages forever would never yield an item
 * the caller could break on.
 */
export const MAX_EMPTY_PAGES = 100;

/** The `meta` of a list answer; `next_cursor` is null on the last page. */
export interface ListMetaLike {
  next_cursor: string | null;
}

/** Any list answer: `{ data, meta }` with a cursor in meta. */
export interface PageLike {
  data: unknown;
  meta: ListMetaLike;
}

/** Options of `list()` that shape the walk rather than the query. */
export interface PaginationOptions {
  /**
   * Fetch the next page while the caller works on the current one. Costs one page
   * of memory more; pays off when handling an item is slow.
   * @default false
   */
  prefetch?: boolean | undefined;
}

/** How the paginator reaches the API; built by the resource that owns the list. */
export interface PageSource<Page extends PageLike, Item> {
  /** Fetches the page at `cursor` (undefined: the first page). */
  fetchPage(cursor: string | undefined, signal: AbortSignal | undefined): Promise<Page>;
  /** The items of one page, e.g. `page.data` or `page.data.usage_records`. */
  items(page: Page): readonly Item[];
  /** `GET /api/v1/servers`, for error messages. */
  describe: string;
  /** The cursor the caller asked to start from, if any. */
  startCursor?: string | undefined;
}

/**
 * The value `list()` returns: awaiting it gives the first page (`{ data, meta }`);
 * `for await` walks every item of every page; `.pages()` walks page by page.
 * Nothing is fetched until one of those starts, and only the current page (plus the
 * prefetched one) is held in memory.
 */
export class Paginator<Page extends PageLike, Item>
  implements PromiseLike<Page>, AsyncIterable<Item>
{
  readonly #source: PageSource<Page, Item>;
  readonly #prefetch: boolean;
  #firstPage: Promise<Page> | undefined;

  constructor(source: PageSource<Page, Item>, options: PaginationOptions = {}) {
    this.#source = source;
    this.#prefetch = options.prefetch === true;
  }

  /** Resolves to the first page; fetched once however often it is awaited. */
  then<A = Page, B = never>(
    onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#firstPage ??= this.#source.fetchPage(this.#source.startCursor, undefined);
    return this.#firstPage.then(onFulfilled, onRejected);
  }

  /**
   * Walks the pages in order, stopping after the page whose next_cursor is null.
   * Stops with a PuchifyError on a repeated cursor or after `MAX_EMPTY_PAGES` (100)
   * empty pages in a row.
   */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    const controller = new AbortController();
    const seen = new Set<string>();
    let empty = 0;
    let cursor = this.#source.startCursor;
    if (cursor !== undefined) seen.add(cursor);
    let pending: Promise<Page> | undefined = this.#firstPage;
    try {
      while (true) {
        const page = await (pending ?? this.#source.fetchPage(cursor, controller.signal));
        pending = undefined;
        // A bad cursor is reported after the page's own items: they are valid data.
        let next: string | null = null;
        let stop: PuchifyError | undefined;
        empty = this.#source.items(page).length === 0 ? empty + 1 : 0;
        try {
          next = this.#nextCursor(page, seen, empty);
        } catch (error) {
          stop = error as PuchifyError;
        }
        if (next !== null && this.#prefetch) {
          pending = this.#source.fetchPage(next, controller.signal);
          // Handled when awaited; this only keeps an early break from leaving an
          // unhandled rejection behind.
          pending.catch(() => undefined);
        }
        yield page;
        if (stop) throw stop;
        if (next === null) return;
        cursor = next;
      }
    } finally {
      // A break out of the loop cancels a prefetch still in flight.
      controller.abort();
    }
  }

  /** Walks every item of every page. Empty pages with a cursor are skipped, not an end. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) {
      yield* this.#source.items(page);
    }
  }

  #nextCursor(page: Page, seen: Set<string>, empty: number): string | null {
    const next = page.meta.next_cursor;
    if (next === null) return null;
    // Remembering every cursor (a few bytes each) catches loops of any length, not
    // only a page that points at itself; an empty cursor would restart the list.
    const why =
      empty >= MAX_EMPTY_PAGES
        ? `${empty} empty pages in a row`
        : next === ''
          ? 'an empty next_cursor'
          : seen.has(next)
            ? `next_cursor "${next}" a second time`
            : undefined;
    if (why) {
      throw new PuchifyError(
        `${this.#source.describe} returned ${why}; stopping to avoid an endless walk. ` +
          'Retry later, or report it to Puchify support.',
      );
    }
    seen.add(next);
    return next;
  }
}
