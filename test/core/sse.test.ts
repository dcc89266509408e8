import { describe, expect, it } from 'vitest';
import { ConnectionError, RequestAbortedError } from '../../src/core/errors';
import { parseEventStream, readEventStream, type ServerSentEvent } from '../../src/core/sse';
import type { OpenStream } from '../../src/core/transport';

async function parse(...chunks: string[]): Promise<ServerSentEvent[]> {
  async function* source() {
    yield* chunks;
  }
  const out: ServerSentEvent[] = [];
  for await (const event of parseEventStream(source())) out.push(event);
  return out;
}

describe('parseEventStream', () => {
  it('reads events with data, event and id fields, skipping retry', async () => {
    const events = await parse('event: log\nid: 7\nretry: 3000\ndata: {"a":1}\n\n');
    expect(events).toEqual([{ event: 'log', data: '{"a":1}', id: '7' }]);
  });

  it('joins multi-line data with newlines and defaults the event to message', async () => {
    expect(await parse('data: one\ndata: two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('handles CRLF and CR line ends, also when split across chunks', async () => {
    const events = await parse('data: a\r', '\n\r', '\ndata: b\rdata: c\r\r');
    expect(events.map((e) => e.data)).toEqual(['a', 'b\nc']);
  });

  it('reassembles an event spread over many chunks', async () => {
    const events = await parse('da', 'ta: hel', 'lo\n', '\n');
    expect(events.map((e) => e.data)).toEqual(['hello']);
  });

  it('skips comments and events without data', async () => {
    const events = await parse(': keep-alive\n\nevent: ping\n\ndata: x\n\n');
    expect(events.map((e) => e.data)).toEqual(['x']);
  });

  it('keeps the last id for later events', async () => {
    const events = await parse('id: 1\ndata: a\n\ndata: b\n\n');
    expect(events.map((e) => e.id)).toEqual(['1', '1']);
  });

  it('drops an event cut off before its blank line', async () => {
    expect((await parse('data: a\n\ndata: partial')).map((e) => e.data)).toEqual(['a']);
  });
});

/** An open stream fed by hand, recording whether it was closed. */
function manualStream(signal?: AbortSignal) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      cancelled = true;
    },
  });
  let closed = 0;
  const stream: OpenStream = {
    response: new Response(null),
    body,
    close: () => {
      closed += 1;
    },
    // Like the transport's: the call's signal decides between abort and drop.
    errorFor: (thrown) =>
      signal?.aborted
        ? new RequestAbortedError('GET', '/x', signal.reason)
        : new ConnectionError('GET', '/x', thrown),
  };
  return {
    stream,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    fail: (error: Error) => controller.error(error),
    end: () => controller.close(),
    get closed() {
      return closed;
    },
    get cancelled() {
      return cancelled;
    },
  };
}

describe('readEventStream', () => {
  it('closes the connection when the loop breaks', async () => {
    const manual = manualStream();
    manual.push('data: 1\n\ndata: 2\n\n');
    const seen: string[] = [];
    for await (const event of readEventStream(manual.stream, undefined)) {
      seen.push(event.data);
      break;
    }
    expect(seen).toEqual(['1']);
    expect(manual.closed).toBe(1);
    expect(manual.cancelled).toBe(true);
  });

  it('ends with RequestAbortedError and closes when the signal aborts mid-wait', async () => {
    const controller = new AbortController();
    const manual = manualStream(controller.signal);
    manual.push('data: 1\n\n');
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of readEventStream(manual.stream, controller.signal)) {
        seen.push(event.data);
        // The next chunk never comes; only the abort can end the wait.
        setTimeout(() => controller.abort(), 0);
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(RequestAbortedError);
    expect(seen).toEqual(['1']);
    expect(manual.closed).toBe(1);
  });

  it('ends with the ConnectionError of the stream when the body errors mid-way', async () => {
    const manual = manualStream();
    const dropped = new TypeError('terminated');
    manual.push('data: 1\n\n');
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of readEventStream(manual.stream, undefined)) {
        seen.push(event.data);
        manual.fail(dropped);
      }
    })();
    const error = await loop.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBe(dropped);
    expect(seen).toEqual(['1']);
    expect(manual.closed).toBe(1);
  });

  it('ends quietly when the server closes the stream', async () => {
    const manual = manualStream();
    manual.push('data: 1\n\n');
    manual.end();
    const seen: string[] = [];
    for await (const event of readEventStream(manual.stream, undefined)) seen.push(event.data);
    expect(seen).toEqual(['1']);
    expect(manual.closed).toBe(1);
  });
});
