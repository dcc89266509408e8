import type { Envelope, ListEnvelope } from './api-types';
import type { RequestOptions } from './client-options';
import { Paginator, type PageLike, type PaginationOptions } from './pagination';
import { encodePathParam } from './path-params';
import type { ApiRequest, OpenStream, Transport } from './transport';

/** Options of `list()`: per-page request options plus how to walk the pages. */
export type ListOptions = RequestOptions & PaginationOptions;

/**
 * Plumbing every namespace shares: paths, calls, pagination. Namespaces add only
 * their methods and types.
 */
export abstract class ApiResource {
  readonly #transport: Transport;
  /** The collection path, e.g. `/api/v1/servers`. */
  protected readonly basePath: string;

  constructor(transport: Transport, basePath: string) {
    this.#transport = transport;
    this.basePath = basePath;
  }

  /** `basePath/{id}` or `basePath/{id}/suffix`, with the id encoded as one segment. */
  protected pathOf(id: string, suffix?: string): string {
    return `${this.basePath}/${encodePathParam(id, 'id')}${suffix ? `/${suffix}` : ''}`;
  }

  /**
   * Sends one request and resolves to its parsed body, which must be a `{ data }`
   * envelope around an object unless `init.check` says otherwise.
   */
  protected send<R>(
    method: ApiRequest['method'],
    path: string,
    init: Omit<ApiRequest, 'method' | 'path'> = {},
  ): Promise<R> {
    return this.#transport.request<R>({ method, path, check: envelopeProblem, ...init });
  }

  /** Opens a streaming GET (server-sent events), resuming after `lastEventId` if given. */
  protected openStream(
    path: string,
    query: object | undefined,
    options: RequestOptions | undefined,
    lastEventId?: string,
  ): Promise<OpenStream> {
    const headers = lastEventId === undefined ? undefined : { 'Last-Event-ID': lastEventId };
    return this.#transport.stream({ method: 'GET', path, query, headers, options });
  }

  /**
   * A lazy list over `path`. `items` says where a page keeps its items; most
   * lists keep them in `data`.
   */
  protected paginate<Page extends PageLike, Item>(
    path: string,
    query: object | undefined,
    options: ListOptions | undefined,
    items: (page: Page) => readonly Item[],
  ): Paginator<Page, Item> {
    const { prefetch, ...requestOptions } = options ?? {};
    const startCursor = (query as { cursor?: string } | undefined)?.cursor;
    const check = (body: unknown) => listProblem(body, items as (page: unknown) => unknown);
    const fetchPage = (cursor: string | undefined, signal: AbortSignal | undefined) =>
      this.send<Page>('GET', path, {
        query: { ...query, cursor },
        options: withSignal(requestOptions, signal),
        check,
      });
    return new Paginator<Page, Item>(
      { fetchPage, items, describe: `GET ${path}`, startCursor },
      { prefetch },
    );
  }

  /** The usual list: items are the page's `data` array. */
  protected listAt<Item>(
    path: string,
    query: object | undefined,
    options: ListOptions | undefined,
  ): Paginator<ListEnvelope<Item>, Item> {
    return this.paginate<ListEnvelope<Item>, Item>(path, query, options, dataItems);
  }
}

/** The standard namespace: list, get, create, update, delete on one collection. */
export abstract class CrudResource<
  T extends {
    item: unknown;
    created: unknown;
    listQuery: object;
    create: unknown;
    update: unknown;
  },
> extends ApiResource {
  /**
   * Lists the collection. Await it for the first page, or `for await` over every item.
   * @example for await (const item of client.servers.list({ status: 'running' })) {}
   */
  list(
    query?: T['listQuery'],
    options?: ListOptions,
  ): Paginator<ListEnvelope<T['item']>, T['item']> {
    return this.listAt<T['item']>(this.basePath, query, options);
  }

  /** Reads one resource by id. */
  get(id: string, options?: RequestOptions): Promise<Envelope<T['item']>> {
    return this.send('GET', this.pathOf(id), { options });
  }

  /** Creates a resource; retried safely under one Idempotency-Key. */
  create(body: T['create'], options?: RequestOptions): Promise<Envelope<T['created']>> {
    return this.send('POST', this.basePath, { body, options });
  }

  /** Changes the given fields; fields left out stay as they are. */
  update(id: string, body: T['update'], options?: RequestOptions): Promise<Envelope<T['item']>> {
    return this.send('PATCH', this.pathOf(id), { body, options });
  }

  /** Deletes (or revokes) a resource; resolves to it in its deleted state. */
  delete(id: string, options?: RequestOptions): Promise<Envelope<T['item']>> {
    return this.send('DELETE', this.pathOf(id), { options });
  }
}

/**
 * Why a list answer cannot be walked, or undefined when it can: without an item
 * array, or a next_cursor that is a string or null, a walk would end silently or
 * fail on a raw TypeError.
 */
function listProblem(body: unknown, items: (page: unknown) => unknown): string | undefined {
  let list: unknown;
  try {
    list = items(body);
  } catch {
    list = undefined;
  }
  const cursor = (body as { meta?: { next_cursor?: unknown } } | undefined)?.meta?.next_cursor;
  return Array.isArray(list) && (cursor === null || typeof cursor === 'string')
    ? undefined
    : 'a malformed list answer (no item array or meta.next_cursor)';
}

/**
 * Why a single-resource answer is unusable, or undefined when it is not: an empty,
 * `null` or array body would otherwise resolve as if it were the resource.
 */
function envelopeProblem(body: unknown): string | undefined {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? undefined
    : 'a malformed answer (no data object)';
}

function dataItems<Item>(page: ListEnvelope<Item>): readonly Item[] {
  return page.data;
}

function withSignal(
  options: RequestOptions,
  signal: AbortSignal | undefined,
): RequestOptions | undefined {
  if (!signal) return options;
  const combined = options.signal ? AbortSignal.any([options.signal, signal]) : signal;
  return { ...options, signal: combined };
}
