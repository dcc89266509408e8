import type { components } from '../generated/types';
import { lifecycles } from '../generated/lifecycle';
import type { LifecycleResource } from '../generated/lifecycle';
import { newId } from './ids';
import type { ResourceRecord } from './mock-store';
import { RESOURCE_KINDS, documentationIp } from './resource-kinds';
import type { MockWorld } from './world';

type Schemas = components['schemas'];

const REGIONS = ['us-east', 'us-west', 'eu-central', 'eu-west', 'ap-southeast'];
const DAY_MS = 24 * 60 * 60 * 1000;
const LEVELS = ['debug', 'info', 'info', 'info', 'warn', 'error'] as const;

/** How many of each resource the demo world holds (about 260 in all). */
const COUNTS: Record<LifecycleResource, number> = {
  servers: 120,
  gpuServers: 30,
  databases: 40,
  kubernetesClusters: 20,
  loadBalancers: 30,
  vpnGateways: 20,
};

// A small seeded generator: the demo world has the same shape on every run,
// which keeps screenshots and walkthroughs stable.
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const choose = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const CREATE_BODIES: Record<LifecycleResource, (random: Random) => Record<string, unknown>> = {
  servers: (r) => ({
    plan: choose(r, ['shared-1', 'shared-2', 'shared-4', 'dedicated-8']),
    image: choose(r, ['ubuntu-24.04', 'debian-12', 'rocky-9']),
  }),
  gpuServers: (r) => ({
    plan: choose(r, ['gpu-h100-1', 'gpu-a100-2', 'gpu-l40s-1', 'gpu-a10-4']),
    image: 'ubuntu-24.04-cuda',
  }),
  databases: (r) => ({
    engine: choose(r, ['postgres', 'mysql', 'redis']),
    plan: choose(r, ['db-standard-1', 'db-standard-2', 'db-memory-4']),
    storage_gb: choose(r, [20, 50, 100, 500]),
  }),
  kubernetesClusters: (r) => ({
    version: choose(r, ['1.30', '1.31']),
    node_pools: [{ name: 'default', plan: 'shared-4', node_count: 1 + Math.floor(r() * 6) }],
  }),
  loadBalancers: (r) => ({ protocol: choose(r, ['http', 'https', 'tcp']), targets: [] }),
  vpnGateways: (r) => ({
    remote_network_cidr: `10.${Math.floor(r() * 250)}.0.0/16`,
    remote_peer_ip: documentationIp(),
  }),
};

/** Picks a settled status: mostly operational, some stopped, failed or deleted. */
function settledStatus(name: LifecycleResource, random: Random): string {
  const spec = lifecycles[name];
  const roll = random();
  if (roll < 0.06) return 'failed';
  if (roll < 0.12) return spec.delete.to;
  if (roll < 0.22 && 'stop' in spec.actions) return 'stopped';
  return spec.operational;
}

/**
 * Fills a world with a realistic history: a few hundred resources across
 * every type and region created over the last 90 days, their events, log
 * lines, usage records, invoices, two disabled webhook endpoints and a few
 * closed terminal sessions.
 */
export function seedDemo(world: MockWorld): void {
  const random = seededRandom(20260528);
  const now = world.clock.now();
  const plans: Array<{ name: LifecycleResource; at: number }> = [];
  for (const name of Object.keys(COUNTS) as LifecycleResource[]) {
    for (let i = 0; i < COUNTS[name]; i++) plans.push({ name, at: now - random() * 90 * DAY_MS });
  }
  // Insertion order is creation order, as it would be in a real account.
  plans.sort((a, b) => a.at - b.at);
  const created: ResourceRecord[] = [];
  for (const plan of plans) created.push(seedResource(world, plan.name, plan.at, random));
  seedUsage(world, created, random);
  seedInvoices(world, now);
  seedWebhooksAndSessions(world, created, now);
}

function seedResource(
  world: MockWorld,
  name: LifecycleResource,
  at: number,
  random: Random,
): ResourceRecord {
  const spec = lifecycles[name];
  const kind = RESOURCE_KINDS[name];
  const region = choose(random, REGIONS);
  const stamp = new Date(at).toISOString();
  const base: ResourceRecord = {
    id: newId(spec.idPrefix),
    name: `${kind.resourceKind.replace('_', '-')}-${region}-${Math.floor(random() * 9000 + 1000)}`,
    status: spec.creating,
    region,
    ...kind.build(CREATE_BODIES[name](random)),
    created_at: stamp,
    updated_at: stamp,
    deleted_at: null,
  };
  const status = settledStatus(name, random);
  const record: ResourceRecord =
    status === 'failed' ? { ...base, status } : { ...base, ...kind.whenOperational(base), status };
  if (status === spec.delete.to) record.deleted_at = new Date(at + DAY_MS).toISOString();
  world.store.resource(name).insert(record);
  world.store.events.insert({
    id: newId('evt_'),
    type: `${spec.eventPrefix}.created`,
    created_at: stamp,
    team_id: world.teamId,
    resource_id: record.id,
    data: { ...base },
  });
  seedLogs(world, record, kind.resourceKind, at, random);
  return record;
}

function seedLogs(
  world: MockWorld,
  record: ResourceRecord,
  resourceKind: string,
  at: number,
  random: Random,
): void {
  const messages = [
    'Provisioning started.',
    'Health check passed.',
    'Disk usage at 71%.',
    'Upstream timeout after 30s.',
    'Configuration reloaded.',
  ];
  for (let i = 0; i < 2; i++) {
    const entry: Schemas['LogEntry'] = {
      id: newId('log_'),
      timestamp: new Date(at + i * 60_000).toISOString(),
      level: choose(random, LEVELS),
      message: choose(random, messages),
      resource_id: record.id,
      resource_kind: resourceKind,
      source: choose(random, ['puchify', 'systemd', 'nginx', 'postgres']),
      attributes: { region: record.region },
    };
    world.store.logs.insert(entry);
  }
}

function seedUsage(world: MockWorld, created: ResourceRecord[], random: Random): void {
  const now = world.clock.now();
  const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
  const kinds = new Map<string, string>();
  for (const name of Object.keys(lifecycles) as LifecycleResource[]) {
    for (const record of world.store.resource(name).values()) {
      kinds.set(record.id, RESOURCE_KINDS[name].resourceKind);
    }
  }
  for (const record of created.slice(-150)) {
    const hours = 24 + Math.floor(random() * 500);
    const start = Math.max(monthStart, Date.parse(record.created_at));
    world.store.usageRecords.insert({
      id: newId('ur_'),
      resource_id: record.id,
      resource_kind: kinds.get(record.id) ?? 'server',
      metric: 'compute_hours',
      quantity: hours,
      unit: 'hour',
      amount_cents: hours * (1 + Math.floor(random() * 12)),
      currency: 'USD',
      period_start: new Date(start).toISOString(),
      period_end: new Date(Math.min(now, start + hours * 3_600_000)).toISOString(),
    });
  }
}

function seedInvoices(world: MockWorld, now: number): void {
  const date = new Date(now);
  for (let back = 12; back >= 1; back--) {
    const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1);
    const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back + 1, 1);
    const total = 9_000 + back * 731;
    const isOpen = back === 1;
    const id = newId('inv_');
    world.store.invoices.insert({
      id,
      number: `PCH-${new Date(start).getUTCFullYear()}-${String(13 - back).padStart(4, '0')}`,
      status: isOpen ? 'open' : 'paid',
      currency: 'USD',
      total_cents: total,
      amount_paid_cents: isOpen ? 0 : total,
      period_start: new Date(start).toISOString(),
      period_end: new Date(end).toISOString(),
      issued_at: new Date(end).toISOString(),
      due_at: new Date(end + 14 * DAY_MS).toISOString(),
      paid_at: isOpen ? null : new Date(end + 3 * DAY_MS).toISOString(),
      pdf_url: `https://${world.host}/invoices/${id}.pdf`,
    });
  }
}

function seedWebhooksAndSessions(world: MockWorld, created: ResourceRecord[], now: number) {
  // Both endpoints are disabled and point at the reserved .test domain, so a
  // demo world never sends a request anywhere by itself. They go into the
  // store directly, past the API's loopback-only check on webhook URLs; the
  // API refuses to enable them unless the host is allowed.
  for (const url of ['https://hooks.example.test/puchify', 'https://ops.example.test/alerts']) {
    const stamp = new Date(now - 30 * DAY_MS).toISOString();
    const id = newId('whe_');
    world.store.webhookEndpoints.insert({
      id,
      url,
      description: 'Demo endpoint (disabled)',
      events: ['*'],
      enabled: false,
      status: 'disabled',
      consecutive_failures: 0,
      created_at: stamp,
      updated_at: stamp,
    });
    world.webhooks.createSecret(id);
  }
  const servers = created.filter((record) => record.id.startsWith('svr_')).slice(0, 5);
  for (const server of servers) {
    const opened = now - 2 * DAY_MS;
    const id = newId('term_');
    world.store.terminalSessions.insert({
      id,
      server_id: server.id,
      status: 'closed',
      width: 120,
      height: 32,
      websocket_url: `wss://${world.host}/api/v1/terminal/sessions/${id}/ws`,
      created_at: new Date(opened).toISOString(),
      expires_at: new Date(opened + 3_600_000).toISOString(),
      closed_at: new Date(opened + 600_000).toISOString(),
    });
  }
}
