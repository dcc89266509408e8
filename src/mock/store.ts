/** Direction of a list. */
export type SortOrder = 'asc' | 'desc';

/** One page request against a collection. */
export interface PageQuery<T> {
  /** Keeps only matching records; runs before the cursor is applied. */
  filter?: ((record: T) => boolean) | undefined;
  /** A record field to sort by; omitted means insertion (creation) order. */
  sortBy?: (keyof T & string) | undefined;
  order: SortOrder;
  limit: number;
  cursor?: string | undefined;
  /**
   * What makes this list this list (resource and filters), so a cursor is
   * refused by any other list. Sort and order are checked on their own.
   */
  scope?: string | undefined;
}

/** One page of records and the cursor for the next, or `null` on the last. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Thrown when a cursor cannot be decoded or belongs to another sort. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

interface Entry<T> {
  seq: number;
  record: T;
}

interface CursorBody {
  /** Sort field the cursor was made for ('' for insertion order). */
  s: string;
  o: SortOrder;
  /** Sort value of the last record on the previous page. */
  v: string | number | null;
  /** Insertion sequence of that record: the tie-breaker. */
  q: number;
  /** Short hash of the list's scope: the collection and its filters. */
  k: string;
}

// FNV-1a, 32 bits: enough to tell lists apart (a cursor is not a secret, and
// a forged one only pages a list the caller may read anyway), and synchronous
// in every runtime.
const scopeHash = (scope: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scope.length; i++) {
    hash ^= scope.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
};

const isCursorBody = (body: Partial<CursorBody> | null): body is CursorBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof body.s === 'string' &&
  (body.o === 'asc' || body.o === 'desc') &&
  (body.v === null || typeof body.v === 'string' || typeof body.v === 'number') &&
  Number.isSafeInteger(body.q) &&
  (body.q as number) >= 0 &&
  typeof body.k === 'string';

const encodeCursor = (body: CursorBody): string => {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

const decodeCursor = (cursor: string): CursorBody => {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const body = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    ) as Partial<CursorBody> | null;
    if (!isCursorBody(body)) throw new Error('shape');
    return body;
  } catch {
    throw new CursorError(
      'The cursor is not one this API issued. Pass meta.next_cursor from the previous page unchanged.',
    );
  }
};

const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
};

/**
 * An in-memory, insertion-ordered collection with keyset pagination.
 *
 * A cursor names the last record served by its sort value and insertion
 * sequence, not by an offset, so records created or deleted between two page
 * requests never make a record that exists throughout appear twice or not at
 * all.
 */
export class Collection<T extends { id: string }> {
  private readonly entries = new Map<string, Entry<T>>();
  private seq = 0;

  /** @param name Names the collection in its cursors, so another collection refuses them. */
  constructor(readonly name = '') {}

  /** Number of records, deleted ones included. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds a record at the end of the insertion order. */
  insert(record: T): T {
    this.entries.set(record.id, { seq: ++this.seq, record });
    return record;
  }

  /** The record with this id, or undefined. */
  get(id: string): T | undefined {
    return this.entries.get(id)?.record;
  }

  /** Replaces a record in place, keeping its position; returns the new record. */
  replace(record: T): T {
    const entry = this.entries.get(record.id);
    if (entry) entry.record = record;
    else this.insert(record);
    return record;
  }

  /** Removes a record for good (soft deletion is a status, not this). */
  remove(id: string): boolean {
    return this.entries.delete(id);
  }

  /** Every record in insertion order. */
  values(): T[] {
    return Array.from(this.entries.values(), (entry) => entry.record);
  }

  /** Drops the oldest records until at most `max` remain. */
  trimTo(max: number): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= max) return;
      this.entries.delete(id);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  /** Returns one page; throws `CursorError` for a cursor this store cannot read. */
  page(query: PageQuery<T>): Page<T> {
    const sortBy = query.sortBy ?? '';
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const scope = scopeHash(`${this.name}\n${query.scope ?? ''}`);
    if (after && after.k !== scope) {
      throw new CursorError(
        'The cursor was issued for another list (another resource or other filters). ' +
          'Pass meta.next_cursor only to the list that returned it, with the same filters.',
      );
    }
    if (after && (after.s !== sortBy || after.o !== query.order)) {
      throw new CursorError(
        'The cursor was issued for another sort or order. Repeat the sort and order of the first page.',
      );
    }
    const sorted = this.sortedMatches(query.filter, sortBy, query.order);
    const start = after ? this.firstAfter(sorted, sortBy, query.order, after) : 0;
    const slice = sorted.slice(start, start + query.limit);
    const last = slice.at(-1);
    const hasMore = start + query.limit < sorted.length;
    return {
      items: slice.map((entry) => entry.record),
      nextCursor:
        hasMore && last
          ? encodeCursor({
              s: sortBy,
              o: query.order,
              v: this.sortValue(last, sortBy),
              q: last.seq,
              k: scope,
            })
          : null,
    };
  }

  /** Serialisable snapshot for the state file. */
  snapshot(): { seq: number; records: T[] } {
    return { seq: this.seq, records: this.values() };
  }

  /** Restores a snapshot taken by `snapshot`. */
  restore(snapshot: { seq: number; records: T[] }): void {
    this.clear();
    this.seq = 0;
    for (const record of snapshot.records) this.insert(record);
    this.seq = Math.max(this.seq, snapshot.seq);
  }

  private sortValue(entry: Entry<T>, sortBy: string): string | number | null {
    if (sortBy === '') return null;
    const value = (entry.record as Record<string, unknown>)[sortBy];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  }

  private compare(a: Entry<T>, b: Entry<T>, sortBy: string): number {
    if (sortBy !== '') {
      const byValue = compareValues(this.sortValue(a, sortBy), this.sortValue(b, sortBy));
      if (byValue !== 0) return byValue;
    }
    return a.seq - b.seq;
  }

  private sortedMatches(
    filter: PageQuery<T>['filter'],
    sortBy: string,
    order: SortOrder,
  ): Entry<T>[] {
    const matches: Entry<T>[] = [];
    for (const entry of this.entries.values()) {
      if (!filter || filter(entry.record)) matches.push(entry);
    }
    // Insertion order is already sorted by sequence; only other keys need a sort.
    if (sortBy !== '') matches.sort((a, b) => this.compare(a, b, sortBy));
    if (order === 'desc') matches.reverse();
    return matches;
  }

  /** Index of the first entry strictly after the cursor position (binary search). */
  private firstAfter(sorted: Entry<T>[], sortBy: string, order: SortOrder, after: CursorBody) {
    const pivot = { seq: after.q, record: { [sortBy]: after.v } as unknown as T };
    const sign = order === 'asc' ? 1 : -1;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sign * this.compare(sorted[mid] as Entry<T>, pivot, sortBy) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
