import type { CrudTypesOf, Schemas } from '../core/api-types';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type VpnGatewayTypes = CrudTypesOf<'VpnGateway', 'VpnGateways'>;

/** A VPN gateway as the API returns it; `status` accepts values added to the API later. */
export type VpnGateway = VpnGatewayTypes['item'];
/** Known statuses of a VPN gateway. */
export type VpnGatewayStatus = Schemas['VpnGatewayStatus'];
/** Body of `vpnGateways.create()`. */
export type VpnGatewayCreateParams = VpnGatewayTypes['create'];
/** Body of `vpnGateways.update()`. */
export type VpnGatewayUpdateParams = VpnGatewayTypes['update'];
/** Query of `vpnGateways.list()`. */
export type VpnGatewayListParams = VpnGatewayTypes['listQuery'];

/** `puchify.vpnGateways`: site-to-site VPN gateways, `active` when operational. */
export class VpnGateways extends LifecycleResource<
  VpnGatewayTypes,
  OperationalStatuses['vpnGateways']
> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/vpn-gateways', waitStates.vpnGateways);
  }
}
