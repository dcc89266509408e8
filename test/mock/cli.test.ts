import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('puchify-mock', () => {
  it('prints its URL and key, serves requests and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/mock/cli.ts', '--port', '0', '--api-key', 'pk_test_cli0123456789'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    while (!output.includes('API key:')) {
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
      if (child.exitCode !== null) throw new Error(`puchify-mock exited: ${output}`);
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain('API key: pk_test_cli0123456789');
    const response = await fetch(`${url}/api/v1/servers`, {
      headers: { authorization: 'Bearer pk_test_cli0123456789' },
    });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it.each(['x', '1e3', '0x10', '65536', ''])(
    'refuses --port %j with the usage text',
    async (port) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/mock/cli.ts', '--port', port],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let errors = '';
      child.stderr.on('data', (chunk) => (errors += chunk));
      const [code] = await once(child, 'exit');
      expect(code).toBe(2);
      expect(errors).toContain(`--port takes a number from 0 to 65535; received ${port}.`);
    },
  );

  it('names --port as the way out when the port is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/mock/cli.ts', '--port', String(port)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let errors = '';
      child.stderr.on('data', (chunk) => (errors += chunk));
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(errors).toBe(
        `puchify-mock failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${port}. ` +
          'Pass --port with another number, or --port 0 for any free one.\n',
      );
    } finally {
      holder.close();
    }
  });
});
