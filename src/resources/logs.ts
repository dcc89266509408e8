import type { ListEnvelope, Open, QueryOf, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import { PuchifyError } from '../core/errors';
import type { Paginator } from '../core/pagination';
import { ApiResource, type ListOptions } from '../core/resource';
import { readEventStream } from '../core/sse';
import type { Transport } from '../core/transport';

/** One log line; `level` and `resource_kind` accept values added to the API later. */
export type LogEntry = Open<
  Schemas['LogEntry'],
  { level: Schemas['LogLevel']; resource_kind: Schemas['ResourceKind'] }
>;
/** Query of `logs.list()`. */
export type LogListParams = QueryOf<'listLogs'>;
/** Query of `logs.tail()`. */
export type LogTailParams = QueryOf<'tailLogs'>;

/** Options of `logs.tail()`. */
export interface LogTailOptions extends RequestOptions {
  /** Resume after this entry id, e.g. the last one seen before a disconnect. */
  lastEventId?: string | undefined;
}

/** `puchify.logs`: search collected logs, or follow new ones live. */
export class Logs extends ApiResource {
  constructor(transport: Transport) {
    super(transport, '/api/v1/logs');
  }

  /** Searches log entries; up to 1000 per page. */
  list(query?: LogListParams, options?: ListOptions): Paginator<ListEnvelope<LogEntry>, LogEntry> {
    return this.listAt<LogEntry>(this.basePath, query, options);
  }

  /**
   * Follows new entries as they are written. The connection opens on the first
   * iteration and closes when the loop ends, or when `signal` aborts (the loop then
   * throws RequestAbortedError); `timeout` bounds only the opening.
   * @example for await (const entry of client.logs.tail({ level: 'error' })) console.log(entry.message)
   */
  // Limitation: a dropped connection (a ConnectionError) or a stream the server closes
  // (a quiet end) ends the loop instead of reconnecting; resume by calling tail() again
  // with lastEventId set to the last entry's id.
  async *tail(
    query?: LogTailParams,
    options: LogTailOptions = {},
  ): AsyncGenerator<LogEntry, void, undefined> {
    const { lastEventId, ...requestOptions } = options;
    // Checked here, as fetch would refuse a CR, LF or non-Latin-1 character only once
    // under way, and quote the value in its error.
    if (lastEventId !== undefined && !/^[\x20-\x7e]*$/.test(lastEventId)) {
      throw new TypeError('The lastEventId option takes printable ASCII, as entry ids are.');
    }
    const path = `${this.basePath}/tail`;
    const stream = await this.openStream(path, query, requestOptions, lastEventId);
    for await (const event of readEventStream(stream, requestOptions.signal)) {
      if (event.event !== 'log') continue;
      yield parseEntry(event.data, path);
    }
  }
}

function parseEntry(data: string, path: string): LogEntry {
  let entry: unknown;
  try {
    entry = JSON.parse(data);
  } catch {
    entry = undefined;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new PuchifyError(
      `GET ${path} sent a log event whose data is not a JSON object; the stream is ` +
        'closed. Call tail() again to resume.',
    );
  }
  return entry as LogEntry;
}
