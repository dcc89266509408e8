import type { components } from '../generated/types';
import { MockApiError, notFound } from './api-error';
import { newId } from './ids';
import { listPage } from './list-query';
import type { OperationInput, OperationOutput } from './pipeline';

type Run = (input: OperationInput) => OperationOutput;
type Schemas = components['schemas'];

const eventSearchText = (event: Schemas['Event']): string =>
  `${event.type} ${event.resource_id ?? ''} ${JSON.stringify(event.data)}`.toLowerCase();

/** The read-only operations: events, usage, invoices and log search. */
export function readOperations(): Record<string, Run> {
  return {
    listEvents: ({ world, query }) =>
      listPage(world.store.events, query, {
        timeField: 'created_at',
        searchText: eventSearchText,
      }),
    getEvent: ({ world, path }) => {
      const event = world.store.events.get(path['id'] as string);
      if (!event) throw notFound('event_not_found', 'Event', path['id'] as string);
      return { status: 200, data: event };
    },
    listUsageRecords: ({ world, query }) => {
      const page = listPage(world.store.usageRecords, query, { timeField: 'period_start' });
      if (!('data' in page)) return page;
      return { ...page, data: { usage_records: page.data } };
    },
    getUsageSummary: ({ world }) => {
      const now = new Date(world.clock.now());
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      const totals = new Map<string, number>();
      for (const record of world.store.usageRecords.values()) {
        const at = Date.parse(record.period_start);
        if (at < start.getTime() || at >= end.getTime()) continue;
        totals.set(
          record.resource_kind,
          (totals.get(record.resource_kind) ?? 0) + record.amount_cents,
        );
      }
      const byKind = [...totals].map(([resource_kind, amount_cents]) => ({
        resource_kind,
        amount_cents,
      }));
      return {
        status: 200,
        data: {
          period_start: start.toISOString(),
          period_end: end.toISOString(),
          currency: 'USD',
          total_cents: byKind.reduce((sum, kind) => sum + kind.amount_cents, 0),
          by_resource_kind: byKind,
        },
      };
    },
    listInvoices: ({ world, query }) => listPage(world.store.invoices, query),
    listLogs: ({ world, query }) =>
      listPage(world.store.logs, query, {
        timeField: 'timestamp',
        searchText: (entry) => entry.message.toLowerCase(),
      }),
  };
}

/** Operations of terminal sessions. */
export function terminalOperations(): Record<string, Run> {
  const find = (world: OperationInput['world'], id: string) => {
    const session = world.store.terminalSessions.get(id);
    if (!session) throw notFound('terminal_session_not_found', 'Terminal session', id);
    return session;
  };
  return {
    listTerminalSessions: ({ world, query }) => listPage(world.store.terminalSessions, query),
    createTerminalSession: ({ world, body }) => {
      const input = body as Schemas['TerminalSessionCreate'];
      const server = world.store.servers.get(input.server_id);
      if (!server) throw notFound('server_not_found', 'Server', input.server_id);
      if (server.status !== 'running') {
        throw new MockApiError(
          409,
          'invalid_state_transition',
          `Server ${server.id} is ${server.status}; a terminal needs it running. Start it first.`,
        );
      }
      const id = newId('term_');
      const now = world.clock.now();
      const session: Schemas['TerminalSession'] = {
        id,
        server_id: server.id,
        status: 'active',
        width: input.width ?? 80,
        height: input.height ?? 24,
        // Limitation: the mock hands out the URL but serves no WebSocket; a
        // client can test session bookkeeping, not the interactive stream.
        websocket_url: `wss://${world.host}/api/v1/terminal/sessions/${id}/ws`,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + SESSION_TTL_MS).toISOString(),
        closed_at: null,
      };
      world.store.terminalSessions.insert(session);
      world.clock.schedule(() => {
        const current = world.store.terminalSessions.get(id);
        if (current?.status !== 'active') return;
        world.store.terminalSessions.replace({
          ...current,
          status: 'timeout',
          closed_at: world.isoNow(),
        });
        world.changed();
      }, SESSION_TTL_MS);
      world.changed();
      return { status: 201, data: session };
    },
    getTerminalSession: ({ world, path }) => ({
      status: 200,
      data: find(world, path['id'] as string),
    }),
    deleteTerminalSession: ({ world, path }) => {
      const session = find(world, path['id'] as string);
      if (session.status !== 'active') return { status: 202, data: session };
      const next = { ...session, status: 'closed', closed_at: world.isoNow() };
      world.store.terminalSessions.replace(next);
      world.changed();
      return { status: 202, data: next };
    },
  };
}

/** How long a terminal session lives before it times out: one hour. */
export const SESSION_TTL_MS = 60 * 60 * 1000;
