import type { Envelope, ListEnvelope, Open, QueryOf, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import type { Paginator } from '../core/pagination';
import { ApiResource, type ListOptions } from '../core/resource';
import type { Transport } from '../core/transport';

/** One entry of the audit log; `type` accepts event types added to the API later. */
export type Event = Open<Schemas['Event'], { type: Schemas['EventType'] }>;
/** Known event types. */
export type EventType = Schemas['EventType'];
/** Query of `events.list()`. */
export type EventListParams = QueryOf<'listEvents'>;

/** `puchify.events`: the audit log of every create, update, delete and state change. */
export class Events extends ApiResource {
  constructor(transport: Transport) {
    super(transport, '/api/v1/events');
  }

  /**
   * Lists events, filtered by `type`, `resource_id`, time range or `query`.
   * @example for await (const event of client.events.list({ resource_id: 'svr_abc123' })) {}
   */
  list(query?: EventListParams, options?: ListOptions): Paginator<ListEnvelope<Event>, Event> {
    return this.listAt<Event>(this.basePath, query, options);
  }

  /** Reads one event by id. */
  get(id: string, options?: RequestOptions): Promise<Envelope<Event>> {
    return this.send('GET', this.pathOf(id), { options });
  }
}
