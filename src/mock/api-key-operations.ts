import type { components } from '../generated/types';
import { notFound } from './api-error';
import { generateApiKey } from './auth';
import { newId } from './ids';
import { listPage } from './list-query';
import type { OperationInput, OperationOutput } from './pipeline';
import type { MockWorld } from './world';

type ApiKey = components['schemas']['ApiKey'];
type Run = (input: OperationInput) => OperationOutput;

/** The prefix shown for a key: `pk_` and its first four letters or digits. */
export function displayPrefix(secret: string): string {
  return `pk_${secret
    .slice(3)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .padEnd(4, '0')}`;
}

/**
 * Stores a key in the world: the record the API shows (prefix only) and the
 * bcrypt hash the key ring checks. Returns the record.
 */
export function issueApiKey(
  world: MockWorld,
  secret: string,
  name: string,
  expiresAt: string | null = null,
): ApiKey {
  const record: ApiKey = {
    id: newId('key_'),
    name,
    prefix: displayPrefix(secret),
    status: 'active',
    expires_at: expiresAt,
    last_used_at: null,
    created_at: world.isoNow(),
    revoked_at: null,
  };
  world.keys.add(record.id, secret);
  world.store.apiKeys.insert(record);
  return record;
}

const find = (world: MockWorld, id: string): ApiKey => {
  const record = world.store.apiKeys.get(id);
  if (!record) throw notFound('api_key_not_found', 'API key', id);
  return record;
};

/** Operations of the api-keys resource. */
export function apiKeyOperations(): Record<string, Run> {
  return {
    listApiKeys: ({ world, query }) => listPage(world.store.apiKeys, query),
    createApiKey: ({ world, body }) => {
      const { name, expires_at } = body as { name: string; expires_at?: string };
      const secret = generateApiKey();
      const record = issueApiKey(world, secret, name, expires_at ?? null);
      world.recordEvent('api_key.created', record.id, record);
      // The full key appears in this one answer and nowhere else: not in the
      // event, the store or the state file.
      return { status: 201, data: { ...record, key: secret } };
    },
    getApiKey: ({ world, path }) => ({ status: 200, data: find(world, path['id'] as string) }),
    updateApiKey: ({ world, path, body }) => {
      const record = find(world, path['id'] as string);
      const next = { ...record, ...(body as { name?: string }) };
      world.store.apiKeys.replace(next);
      world.recordEvent('api_key.updated', next.id, next);
      return { status: 200, data: next };
    },
    deleteApiKey: ({ world, path }) => {
      const record = find(world, path['id'] as string);
      // Revoking is idempotent: a retry after a lost answer gets the key as it is.
      if (record.status === 'revoked') return { status: 202, data: record };
      const next: ApiKey = { ...record, status: 'revoked', revoked_at: world.isoNow() };
      world.keys.revoke(record.id);
      world.store.apiKeys.replace(next);
      world.recordEvent('api_key.deleted', next.id, next);
      return { status: 202, data: next };
    },
  };
}
