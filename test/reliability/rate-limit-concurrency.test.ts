import { expect, it, vi } from 'vitest';
import type { Puchify } from '../../src/index';
import { createServers, drive, useWorld, type SentRequest, type World } from './harness';

const CALLERS = 50;
const CALLS_EACH = 4;
const LIMIT = 10;
const WINDOW_MS = 1_000;

// The mock runs on the test's fake clock ('real' under fake timers), so its
// rate-limit windows move as fake time does.
const world = useWorld({ clock: 'real', rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });

/** What one run of all callers produced. */
interface RunFigures {
  completed: number;
  failed: number;
  wire429: number;
  /** 429s on requests sent after the first 429 had come back. */
  late429: number;
  fakeMs: number;
}

async function runCallers(w: World, clientFor: (caller: number) => Puchify, id: string) {
  const startedAt = Date.now();
  const from = w.sent.length;
  const caller = async (n: number) => {
    const client = clientFor(n);
    for (let i = 0; i < CALLS_EACH; i += 1) await client.servers.get(id);
  };
  const settled = await drive(
    w,
    Promise.allSettled(Array.from({ length: CALLERS }, (_, n) => caller(n))),
  );
  if (!settled.ok) throw settled.error;
  return figures(w.sent.slice(from), settled.value, Date.now() - startedAt);
}

function figures(sent: SentRequest[], results: PromiseSettledResult<void>[], fakeMs: number) {
  const refused = sent.filter((request) => request.status === 429);
  const first429 = Math.min(...refused.map((request) => request.answeredSeq ?? Infinity));
  return {
    completed: results.filter((result) => result.status === 'fulfilled').length,
    failed: results.filter((result) => result.status === 'rejected').length,
    wire429: refused.length,
    late429: refused.filter((request) => request.sentSeq > first429).length,
    fakeMs,
  } satisfies RunFigures;
}

async function prepare(w: World): Promise<string> {
  const [id] = await createServers(w, 1, 'target');
  // A fresh window, so both runs start with the full budget.
  vi.advanceTimersByTime(WINDOW_MS);
  return id!;
}

it('lets 50 callers sharing one client finish with next to no 429 after the first', async () => {
  const w = world();
  const id = await prepare(w);
  const shared = w.makeClient();
  const result = await runCallers(w, () => shared, id);
  report('one shared client', result);
  expect(result.completed).toBe(CALLERS);
  // The first wave goes out before any answer tells the budget; after it, the
  // client holds requests back instead of collecting refusals.
  expect(result.late429).toBeLessThanOrEqual(CALLERS * CALLS_EACH * 0.05);
  // 200 calls at 10 per second cannot take less than 19 windows.
  expect(result.fakeMs).toBeGreaterThanOrEqual(((CALLERS * CALLS_EACH) / LIMIT - 1) * WINDOW_MS);
});

// The client has no switch to stop throttling, so the baseline gives every caller
// a client of its own: nobody learns from anybody else's answers.
it('collects far more 429s, and loses calls, when each caller has its own client', async () => {
  const w = world();
  const id = await prepare(w);
  const clients = Array.from({ length: CALLERS }, () => w.makeClient());
  const baseline = await runCallers(w, (n) => clients[n]!, id);
  report('a client per caller', baseline);
  expect(baseline.late429).toBeGreaterThan(CALLERS);
  expect(baseline.failed).toBeGreaterThan(0);
});

function report(label: string, figures: RunFigures): void {
  console.log(
    `[rate limit] ${label}: ${figures.completed}/${CALLERS} callers completed, ` +
      `${figures.failed} failed, ${figures.wire429} 429s on the wire ` +
      `(${figures.late429} after the first came back), ` +
      `${(figures.fakeMs / 1000).toFixed(1)} s of API time`,
  );
}
