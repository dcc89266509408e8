import { describe, expect, it } from 'vitest';
import type { ZodEnum } from 'zod';
import * as zod from '../../src/generated/zod';
import {
  errorCodes,
  errorStatus,
  eventTypes,
  idPrefixes,
  lifecycles,
  waitStates,
} from '../../src/generated/lifecycle';

function statusEnum(schema: string): readonly string[] {
  const z = (zod as unknown as Record<string, ZodEnum | undefined>)[`z${schema}Status`];
  if (!z) throw new Error(`src/generated/zod has no z${schema}Status.`);
  return z.options as readonly string[];
}

describe('generated lifecycles', () => {
  it('cover the six provisioned resources with their operational state', () => {
    const operational = Object.fromEntries(
      Object.entries(lifecycles).map(([name, l]) => [name, l.operational]),
    );
    expect(operational).toEqual({
      databases: 'available',
      gpuServers: 'running',
      kubernetesClusters: 'healthy',
      loadBalancers: 'running',
      servers: 'running',
      vpnGateways: 'active',
    });
  });

  for (const [name, lifecycle] of Object.entries(lifecycles)) {
    it(`${name}: every state it names is in the ${lifecycle.schema}Status enum`, () => {
      const statuses = statusEnum(lifecycle.schema);
      const named: string[] = [lifecycle.operational, lifecycle.creating, ...lifecycle.failures];
      for (const action of Object.values(lifecycle.actions) as {
        from: readonly string[];
        to: string;
        via?: string;
      }[]) {
        named.push(...action.from, action.to, ...(action.via ? [action.via] : []));
      }
      const del = lifecycle.delete as {
        from: readonly string[];
        idempotentFrom: readonly string[];
        to: string;
        then: string;
        via?: string;
      };
      named.push(
        ...del.from,
        ...del.idempotentFrom,
        del.to,
        del.then,
        ...(del.via ? [del.via] : []),
      );
      expect(named.filter((state) => !statuses.includes(state))).toEqual([]);
      expect(lifecycle.failures).not.toContain(lifecycle.operational);
    });
  }

  it('make DELETE idempotent on every deletion step and nowhere it still acts', () => {
    for (const [name, { delete: del }] of Object.entries(lifecycles)) {
      const steps = ['via' in del ? del.via : undefined, del.to, del.then].filter(Boolean);
      expect([...del.idempotentFrom].sort(), name).toEqual([...steps].sort());
      const noop: readonly string[] = del.idempotentFrom;
      expect(
        del.from.filter((state) => noop.includes(state)),
        name,
      ).toEqual([]);
    }
  });

  it('slice each lifecycle into the wait states the client reads, and nothing else', () => {
    expect(Object.keys(waitStates)).toEqual(Object.keys(lifecycles));
    for (const [name, full] of Object.entries(lifecycles)) {
      const del = full.delete as { via?: string; to: string; then?: string };
      expect(waitStates[name as keyof typeof waitStates], name).toEqual({
        operational: full.operational,
        failures: full.failures,
        deletion: [...(del.via ? [del.via] : []), del.to, del.then],
      });
    }
    expect(waitStates.vpnGateways.deletion).toEqual(['deleting', 'deleted', 'destroyed']);
  });

  it('name id prefixes that match the id pattern of their schema', () => {
    for (const [schema, prefix] of Object.entries(idPrefixes)) {
      const z = (zod as unknown as Record<string, any>)[`z${schema}`];
      const id = z._zod.def.shape?.id ?? z._zod.def.left?._zod.def.shape.id;
      expect(id.safeParse(`${prefix}abc123`).success, schema).toBe(true);
      expect(id.safeParse('zzz_abc123').success, schema).toBe(false);
    }
  });

  it('list the same error codes as the ErrorCode enum, each with its HTTP status', () => {
    expect([...errorCodes]).toEqual(zod.zErrorCode.options);
    expect(errorStatus.server_not_found).toBe(404);
    expect(errorStatus.invalid_state_transition).toBe(409);
    expect(errorStatus.quota_exceeded).toBe(422);
    expect(errorStatus.provider_unavailable).toBe(503);
    expect(Object.keys(errorStatus)).toEqual([...errorCodes]);
  });

  it('list every documented webhook event type and no server.deleted', () => {
    expect(eventTypes).toEqual(
      expect.arrayContaining([
        'server.created',
        'server.updated',
        'server.destroyed',
        'server.running',
        'server.stopped',
        'server.failed',
        'backup.restore_completed',
        'incident.acknowledged',
        'alert.triggered',
        'data.created',
        'data.updated',
        'data.destroyed',
        'job.queued',
        'usage.overage',
      ]),
    );
    expect(eventTypes).not.toContain('server.deleted');
  });
});
