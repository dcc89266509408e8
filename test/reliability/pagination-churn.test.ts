import { expect, it } from 'vitest';
import type { ResourceRecord } from '../../src/mock/mock-store';
import { SERVER_BODY, createServers, useWorld } from './harness';

const TOTAL = 5_000;
const PAGE = 50;
const FREE_CHURNERS = 1;

// The limit is far out of reach: this test is about cursors, not the rate limit,
// and the manual clock never opens a new window.
const world = useWorld({ rateLimit: { limit: 1_000_000 } });

// Deterministic, so a failure replays the same interleaving of deletes.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

it('sees every server that exists throughout a 5,000-item walk exactly once', async () => {
  const w = world();
  const { client, mock } = w;

  // 1. Seed through the store: one real create gives the record shape.
  const [templateId] = await createServers(w, 1, 'seed');
  const template = mock.store.servers.get(templateId!) as ResourceRecord;
  const initial = [templateId!];
  for (let i = 1; i < TOTAL; i += 1) {
    const id = `svr_seed${String(i).padStart(6, '0')}`;
    mock.store.servers.insert({ ...template, id, name: `seed-${i}` });
    initial.push(id);
  }

  // 2. Churn: create new servers and delete random seeded ones, through the client.
  const random = seeded(20_260_101);
  const deleted = new Set<string>();
  const created: string[] = [];
  let isWalking = true;
  const churnOnce = async (tag: string) => {
    const { data } = await client.servers.create({ ...SERVER_BODY, name: `new-${tag}` });
    created.push(data.id);
    const victim = initial[Math.floor(random() * initial.length)]!;
    if (deleted.has(victim)) return;
    deleted.add(victim);
    await client.servers.delete(victim);
  };
  const freeChurner = async (n: number) => {
    for (let i = 0; isWalking; i += 1) await churnOnce(`${n}-${i}`);
  };

  // 3. The walk, with one more churn step between every two pages.
  const seen = new Map<string, number>();
  let pages = 0;
  const walk = async () => {
    try {
      for await (const page of client.servers.list({ limit: PAGE }).pages()) {
        pages += 1;
        for (const server of page.data) seen.set(server.id, (seen.get(server.id) ?? 0) + 1);
        await churnOnce(`page-${pages}`);
      }
    } finally {
      isWalking = false;
    }
  };
  const freeChurners = Array.from({ length: FREE_CHURNERS }, (_, n) => freeChurner(n));
  await Promise.all([walk(), ...freeChurners]);

  // 4. Judge: survivors exactly once, nothing ever twice.
  const survivors = initial.filter((id) => !deleted.has(id));
  const missing = survivors.filter((id) => seen.get(id) !== 1);
  const twice = [...seen].filter(([, count]) => count > 1);
  expect(deleted.size).toBeGreaterThan(100);
  expect(created.length).toBeGreaterThan(100);
  expect(missing).toEqual([]);
  expect(twice).toEqual([]);
  expect(pages).toBeGreaterThanOrEqual(Math.floor(survivors.length / PAGE));
});
