import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin', 'puchify-mock');

/** Starts the linked command, returns its banner, then stops it with SIGTERM. */
function runUntilBanner(): Promise<{ banner: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let served = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`No banner within 15 s; output so far: ${output}`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\S+)/.exec(output)?.[1];
      if (url && output.includes('API key:') && !served) {
        served = true;
        // One request proves it serves; SIGTERM follows the answer.
        void fetch(`${url}/api/v1/servers`).then(
          (response) => {
            output += `\n[GET /api/v1/servers without a key: ${response.status}]`;
            child.kill('SIGTERM');
          },
          (error: unknown) => reject(error),
        );
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => {
      if (signal) output += `\n[signal ${signal}]`;
      clearTimeout(timer);
      resolve({ banner: output, exitCode });
    });
  });
}

describe('npx puchify-mock in a clone', () => {
  it('links the command to the source launcher on install', () => {
    expect(readlinkSync(bin)).toBe(join('..', '..', 'scripts', 'puchify-mock-dev.mjs'));
  });

  it('starts the mock on loopback, prints a key, answers and exits 0 on SIGTERM', async () => {
    const { banner, exitCode } = await runUntilBanner();
    expect(banner).toMatch(/^Puchify mock listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(banner).toMatch(/^API key: pk_\w+$/m);
    expect(banner).toContain('[GET /api/v1/servers without a key: 401]');
    expect(exitCode).toBe(0);
  });
});

describe('puchify-mock signal handling', () => {
  it('shuts down cleanly on a SIGTERM sent the moment the banner appears', async () => {
    const child = spawn(bin, ['--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('API key:')) child.kill('SIGTERM');
    });
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (code, sig) => resolve([code, sig])),
    );
    expect({ exitCode, signal }).toEqual({ exitCode: 0, signal: null });
    expect(output).toContain('Received SIGTERM; shutting down.');
  });
});
