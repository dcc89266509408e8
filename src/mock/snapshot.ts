import type { Credential } from './auth';
import { COLLECTION_NAMES } from './mock-store';
import type { EndpointSecrets } from './webhook-engine';
import type { MockWorld } from './world';

/** Format version of a snapshot; a file of another version is refused. */
export const SNAPSHOT_VERSION = 1;

interface Snapshot {
  version: number;
  teamId?: string;
  collections: Record<string, { seq: number; records: Array<{ id: string }> } | undefined>;
  credentials?: Credential[];
  webhookSecrets?: Array<[string, EndpointSecrets]>;
}

/**
 * The world as JSON-safe data. API keys appear only as their bcrypt hashes;
 * webhook secrets appear in full because the mock must keep signing with
 * them after a restart (the state file is written with mode 0600).
 */
export function takeSnapshot(world: MockWorld): Snapshot {
  const collections: Snapshot['collections'] = {};
  for (const [name, collection] of Object.entries(world.store.all())) {
    collections[name] = collection.snapshot();
  }
  return {
    version: SNAPSHOT_VERSION,
    teamId: world.teamId,
    collections,
    credentials: world.keys.credentials(),
    webhookSecrets: [...world.webhooks.secrets],
  };
}

/**
 * Throws an Error saying what is wrong when `value` is not a snapshot this
 * version can load, so a foreign or hand-edited file is refused whole
 * instead of loading as an empty world that the next write would save over it.
 * Limitation: records are checked to be objects with a string id, not field
 * by field against the spec, so a hand-edited state file with a wrong field
 * type loads and serves that field as it is. Parsing each record with its
 * generated zod schema would close this at some cost to start-up time.
 */
export function checkSnapshot(value: unknown): asserts value is Snapshot {
  const problem = snapshotProblem(value);
  if (problem !== undefined) {
    throw new Error(`The state is not a version ${SNAPSHOT_VERSION} mock snapshot: ${problem}.`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function snapshotProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value['version'] !== SNAPSHOT_VERSION) return `"version" is not ${SNAPSHOT_VERSION}`;
  if (value['teamId'] !== undefined && typeof value['teamId'] !== 'string') {
    return '"teamId" is not a string';
  }
  const collections = value['collections'];
  if (!isObject(collections)) return '"collections" is not an object';
  for (const name of COLLECTION_NAMES) {
    const problem = collectionProblem(collections[name]);
    if (problem !== undefined) return `"collections.${name}" ${problem}`;
  }
  return credentialsProblem(value['credentials']) ?? secretsProblem(value['webhookSecrets']);
}

function collectionProblem(saved: unknown): string | undefined {
  if (saved === undefined) return undefined;
  if (!isObject(saved)) return 'is not an object';
  const seq = saved['seq'];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    return 'has no "seq" counter (a whole number of 0 or more)';
  }
  const records = saved['records'];
  if (!Array.isArray(records)) return 'has no "records" array';
  const index = records.findIndex(
    (record) => !isObject(record) || typeof record['id'] !== 'string',
  );
  return index === -1 ? undefined : `has a record without a string "id" at records[${index}]`;
}

function credentialsProblem(credentials: unknown): string | undefined {
  if (credentials === undefined) return undefined;
  if (!Array.isArray(credentials)) return '"credentials" is not an array';
  const index = credentials.findIndex(
    (credential) =>
      !isObject(credential) ||
      typeof credential['id'] !== 'string' ||
      typeof credential['prefix'] !== 'string' ||
      typeof credential['hash'] !== 'string' ||
      typeof credential['isRevoked'] !== 'boolean' ||
      (credential['prehash'] !== undefined && credential['prehash'] !== 'sha256'),
  );
  return index === -1 ? undefined : `"credentials[${index}]" is not a stored API key`;
}

function secretsProblem(secrets: unknown): string | undefined {
  if (secrets === undefined) return undefined;
  if (!Array.isArray(secrets)) return '"webhookSecrets" is not an array';
  const index = secrets.findIndex(
    (entry) =>
      !Array.isArray(entry) ||
      typeof entry[0] !== 'string' ||
      !isObject(entry[1]) ||
      typeof entry[1]['current'] !== 'string',
  );
  return index === -1 ? undefined : `"webhookSecrets[${index}]" is not an endpoint's secrets`;
}

/**
 * Loads a snapshot into an empty world; throws a readable error for a foreign file.
 * Limitation: webhook retries pending at shutdown are not saved, so a restart
 * drops them; their deliveries stay `pending` in the history.
 */
export function restoreSnapshot(world: MockWorld, value: unknown): void {
  checkSnapshot(value);
  world.teamId = value.teamId ?? world.teamId;
  const all = world.store.all();
  for (const name of COLLECTION_NAMES) {
    const saved = value.collections[name];
    if (saved) all[name]?.restore(saved);
  }
  for (const credential of value.credentials ?? []) world.keys.restore(credential);
  for (const [id, secrets] of value.webhookSecrets ?? []) world.webhooks.secrets.set(id, secrets);
}
