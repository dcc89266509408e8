// `npm run bench:webhooks`: verification throughput of both builds of puchify/webhooks on
// a 1 KB and a 64 KB body, each against the bare primitive it wraps:
// - the node:crypto build against createHmac + timingSafeEqual (target 0.8x or better);
// - the Web Crypto build against crypto.subtle.verify with a cached key (target 0.9x),
//   in Node and, when Chromium is installed, in Chromium, where browsers run it.
// The baselines get every advantage: the header is never parsed and the expected
// signature is decoded once, outside the loop. Ours does the whole job on every call.
// Each case runs alternating batches, bounded by time and count. One run, one table.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import * as nodeApi from '../src/webhooks/node';
import { root } from '../scripts/package-tarball';
import { chromiumArgs, chromiumPath, servePage } from '../test/browser/harness';
import { BATCH, SECRET, SIZES, body, compare, deliveryOf, webRow } from './webhooks/measure';
import type { Row } from './webhooks/measure';

async function nodeRow(label: string, payload: string): Promise<Row> {
  const { header, signature, t } = await deliveryOf(payload);
  const now = t * 1000;
  const bytes = Buffer.from(signature);
  // The bare node:crypto verifier.
  const baseline = () => {
    const mac = createHmac('sha256', SECRET).update(`${t}.`).update(payload).digest();
    return timingSafeEqual(mac, bytes);
  };
  await nodeApi.verifySignature(payload, header, SECRET, { now });
  if (!baseline()) throw new Error('The bare node:crypto baseline rejected a delivery.');
  const [ours, base] = await compare(
    () => nodeApi.verifySignature(payload, header, SECRET, { now }),
    baseline,
  );
  return { body: label, build: 'node (node:crypto)', ours, baseline: base, target: 0.8 };
}

/** The Web Crypto rows measured in Chromium, or why there are none. */
async function chromiumRows(): Promise<Row[] | string> {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath}`;
  const dir = join(root, '.tmp', 'bench-webhooks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench', 'webhooks', 'page.ts')],
    outfile: join(dir, 'page.js'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
      '<script type="module" src="/page.js"></script>\n',
  );
  // 127.0.0.1 is a secure context, so the page has crypto.subtle.
  const server = await servePage(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 120_000 });
    const outcome = await page.evaluate(() => window.__bench);
    if (!outcome || 'error' in outcome) throw new Error(`The page failed: ${outcome?.error}`);
    return outcome.rows;
  } finally {
    await browser.close();
    await server.close();
  }
}

function printTable(rows: Row[], skipped: string | undefined): void {
  const ops = (value: number) => Math.round(value).toLocaleString('en-US').padStart(9);
  console.log(
    `webhook verification, ${process.version}; 10th-percentile batch of ${BATCH} calls ` +
      '(in Chromium, batches of about 20 ms)',
  );
  console.log('body   build                 ours ops/s  bare ops/s   ratio  target');
  for (const row of rows) {
    const ratio = row.ours / row.baseline;
    const verdict = ratio >= row.target ? 'ok' : 'BELOW';
    console.log(
      `${row.body.padEnd(6)} ${row.build.padEnd(20)} ${ops(row.ours)}   ${ops(row.baseline)}` +
        `   ${ratio.toFixed(2)}x  ${row.target}x ${verdict}`,
    );
  }
  if (skipped) console.log(`Chromium rows skipped: ${skipped}.`);
}

const rows: Row[] = [];
for (const [label, size] of SIZES) {
  const payload = body(size);
  rows.push(await nodeRow(label, payload));
  rows.push(await webRow(label, 'web in Node', await deliveryOf(payload)));
}
const browserRows = await chromiumRows();
if (typeof browserRows !== 'string') rows.push(...browserRows);
printTable(rows, typeof browserRows === 'string' ? browserRows : undefined);
