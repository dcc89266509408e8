import type { components } from '../generated/types';
import { MockApiError, notFound } from './api-error';
import { newId } from './ids';
import { listPage } from './list-query';
import type { WebhookEndpointRecord } from './mock-store';
import type { OperationInput, OperationOutput } from './pipeline';
import type { MockWorld } from './world';

type Run = (input: OperationInput) => OperationOutput;
type EndpointCreate = components['schemas']['WebhookEndpointCreate'];
type EndpointUpdate = components['schemas']['WebhookEndpointUpdate'];

const find = (world: MockWorld, id: string): WebhookEndpointRecord => {
  const record = world.store.webhookEndpoints.get(id);
  if (!record) throw notFound('webhook_endpoint_not_found', 'Webhook endpoint', id);
  return record;
};

const refuseDeleted = (record: WebhookEndpointRecord, verb: string): void => {
  if (record.status !== 'deleted') return;
  throw new MockApiError(
    409,
    'invalid_state_transition',
    `Webhook endpoint ${record.id} is deleted and cannot be ${verb}.`,
  );
};

/**
 * Credentials in a URL would show wherever the endpoint is read: answers, events,
 * logs. Refused whatever the delivery policy, and never quoted.
 */
const credentialsProblem = (url: string): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // The delivery policy names an unparsable URL.
  }
  if (!parsed.username && !parsed.password) return undefined;
  return (
    'The URL holds credentials (user:password@), which would show wherever the endpoint ' +
    "is read. Drop them and check each delivery's X-Puchify-Signature header instead."
  );
};

/** Refuses a URL the mock must not deliver to, as a 422 on `url`. */
const checkUrl = (world: MockWorld, url: string): void => {
  const refusal = credentialsProblem(url) ?? world.settings.webhookUrl(url);
  if (refusal === undefined) return;
  throw new MockApiError(
    422,
    'validation_failed',
    'The webhook URL is refused; see error.details.',
    [{ field: 'url', message: refusal }],
  );
};

/** Creates an endpoint record and its secret; returns the answer with the secret. */
export function createEndpoint(world: MockWorld, body: EndpointCreate) {
  checkUrl(world, body.url);
  const now = world.isoNow();
  const enabled = body.enabled ?? true;
  const record: WebhookEndpointRecord = {
    id: newId('whe_'),
    url: body.url,
    description: body.description ?? '',
    events: body.events ?? ['*'],
    enabled,
    status: enabled ? 'active' : 'disabled',
    consecutive_failures: 0,
    created_at: now,
    updated_at: now,
  };
  world.store.webhookEndpoints.insert(record);
  const secret = world.webhooks.createSecret(record.id);
  world.recordEvent('webhook_endpoint.created', record.id, record);
  return { ...record, secret, previous_secret_expires_at: null };
}

function update(world: MockWorld, id: string, body: EndpointUpdate): OperationOutput {
  const record = find(world, id);
  refuseDeleted(record, 'updated');
  // Enabling counts too: a seeded or restored endpoint may hold a URL this
  // world would not accept today.
  if (body.url !== undefined || body.enabled === true) checkUrl(world, body.url ?? record.url);
  // Re-enabling is how an auto-disabled endpoint comes back: the failure
  // count starts over so it gets another 50 attempts.
  const toggled =
    body.enabled === true
      ? { status: 'active', consecutive_failures: 0 }
      : body.enabled === false
        ? { status: 'disabled' }
        : {};
  const next: WebhookEndpointRecord = {
    ...record,
    ...body,
    ...toggled,
    updated_at: world.isoNow(),
  };
  if (body.enabled === false) world.webhooks.stop(id);
  world.store.webhookEndpoints.replace(next);
  world.recordEvent('webhook_endpoint.updated', id, next);
  return { status: 200, data: next };
}

/** Operations of webhook endpoints and their delivery history. */
export function webhookOperations(): Record<string, Run> {
  return {
    listWebhookEndpoints: ({ world, query }) =>
      listPage(world.store.webhookEndpoints, query, {
        isHiddenByDefault: (record) => record.status === 'deleted',
      }),
    createWebhookEndpoint: ({ world, body }) => ({
      status: 201,
      data: createEndpoint(world, body as EndpointCreate),
    }),
    getWebhookEndpoint: ({ world, path }) => ({
      status: 200,
      data: find(world, path['id'] as string),
    }),
    updateWebhookEndpoint: ({ world, path, body }) =>
      update(world, path['id'] as string, body as EndpointUpdate),
    deleteWebhookEndpoint: ({ world, path }) => {
      const record = find(world, path['id'] as string);
      // Deleting is idempotent: a retry after a lost answer gets the endpoint as it is.
      if (record.status === 'deleted') return { status: 202, data: record };
      const next = { ...record, status: 'deleted', enabled: false, updated_at: world.isoNow() };
      world.webhooks.stop(record.id);
      world.store.webhookEndpoints.replace(next);
      world.recordEvent('webhook_endpoint.deleted', record.id, next);
      return { status: 202, data: next };
    },
    rotateWebhookEndpointSecret: ({ world, path }) => {
      const record = find(world, path['id'] as string);
      refuseDeleted(record, 'rotated');
      const { secret, previousExpiresAt } = world.webhooks.rotateSecret(record.id);
      const next = { ...record, updated_at: world.isoNow() };
      world.store.webhookEndpoints.replace(next);
      world.recordEvent('webhook_endpoint.updated', record.id, next);
      return {
        status: 200,
        data: {
          ...next,
          secret,
          previous_secret_expires_at: new Date(previousExpiresAt).toISOString(),
        },
      };
    },
    listWebhookDeliveries: ({ world, path, query }) => {
      const endpoint = find(world, path['id'] as string);
      return listPage(
        world.store.webhookDeliveries,
        { ...query, endpoint_id: endpoint.id },
        { ignore: ['id'] },
      );
    },
  };
}
