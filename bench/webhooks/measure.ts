// The measuring half of `npm run bench:webhooks`, shared by the Node run and the page that
// runs the Web Crypto build in Chromium: bodies, the bare Web Crypto baseline, and the
// alternating-batch comparison. It uses only what browsers and Node both have.
import * as webApi from '../../src/webhooks/index';

export const SECRET = 'whsec_bench_4f9a1c7e2b8d';
const BUDGET_MS = 2500;
const MAX_BATCHES = 2000;
/** Calls per timed batch. */
export const BATCH = 20;

/** One row of the printed table. */
export interface Row {
  body: string;
  build: string;
  ours: number;
  baseline: number;
  target: number;
}

/** A deterministic JSON body of about `size` bytes. */
export function body(size: number): string {
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(Math.ceil(size / 36));
  const head =
    '{"id":"evt_bench","type":"server.updated","created_at":"2026-05-28T10:30:00Z","data":{"note":"';
  return `${head}${filler.slice(0, size - head.length - 3)}"}}`;
}

type Run = () => unknown;

/** Milliseconds one batch of `calls` runs takes; sync results are not awaited. */
async function batch(run: Run, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  return performance.now() - start;
}

/**
 * Ops/s of ours and of the baseline. Batches alternate so drift lands on both sides
 * alike. Each side keeps its 10th-percentile batch: on a machine shared with other
 * work the median mostly measures the neighbours, while the fastest batches measure
 * the code; the 10th percentile rather than the minimum still counts garbage
 * collection, which falls in some batches and not in others.
 */
export async function compare(
  ours: Run,
  baseline: Run,
  { calls = BATCH, budgetMs = BUDGET_MS } = {},
): Promise<[number, number]> {
  for (let i = 0; i < 500; i++) {
    await ours();
    await baseline();
  }
  const oursMs: number[] = [];
  const baseMs: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (oursMs.length < MAX_BATCHES && performance.now() < deadline) {
    oursMs.push(await batch(ours, calls));
    baseMs.push(await batch(baseline, calls));
  }
  const p10 = (values: number[]) => values.sort((x, y) => x - y)[(values.length / 10) | 0]!;
  return [calls / (p10(oursMs) / 1000), calls / (p10(baseMs) / 1000)];
}

/**
 * Calls per batch for a batch of about `targetMs`, for clocks coarser than Node's:
 * browsers round performance.now() to 0.1 ms outside cross-origin isolation.
 */
export async function callsPerBatch(run: Run, targetMs: number): Promise<number> {
  let calls = 16;
  for (;;) {
    const ms = await batch(run, calls);
    if (ms >= targetMs / 4) return Math.ceil((calls * targetMs) / ms);
    calls *= 4;
  }
}

/** The parts of a signed delivery a verifier is given. */
export interface Delivery {
  payload: string;
  header: string;
  /** The signature's bytes, decoded once for the baselines. */
  signature: Uint8Array<ArrayBuffer>;
  t: number;
}

/** Signs `payload` with the Web Crypto build at the current second. */
export async function deliveryOf(payload: string): Promise<Delivery> {
  const t = Math.floor(Date.now() / 1000);
  const header = await webApi.signPayload(payload, SECRET, { timestamp: t });
  const hex = header.slice(header.indexOf('v1=') + 3);
  const signature = new Uint8Array(32);
  for (let i = 0; i < 32; i++) signature[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return { payload, header, signature, t };
}

/**
 * The Web Crypto build against crypto.subtle.verify with its key imported once. The
 * baseline gets every advantage: the header is never parsed and the expected
 * signature is decoded once, outside the loop. Ours does the whole job on every call.
 */
export async function webRow(
  label: string,
  build: string,
  delivery: Delivery,
  coarseClock = false,
): Promise<Row> {
  const { payload, header, signature, t } = delivery;
  const now = t * 1000;
  const encoder = new TextEncoder();
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  const key = await crypto.subtle.importKey('raw', encoder.encode(SECRET), algorithm, false, [
    'verify',
  ]);
  const baseline = () =>
    crypto.subtle.verify('HMAC', key, signature, encoder.encode(`${t}.${payload}`));
  // Both must accept the delivery before either is timed.
  await webApi.verifySignature(payload, header, SECRET, { now });
  if (!(await baseline())) throw new Error('The bare Web Crypto baseline rejected a delivery.');
  const verify = () => webApi.verifySignature(payload, header, SECRET, { now });
  const options = coarseClock
    ? { calls: await callsPerBatch(baseline, 20), budgetMs: 6000 }
    : undefined;
  const [ours, base] = await compare(verify, baseline, options);
  return { body: label, build, ours, baseline: base, target: 0.9 };
}

/** The bodies every run measures. */
export const SIZES = [
  ['1 KB', 1024],
  ['64 KB', 65_536],
] as const;
