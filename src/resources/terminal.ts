import type { BodyOf, Envelope, ListEnvelope, Open, QueryOf, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import type { Paginator } from '../core/pagination';
import { ApiResource, type ListOptions } from '../core/resource';
import type { Transport } from '../core/transport';

/** An interactive terminal session; connect to its `websocket_url`. */
export type TerminalSession = Open<
  Schemas['TerminalSession'],
  { status: Schemas['TerminalSessionStatus'] }
>;
/** Known statuses of a terminal session. */
export type TerminalSessionStatus = Schemas['TerminalSessionStatus'];
/** Body of `terminal.createSession()`. */
export type TerminalSessionCreateParams = BodyOf<'createTerminalSession'>;
/** Query of `terminal.listSessions()`. */
export type TerminalSessionListParams = QueryOf<'listTerminalSessions'>;

/** `puchify.terminal`: interactive shell sessions on servers. */
export class Terminal extends ApiResource {
  constructor(transport: Transport) {
    super(transport, '/api/v1/terminal/sessions');
  }

  /** Lists terminal sessions. */
  listSessions(
    query?: TerminalSessionListParams,
    options?: ListOptions,
  ): Paginator<ListEnvelope<TerminalSession>, TerminalSession> {
    return this.listAt<TerminalSession>(this.basePath, query, options);
  }

  /**
   * Opens a session on a server.
   * @example const { data } = await client.terminal.createSession({ server_id: 'svr_abc123' })
   */
  createSession(
    body: TerminalSessionCreateParams,
    options?: RequestOptions,
  ): Promise<Envelope<TerminalSession>> {
    return this.send('POST', this.basePath, { body, options });
  }

  /** Reads one session by id. */
  getSession(id: string, options?: RequestOptions): Promise<Envelope<TerminalSession>> {
    return this.send('GET', this.pathOf(id), { options });
  }

  /** Closes a session; resolves to it in its closed state. */
  deleteSession(id: string, options?: RequestOptions): Promise<Envelope<TerminalSession>> {
    return this.send('DELETE', this.pathOf(id), { options });
  }
}
