import type { Envelope, Meta, WithStatus } from './api-types';
import type { RequestOptions } from './client-options';
import { checkWaitOptions, pollUntil, type LifecycleLike, type WaitOptions } from './polling';
import { CrudResource } from './resource';
import type { Transport } from './transport';

/** The types of a namespace whose resources move through a lifecycle. */
export interface LifecycleTypes {
  item: { readonly id: string; readonly status: string };
  created: { readonly id: string; readonly status: string };
  status: string;
  listQuery: object;
  create: unknown;
  update: unknown;
}

/** A status to wait for: a known one, or `'operational'` for the ready state. */
export type WaitTarget<T extends LifecycleTypes> = T['status'] | 'operational';

/** The status a wait for `U` ends in, e.g. `'running'` for servers' `'operational'`. */
export type ReachedStatus<U, Operational extends string> = U extends 'operational'
  ? Operational
  : U & string;

/** Options of `create()` on a lifecycle resource. */
export interface CreateOptions<
  T extends LifecycleTypes,
  U extends WaitTarget<T> = WaitTarget<T>,
> extends RequestOptions {
  /**
   * Resolve only once the new resource reaches this status, polling with `wait`.
   * @example await client.servers.create(body, { waitUntil: 'operational' })
   */
  waitUntil?: U | undefined;
  /** How to poll when `waitUntil` is set; `signal` above also ends the wait. */
  wait?: Omit<WaitOptions<T['status'], T['item']>, 'until' | 'signal'> | undefined;
}

/**
 * A namespace whose resources are provisioned asynchronously: adds `waitFor`,
 * `create(body, { waitUntil })` and state-changing actions to the CRUD methods.
 */
export abstract class LifecycleResource<
  T extends LifecycleTypes,
  Operational extends string,
> extends CrudResource<T> {
  readonly #lifecycle: LifecycleLike;

  constructor(transport: Transport, basePath: string, lifecycle: LifecycleLike) {
    super(transport, basePath);
    this.#lifecycle = lifecycle;
  }

  /**
   * Creates a resource. With `waitUntil`, resolves once it reaches that status
   * (the answer of the last read), or fails with ResourceFailedError or WaitTimeoutError.
   */
  override create(body: T['create'], options?: RequestOptions): Promise<Envelope<T['created']>>;
  override create<U extends WaitTarget<T>>(
    body: T['create'],
    options: CreateOptions<T, U> & { waitUntil: U },
  ): Promise<Envelope<WithStatus<T['item'], ReachedStatus<U, Operational>>>>;
  override async create(
    body: T['create'],
    options?: CreateOptions<T>,
  ): Promise<Envelope<T['created'] | T['item']>> {
    const { waitUntil, wait, ...requestOptions } = options ?? {};
    // Checked before the POST: a misuse found after it would leave a resource the
    // caller never hears of.
    if (waitUntil !== undefined) checkWaitOptions({ ...wait, until: waitUntil });
    const created = await super.create(body, requestOptions);
    if (waitUntil === undefined) return created;
    let meta: Meta = created.meta;
    const data = await this.#poll(
      created.data.id,
      { ...wait, until: waitUntil, signal: requestOptions.signal },
      (m) => (meta = m),
    );
    return { data, meta };
  }

  /**
   * Polls until the resource reaches `until` (default: its operational status).
   * Ends at once with ResourceFailedError on `failed`, `deleted` or `destroyed`.
   * @example const server = await client.servers.waitFor(id, { until: 'running', timeoutMs: 120_000 })
   */
  waitFor<U extends WaitTarget<T> = 'operational'>(
    id: string,
    options?: WaitOptions<T['status'], T['item']> & { until?: U },
  ): Promise<WithStatus<T['item'], ReachedStatus<U, Operational>>> {
    return this.#poll(id, options ?? {}, () => undefined) as Promise<
      WithStatus<T['item'], ReachedStatus<U, Operational>>
    >;
  }

  /** Sends `POST /{id}/{name}`; the API answers 202 with the resource. */
  protected action(
    id: string,
    name: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<Envelope<T['item']>> {
    return this.send('POST', this.pathOf(id, name), { body, options });
  }

  #poll(
    id: string,
    options: WaitOptions<T['status'], T['item']>,
    onMeta: (meta: Meta) => void,
  ): Promise<T['item']> {
    const path = this.pathOf(id);
    const read = async (signal: AbortSignal) => {
      const { data, meta } = await this.get(id, { signal });
      onMeta(meta);
      return data;
    };
    return pollUntil<T['item']>(
      { resourceId: id, path, read, lifecycle: this.#lifecycle },
      options,
    );
  }
}
