import type { OpenStream } from './transport';

/** One event of a `text/event-stream`, as the SSE format defines it. */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
  /** The last `id:` seen on the stream, if any. */
  id: string | undefined;
}

// Limitation: `retry:` fields are skipped, since nothing reconnects on its own yet
// (logs.tail ends on a drop); a reconnecting reader would need them back.

/**
 * Splits a text/event-stream body into events. Handles CR, LF and CRLF line ends
 * split across chunks, comments, and events spread over many chunks.
 */
export async function* parseEventStream(
  chunks: AsyncIterable<string>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const parser = new EventParser();
  for await (const chunk of chunks) {
    yield* parser.push(chunk);
  }
  // An event cut off before its blank line is dropped, as the format requires.
  yield* parser.push('', true);
}

/**
 * Iterates the events of an open stream. Breaking out of the loop or aborting
 * `signal` (the call's own) closes the connection; the stream's `errorFor` then
 * ends the loop with RequestAbortedError, and a connection dropped mid-way with
 * ConnectionError.
 */
export async function* readEventStream(
  stream: OpenStream,
  signal: AbortSignal | undefined,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>;
  const reader = stream.body.pipeThrough(decoder).getReader();
  // A hand-built or proxied body may not see the request's signal; cancelling the
  // reader ends a pending read either way.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    yield* parseEventStream(readChunks(reader));
    // A cancelled reader ends like a closed stream; only the signal tells them apart.
    if (signal?.aborted) throw signal.reason;
  } catch (error) {
    throw stream.errorFor(error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stream.close();
    await reader.cancel().catch(() => undefined);
  }
}

async function* readChunks(reader: ReadableStreamDefaultReader<string>): AsyncGenerator<string> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

class EventParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;

  *push(chunk: string, isEnd = false): Generator<ServerSentEvent> {
    this.#buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) return;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1 && !isEnd) return;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) yield event;
    }
  }

  #line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.#dispatch();
    // The field runs to the first colon, the value after it loses one leading space;
    // a comment line (": ...") has the empty field name, which matches none below.
    const [, field, value = ''] = /^([^:]*)(?:: ?(.*))?$/s.exec(line) as RegExpExecArray;
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return undefined;
  }

  #dispatch(): ServerSentEvent | undefined {
    const hasData = this.#data.length > 0;
    const event: ServerSentEvent = {
      event: this.#event || 'message',
      data: this.#data.join('\n'),
      id: this.#id,
    };
    this.#data = [];
    this.#event = '';
    // Per the SSE format, an event without data lines is not dispatched.
    return hasData ? event : undefined;
  }
}
