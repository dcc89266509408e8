import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname } from 'node:path';
import { getResponse } from 'msw';
import { createMock } from './create-mock';
import type { CreateMockOptions, Mock } from './create-mock';
import { newId } from './ids';
import { MAX_BODY_BYTES } from './request-body';
import { errorResponse } from './respond';
import { assertMockRuntime } from './runtime';
import type { ResponseContext } from './respond';
import { checkSnapshot } from './snapshot';
import {
  DebouncedWriter,
  readStateFile,
  removeStaleTemporaryFiles,
  writeStateFile,
} from './state-file';

/** Options of `startMockServer`; every `createMock` option applies too. */
export interface MockServerOptions extends Omit<CreateMockOptions, 'baseUrl'> {
  /** Port to listen on; 0 picks a free one. @default 4010 */
  port?: number;
  /** Interface to listen on. Loopback by default so nothing outside this machine can reach it. @default '127.0.0.1' */
  host?: string;
  /**
   * JSON file that keeps the world across restarts: loaded on start, written
   * atomically shortly after each change and on close.
   */
  stateFile?: string;
  /**
   * Called when writing the state file fails after start (a full disk, a
   * directory removed): changes since the last good write are not saved
   * until a later write succeeds. @default a process warning (`process.emitWarning`)
   */
  onStateError?: (error: Error) => void;
}

/** A running standalone mock. */
export interface MockServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** A ready API key for this world. */
  apiKey: string;
  /** The world behind the server, for faults, the clock and the store. */
  mock: Mock;
  /** Stops listening, writes the state file one last time and stops all timers. */
  close(): Promise<void>;
}

/**
 * Serves the mock's own MSW handlers over node:http, so a browser app, a
 * CLI or another language's SDK can use the same stateful mock. Rejects at
 * once on a Node.js older than 22.12, which msw 3 does not run on.
 * @example
 * const server = await startMockServer({ port: 0, seed: 'demo' });
 * const puchify = new Puchify({ apiKey: server.apiKey, baseUrl: server.url });
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // Before touching the state file: on a Node.js too old for msw, fail with that reason.
  assertMockRuntime();
  const { port = 4010, host = '127.0.0.1', stateFile, onStateError, ...mockOptions } = options;

  // 1. The world, restored from the state file when there is one. The file is
  //    written once before listening, so a path that cannot be written fails
  //    here rather than silently losing every change later.
  //    Temporary files a killed writer left beside it go first.
  if (stateFile !== undefined) await removeStaleTemporaryFiles(stateFile);
  const saved = stateFile === undefined ? undefined : await loadState(stateFile);
  const mock = createMock({ ...mockOptions, ...(saved === undefined ? {} : { state: saved }) });
  let writer: DebouncedWriter | undefined;
  if (stateFile !== undefined) {
    const write = () => writeStateFile(stateFile, mock.snapshot());
    await write().catch((error: unknown) => {
      mock.close();
      throw stateFileError(
        `Cannot write the state file ${stateFile}`,
        error,
        `Check that the directory ${dirname(stateFile)} exists and is writable.`,
      );
    });
    const report = onStateError ?? ((error: Error) => process.emitWarning(error));
    writer = new DebouncedWriter(write, 200, (error) =>
      report(
        stateFileError(
          `Writing the state file ${stateFile} failed`,
          error,
          'Changes since the last good write are not saved; the next change tries again.',
        ),
      ),
    );
    mock.onChange(() => writer?.schedule());
  }

  // 2. The HTTP server.
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    void serve(mock, request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, port, host).catch((error: unknown) => {
    mock.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    apiKey: mock.apiKey,
    mock,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await writer?.flush();
      mock.close();
    },
  };
}

/** Reads and checks a state file; an unusable one is refused, naming it, and left as it is. */
async function loadState(path: string): Promise<unknown> {
  const saved = await readStateFile(path);
  if (saved === undefined) return undefined;
  try {
    checkSnapshot(saved);
  } catch (error) {
    throw new Error(
      `The state file ${path} cannot be loaded. ${(error as Error).message} ` +
        'It was left as it is: move it aside or delete it to start afresh.',
    );
  }
  return saved;
}

/** A state file failure as sentences naming the file, the reason and what to do. */
function stateFileError(failed: string, error: unknown, advice: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'its directory does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission was denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (error as Error).message;
  return new Error(`${failed}: ${reason}. ${advice}`, { cause: error });
}

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

async function serve(mock: Mock, incoming: IncomingMessage, outgoing: ServerResponse) {
  if (hasDotSegment(incoming.url ?? '/')) {
    incoming.resume();
    return writeResponse(outgoing, dotSegmentAnswer(mock));
  }
  let request: Request;
  try {
    request = await toFetchRequest(mock.baseUrl, incoming);
  } catch {
    // HTTP allows what fetch's Request refuses (TRACE, TRACK, CONNECT): the API
    // answers those as requests it does not serve, not as its own failure.
    incoming.resume();
    return writeResponse(outgoing, unservable(mock, incoming));
  }
  try {
    const response = (await getResponse(mock.handlers, request)) ?? (await mock.fetch(request));
    await writeResponse(outgoing, response, incoming);
  } catch {
    // The mock's own pipeline never throws; this is a socket that went away.
    if (!outgoing.headersSent) outgoing.writeHead(500).end();
    else outgoing.destroy();
  }
}

/**
 * Builds a fetch Request under the mock's base URL. A body over the limit is
 * not carried: the request keeps its method and every header (so its
 * credentials too) and declares a Content-Length past the limit, which the
 * pipeline answers with 413 whatever the method.
 */
async function toFetchRequest(baseUrl: string, incoming: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
  }
  const method = incoming.method ?? 'GET';
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const body = await readLimited(incoming);
    if (body === undefined) {
      headers.delete('transfer-encoding');
      headers.set('content-length', String(MAX_BODY_BYTES + 1));
    } else if (body.length > 0) {
      init.body = new Uint8Array(body) as Uint8Array<ArrayBuffer>;
    }
  }
  return new Request(`${baseUrl}${incoming.url ?? '/'}`, init);
}

/**
 * Reads the body, keeping at most MAX_BODY_BYTES so a huge upload cannot fill
 * memory. The rest is read and dropped rather than left unread: breaking off
 * would destroy the socket, and the client would see a reset instead of 413.
 */
async function readLimited(incoming: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

// "." and "..", percent-encoded or not, and "\" which URLs read as "/".
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Says whether a request target holds a dot segment. The URL parser would
 * resolve it, so /servers/%2e%2e/api-keys would reach /api-keys: a path
 * that names one route must never be served by another.
 */
function hasDotSegment(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  return path.split(/[/\\]/).some((segment) => DOT_SEGMENT.test(segment));
}

function dotSegmentAnswer(mock: Mock): Response {
  return errorResponse(
    outsideContext(mock),
    400,
    'invalid_request',
    'The path has a "." or ".." segment (perhaps percent-encoded), which the API does not ' +
      'resolve. Send the path without dot segments.',
  );
}

/** Response facts for an answer given before the pipeline (no caller, no rate limit). */
const outsideContext = (mock: Mock): ResponseContext => ({
  requestId: newId('req_', 20),
  nowMs: mock.clock.now(),
  rate: undefined,
  meta: { persistence: 'synced', provider: 'connected' },
  origin: null,
});

/** The error envelope for a request no fetch Request can carry into the pipeline. */
function unservable(mock: Mock, incoming: IncomingMessage): Response {
  const method = incoming.method ?? '';
  const isMethod = /^(CONNECT|TRACE|TRACK)$/i.test(method);
  const context = outsideContext(mock);
  return isMethod
    ? errorResponse(context, 405, 'method_not_allowed', `${method} is not allowed on any path.`)
    : errorResponse(
        context,
        400,
        'invalid_request',
        'The request line or headers cannot be read. Check the path and header values.',
      );
}

async function writeResponse(
  outgoing: ServerResponse,
  response: Response,
  incoming?: IncomingMessage,
): Promise<void> {
  // Response.error() is how a fault asks for a dropped connection.
  if (response.type === 'error') {
    outgoing.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  outgoing.writeHead(response.status, headers);
  if (response.body === null) {
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  // A client that hangs up on an SSE tail must stop the stream behind it.
  incoming?.once('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    outgoing.write(value);
  }
  outgoing.end();
}
