import type { CrudTypesOf, Envelope, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type ServerTypes = CrudTypesOf<'Server', 'Servers'>;

/** A server as the API returns it; `status` accepts values added to the API later. */
export type Server = ServerTypes['item'];
/** Known statuses of a server. */
export type ServerStatus = Schemas['ServerStatus'];
/** Body of `servers.create()`. */
export type ServerCreateParams = ServerTypes['create'];
/** Body of `servers.update()`. */
export type ServerUpdateParams = ServerTypes['update'];
/** Query of `servers.list()`. */
export type ServerListParams = ServerTypes['listQuery'];

/** `puchify.servers`: virtual servers, `running` when operational. */
export class Servers extends LifecycleResource<ServerTypes, OperationalStatuses['servers']> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/servers', waitStates.servers);
  }

  /** Starts a stopped server; the API answers 202 and the server moves to `running`. */
  start(id: string, options?: RequestOptions): Promise<Envelope<Server>> {
    return this.action(id, 'start', undefined, options);
  }

  /** Stops a running server; the API answers 202 and the server moves to `stopped`. */
  stop(id: string, options?: RequestOptions): Promise<Envelope<Server>> {
    return this.action(id, 'stop', undefined, options);
  }

  /** Restarts a running server; it stays `running`. */
  restart(id: string, options?: RequestOptions): Promise<Envelope<Server>> {
    return this.action(id, 'restart', undefined, options);
  }
}
