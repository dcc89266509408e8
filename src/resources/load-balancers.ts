import type { CrudTypesOf, Schemas } from '../core/api-types';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type LoadBalancerTypes = CrudTypesOf<'LoadBalancer', 'LoadBalancers'>;

/** A load balancer as the API returns it; `status` accepts values added to the API later. */
export type LoadBalancer = LoadBalancerTypes['item'];
/** Known statuses of a load balancer. */
export type LoadBalancerStatus = Schemas['LoadBalancerStatus'];
/** Body of `loadBalancers.create()`. */
export type LoadBalancerCreateParams = LoadBalancerTypes['create'];
/** Body of `loadBalancers.update()`. */
export type LoadBalancerUpdateParams = LoadBalancerTypes['update'];
/** Query of `loadBalancers.list()`. */
export type LoadBalancerListParams = LoadBalancerTypes['listQuery'];

/** `puchify.loadBalancers`: load balancers, `running` when operational. */
export class LoadBalancers extends LifecycleResource<
  LoadBalancerTypes,
  OperationalStatuses['loadBalancers']
> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/load-balancers', waitStates.loadBalancers);
  }
}
