import type { Credential } from './auth';
import { COLLECTION_NAMES } from './mock-store';
import type { EndpointSecrets } from './webhook-engine';
import type { MockWorld } from './world';

/** Format version of a snapshot; a file of another version is refused. */
export const SNAPSHOT_VERSION = 1;

interface Snapshot {
  version: number;
  teamId: string;
  collections: Record<string, { seq: number; records: Array<{ id: string }> }>;
  credentials: Credential[];
  webhookSecrets: Array<[string, EndpointSecrets]>;
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
 * Loads a snapshot into an empty world; throws a readable error for a foreign file.
 * Limitation: webhook retries pending at shutdown are not saved, so a restart
 * drops them; their deliveries stay `pending` in the history.
 */
export function restoreSnapshot(world: MockWorld, value: unknown): void {
  const snapshot = value as Partial<Snapshot> | null;
  if (!snapshot || snapshot.version !== SNAPSHOT_VERSION || !snapshot.collections) {
    throw new Error(
      `The state is not a version ${SNAPSHOT_VERSION} mock snapshot. ` +
        'Delete the state file to start afresh.',
    );
  }
  world.teamId = snapshot.teamId ?? world.teamId;
  const all = world.store.all();
  for (const name of COLLECTION_NAMES) {
    const saved = snapshot.collections[name];
    if (saved) all[name]?.restore(saved);
  }
  for (const credential of snapshot.credentials ?? []) world.keys.restore(credential);
  for (const [id, secrets] of snapshot.webhookSecrets ?? [])
    world.webhooks.secrets.set(id, secrets);
}
