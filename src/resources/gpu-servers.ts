import type { CrudTypesOf, Envelope, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type GpuServerTypes = CrudTypesOf<'GpuServer', 'GpuServers'>;

/** A GPU server as the API returns it; `status` accepts values added to the API later. */
export type GpuServer = GpuServerTypes['item'];
/** Known statuses of a GPU server. */
export type GpuServerStatus = Schemas['GpuServerStatus'];
/** Body of `gpuServers.create()`. */
export type GpuServerCreateParams = GpuServerTypes['create'];
/** Body of `gpuServers.update()`. */
export type GpuServerUpdateParams = GpuServerTypes['update'];
/** Query of `gpuServers.list()`. */
export type GpuServerListParams = GpuServerTypes['listQuery'];

/** `puchify.gpuServers`: GPU servers, `running` when operational. */
export class GpuServers extends LifecycleResource<
  GpuServerTypes,
  OperationalStatuses['gpuServers']
> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/gpu-servers', waitStates.gpuServers);
  }

  /** Starts a stopped GPU server; it moves to `running`. */
  start(id: string, options?: RequestOptions): Promise<Envelope<GpuServer>> {
    return this.action(id, 'start', undefined, options);
  }

  /** Stops a running GPU server; it moves to `stopped`. */
  stop(id: string, options?: RequestOptions): Promise<Envelope<GpuServer>> {
    return this.action(id, 'stop', undefined, options);
  }

  /** Restarts a running GPU server; it stays `running`. */
  restart(id: string, options?: RequestOptions): Promise<Envelope<GpuServer>> {
    return this.action(id, 'restart', undefined, options);
  }
}
