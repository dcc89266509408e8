import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../src/generated/types';
import { constructEvent } from '../../src/webhooks/index';
import type {
  UnknownWebhookEvent,
  WebhookEvent,
  WebhookEventOf,
  WebhookEventType,
} from '../../src/webhooks/index';
import * as nodeApi from '../../src/webhooks/node';
import * as webApi from '../../src/webhooks/index';

type Server = components['schemas']['Server'];

describe('webhook event types', () => {
  it('derives the event union from the spec webhooks', () => {
    expectTypeOf<'server.created'>().toExtend<WebhookEventType>();
    expectTypeOf<'job.failed'>().toExtend<WebhookEventType>();
    // @ts-expect-error -- not an event type the spec documents
    expectTypeOf<'server.exploded'>().toExtend<WebhookEventType>();
    expectTypeOf<WebhookEventOf<'server.created'>['data']>().toEqualTypeOf<Server>();
    expectTypeOf<WebhookEventOf<'server.created'>['type']>().toEqualTypeOf<'server.created'>();
  });

  it('narrows data by switching on type', async () => {
    const event = await constructEvent('', '', 'whsec_x');
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    switch (event.type) {
      case 'server.created':
        expectTypeOf(event.data).toEqualTypeOf<Server>();
        expectTypeOf(event.team_id).toEqualTypeOf<string>();
        break;
      default:
        expectTypeOf(event.id).toEqualTypeOf<string>();
    }
    if (event.type === 'server.created') expectTypeOf(event.data.name).toEqualTypeOf<string>();
  });

  it('lets an unknown event through with opaque data', () => {
    const unknown = {} as UnknownWebhookEvent;
    expectTypeOf(unknown.data).toEqualTypeOf<unknown>();
    expectTypeOf(String(unknown.type)).toEqualTypeOf<string>();
    expectTypeOf(`${unknown.type}`).toEqualTypeOf<string>();
  });

  it('gives both builds the same API', () => {
    expectTypeOf(nodeApi.verifySignature).toEqualTypeOf(webApi.verifySignature);
    expectTypeOf(nodeApi.constructEvent).toEqualTypeOf(webApi.constructEvent);
    expectTypeOf(nodeApi.signPayload).toEqualTypeOf(webApi.signPayload);
    expectTypeOf(nodeApi.handleDeliveryOnce).toEqualTypeOf(webApi.handleDeliveryOnce);
    expectTypeOf<keyof typeof nodeApi>().toEqualTypeOf<keyof typeof webApi>();
  });
});
