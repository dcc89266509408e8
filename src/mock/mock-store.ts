import type { components } from '../generated/types';
import { lifecycles } from '../generated/lifecycle';
import type { LifecycleResource } from '../generated/lifecycle';
import { Collection } from './store';

type Schemas = components['schemas'];

/** A provisioned resource as stored: its schema's fields, read generically. */
export interface ResourceRecord {
  id: string;
  name: string;
  status: string;
  region: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  [field: string]: unknown;
}

/** A webhook endpoint as stored; the secrets live apart from the record. */
export type WebhookEndpointRecord = Schemas['WebhookEndpoint'];

/** Every collection of one world. Records are the wire shapes of the spec. */
export class MockStore {
  readonly servers = new Collection<ResourceRecord>('servers');
  readonly gpuServers = new Collection<ResourceRecord>('gpuServers');
  readonly databases = new Collection<ResourceRecord>('databases');
  readonly kubernetesClusters = new Collection<ResourceRecord>('kubernetesClusters');
  readonly loadBalancers = new Collection<ResourceRecord>('loadBalancers');
  readonly vpnGateways = new Collection<ResourceRecord>('vpnGateways');
  readonly apiKeys = new Collection<Schemas['ApiKey']>('apiKeys');
  readonly webhookEndpoints = new Collection<WebhookEndpointRecord>('webhookEndpoints');
  readonly webhookDeliveries = new Collection<Schemas['WebhookDelivery']>('webhookDeliveries');
  readonly events = new Collection<Schemas['Event']>('events');
  readonly usageRecords = new Collection<Schemas['UsageRecord']>('usageRecords');
  readonly invoices = new Collection<Schemas['Invoice']>('invoices');
  readonly logs = new Collection<Schemas['LogEntry']>('logs');
  readonly terminalSessions = new Collection<Schemas['TerminalSession']>('terminalSessions');

  /** The collection of a resource that has a lifecycle. */
  resource(name: LifecycleResource): Collection<ResourceRecord> {
    return this[name];
  }

  /** Every collection by name, for snapshots and reset. */
  all(): Record<string, Collection<{ id: string }>> {
    const collections: Record<string, Collection<{ id: string }>> = {};
    for (const name of COLLECTION_NAMES) {
      collections[name] = this[name] as unknown as Collection<{ id: string }>;
    }
    return collections;
  }
}

/** Names of every collection, lifecycle resources first. */
export const COLLECTION_NAMES = [
  ...(Object.keys(lifecycles) as LifecycleResource[]),
  'apiKeys',
  'webhookEndpoints',
  'webhookDeliveries',
  'events',
  'usageRecords',
  'invoices',
  'logs',
  'terminalSessions',
] as const;
