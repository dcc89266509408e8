// The page `npm run bench:webhooks` opens in Chromium: the Web Crypto build measured
// where it is meant to run. It leaves its rows, or the error, on window.__bench.
import { SIZES, body, deliveryOf, webRow } from './measure';
import type { Row } from './measure';

declare global {
  interface Window {
    __bench?: { rows: Row[] } | { error: string };
  }
}

async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, size] of SIZES) {
    rows.push(await webRow(label, 'web in Chromium', await deliveryOf(body(size)), true));
  }
  return rows;
}

run().then(
  (rows) => (window.__bench = { rows }),
  (error: unknown) => (window.__bench = { error: String((error as Error)?.stack ?? error) }),
);
