import { MockApiError } from './api-error';
import type { OperationOutput } from './pipeline';
import { CursorError } from './store';
import type { Collection, SortOrder } from './store';

const PAGING_KEYS = new Set(['cursor', 'limit', 'sort', 'order', 'from', 'to', 'query']);

/** How one list operation reads its query. */
export interface ListOptions<T> {
  /** Records left out unless a filter asks for them (soft-deleted ones). */
  isHiddenByDefault?: (record: T) => boolean;
  /** Field that `from` and `to` compare against. */
  timeField?: keyof T & string;
  /** Text `query` searches, lower-cased. @default the record's JSON */
  searchText?: (record: T) => string;
  /** Query keys that are not record fields of the same name. */
  ignore?: string[];
}

/**
 * Answers a list operation from validated query parameters: equality filters
 * for every other parameter, `from`/`to`, full-text `query`, sort, order and
 * keyset cursor.
 */
export function listPage<T extends { id: string }>(
  collection: Collection<T>,
  query: Record<string, unknown>,
  options: ListOptions<T> = {},
): OperationOutput {
  const equals = Object.entries(query).filter(
    ([key, value]) =>
      !PAGING_KEYS.has(key) && value !== undefined && !options.ignore?.includes(key),
  );
  const from = typeof query['from'] === 'string' ? query['from'] : undefined;
  const to = typeof query['to'] === 'string' ? query['to'] : undefined;
  refuseReversedRange(from, to);
  const text = typeof query['query'] === 'string' ? query['query'].toLowerCase() : undefined;
  const showsHidden = equals.some(([key]) => key === 'status');
  const filter = (record: T): boolean => {
    const fields = record as Record<string, unknown>;
    if (!showsHidden && options.isHiddenByDefault?.(record)) return false;
    for (const [key, value] of equals) if (fields[key] !== value) return false;
    if (options.timeField && (from !== undefined || to !== undefined)) {
      const at = Date.parse(String(fields[options.timeField]));
      if (from !== undefined && at < Date.parse(from)) return false;
      if (to !== undefined && at >= Date.parse(to)) return false;
    }
    if (text !== undefined) {
      const haystack = options.searchText?.(record) ?? JSON.stringify(record).toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  };
  try {
    const page = collection.page({
      filter,
      sortBy: query['sort'] === 'name' ? ('name' as keyof T & string) : undefined,
      order: (query['order'] as SortOrder | undefined) ?? 'desc',
      limit: (query['limit'] as number | undefined) ?? 50,
      cursor: query['cursor'] as string | undefined,
      scope: listScope(query),
    });
    return { status: 200, data: page.items, nextCursor: page.nextCursor };
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    // The detail says what is wrong; the message only points at it, as for every
    // other validation failure, so that clients joining both do not say it twice.
    throw new MockApiError(422, 'validation_failed', 'The cursor is refused; see error.details.', [
      { field: 'cursor', message: error.message },
    ]);
  }
}

// Every query key but the page position and size: a cursor is valid only on
// the list with the same filters (sort and order are in the cursor itself).
const UNSCOPED_KEYS = new Set(['cursor', 'limit', 'sort', 'order']);

function listScope(query: Record<string, unknown>): string {
  const filters = Object.entries(query)
    .filter(([key, value]) => !UNSCOPED_KEYS.has(key) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(filters);
}

/** A window that ends before it starts is a mistake to point out, not an empty list. */
function refuseReversedRange(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined || Date.parse(from) <= Date.parse(to)) return;
  const message = `from (${from}) is after to (${to}). Send a from earlier than or equal to to.`;
  throw new MockApiError(422, 'validation_failed', message, [{ field: 'from', message }]);
}
