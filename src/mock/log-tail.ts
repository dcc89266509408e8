import type { components } from '../generated/types';
import { MockApiError } from './api-error';
import type { OperationInput, OperationOutput } from './pipeline';

type LogEntry = components['schemas']['LogEntry'];

/** Interval of `: keep-alive` comments on an open tail. */
export const KEEP_ALIVE_MS = 15_000;

const encoder = new TextEncoder();

const frame = (entry: LogEntry): Uint8Array =>
  encoder.encode(`event: log\nid: ${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);

/**
 * `GET /logs/tail`: a `text/event-stream` that sends every new log entry
 * matching the filters as it is written, until the client hangs up. With
 * `Last-Event-ID` it first replays the stored entries after that one.
 */
export function tailLogs({ world, query, request }: OperationInput): OperationOutput {
  const lastEventId = request.headers.get('last-event-id');
  if (lastEventId !== null && !/^log_[A-Za-z0-9]+$/.test(lastEventId)) {
    throw new MockApiError(422, 'validation_failed', 'Last-Event-ID is not a log entry id.', [
      { field: 'Last-Event-ID', message: 'Expected an id such as log_8d7c6b.' },
    ]);
  }
  const matches = (entry: LogEntry): boolean =>
    (query['resource_id'] === undefined || entry.resource_id === query['resource_id']) &&
    (query['resource_kind'] === undefined || entry.resource_kind === query['resource_kind']) &&
    (query['level'] === undefined || entry.level === query['level']);

  let cleanup = (): void => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(': connected\n\n'));
      if (lastEventId !== null) {
        let isAfter = false;
        for (const entry of world.store.logs.values()) {
          if (isAfter && matches(entry)) controller.enqueue(frame(entry));
          if (entry.id === lastEventId) isAfter = true;
        }
      }
      const unsubscribe = world.onLog((entry) => {
        if (matches(entry)) controller.enqueue(frame(entry));
      });
      const keepAlive = setInterval(
        () => controller.enqueue(encoder.encode(': keep-alive\n\n')),
        KEEP_ALIVE_MS,
      );
      (keepAlive as { unref?: () => void }).unref?.();
      const untrack = world.trackStream(() => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      });
      cleanup = () => {
        unsubscribe();
        clearInterval(keepAlive);
        untrack();
      };
      request.signal?.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return { stream, contentType: 'text/event-stream' };
}
