import type {
  CrudTypesOf,
  Envelope,
  ListEnvelope,
  Open,
  QueryOf,
  Schemas,
} from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import type { Paginator } from '../core/pagination';
import { CrudResource, type ListOptions } from '../core/resource';
import type { Transport } from '../core/transport';

type WebhookEndpointTypes = CrudTypesOf<
  'WebhookEndpoint',
  'WebhookEndpoints',
  Schemas['WebhookEndpointCreated']
>;

/** A webhook endpoint as listed, without its secret. */
export type WebhookEndpoint = WebhookEndpointTypes['item'];
/** The answer of `create()` and `rotateSecret()`: the only time the `secret` is shown. */
export type WebhookEndpointCreated = WebhookEndpointTypes['created'];
/** Known statuses of a webhook endpoint. */
export type WebhookEndpointStatus = Schemas['WebhookEndpointStatus'];
/** Body of `webhookEndpoints.create()`. */
export type WebhookEndpointCreateParams = WebhookEndpointTypes['create'];
/** Body of `webhookEndpoints.update()`. */
export type WebhookEndpointUpdateParams = WebhookEndpointTypes['update'];
/** Query of `webhookEndpoints.list()`. */
export type WebhookEndpointListParams = WebhookEndpointTypes['listQuery'];
/** One delivery attempt record of an endpoint. */
export type WebhookDelivery = Open<
  Schemas['WebhookDelivery'],
  { status: Schemas['WebhookDeliveryStatus']; event_type: Schemas['EventType'] }
>;
/** Query of `webhookEndpoints.listDeliveries()`. */
export type WebhookDeliveryListParams = QueryOf<'listWebhookDeliveries'>;

/** `puchify.webhookEndpoints`: where Puchify POSTs signed events. */
export class WebhookEndpoints extends CrudResource<WebhookEndpointTypes> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/webhook-endpoints');
  }

  /**
   * Issues a new signing secret, returned once. The old one stays valid for 24 hours
   * so receivers can switch without dropping deliveries.
   */
  rotateSecret(id: string, options?: RequestOptions): Promise<Envelope<WebhookEndpointCreated>> {
    return this.send('POST', this.pathOf(id, 'rotate-secret'), { options });
  }

  /** Lists the deliveries to one endpoint, newest first by default. */
  listDeliveries(
    id: string,
    query?: WebhookDeliveryListParams,
    options?: ListOptions,
  ): Paginator<ListEnvelope<WebhookDelivery>, WebhookDelivery> {
    return this.listAt<WebhookDelivery>(this.pathOf(id, 'deliveries'), query, options);
  }
}
