import { lifecycles } from '../generated/lifecycle';
import type { LifecycleResource } from '../generated/lifecycle';
import { MockApiError, notFound } from './api-error';
import { newId } from './ids';
import { listPage } from './list-query';
import type { ResourceRecord } from './mock-store';
import type { OperationInput, OperationOutput } from './pipeline';
import { RESOURCE_KINDS, updatableFields } from './resource-kinds';
import type { MockWorld } from './world';

type Run = (input: OperationInput) => OperationOutput;
type Body = Record<string, unknown>;

interface ActionRule {
  readonly from: readonly string[];
  readonly via?: string;
  readonly to: string;
}

interface LifecycleSpec {
  readonly schema: string;
  readonly idPrefix: string;
  readonly notFoundCode: string;
  readonly eventPrefix: string;
  readonly operational: string;
  readonly creating: string;
  readonly actions: Readonly<Record<string, ActionRule>>;
  readonly delete: ActionRule & {
    readonly then: string;
    /** States a delete leaves as they are, answering 202: DELETE is idempotent. */
    readonly idempotentFrom: readonly string[];
  };
}

const GONE = new Set(['deleted', 'destroyed', 'deleting']);

/**
 * Builds list, create, get, update, delete and every action of every
 * lifecycle resource from the generated lifecycle table, so a state or
 * action added to the spec reaches the mock without a handler of its own.
 */
export function lifecycleOperations(): Record<string, Run> {
  const runs: Record<string, Run> = {};
  for (const name of Object.keys(lifecycles) as LifecycleResource[]) {
    const spec = lifecycles[name] as unknown as LifecycleSpec;
    const schema = spec.schema;
    runs[`list${schema}s`] = ({ world, query }) =>
      listPage(world.store.resource(name), query, {
        isHiddenByDefault: (record) => record.status === 'deleted' || record.status === 'destroyed',
      });
    runs[`create${schema}`] = ({ world, body }) => create(world, name, spec, body as Body);
    runs[`get${schema}`] = ({ world, path }) => ({
      status: 200,
      data: find(world, name, spec, path['id'] as string),
    });
    runs[`update${schema}`] = ({ world, path, body }) =>
      update(world, name, spec, path['id'] as string, body as Body);
    runs[`delete${schema}`] = ({ world, path }) => remove(world, name, spec, path['id'] as string);
    for (const [action, rule] of Object.entries(spec.actions)) {
      runs[`${action}${schema}`] = ({ world, path, body }) =>
        act(world, name, spec, path['id'] as string, action, rule, (body ?? {}) as Body);
    }
  }
  return runs;
}

function find(world: MockWorld, name: LifecycleResource, spec: LifecycleSpec, id: string) {
  const record = world.store.resource(name).get(id);
  if (!record) throw notFound(spec.notFoundCode, RESOURCE_KINDS[name].noun, id);
  return record;
}

function create(
  world: MockWorld,
  name: LifecycleResource,
  spec: LifecycleSpec,
  body: Body,
): OperationOutput {
  const now = world.isoNow();
  const kind = RESOURCE_KINDS[name];
  const record: ResourceRecord = {
    id: newId(spec.idPrefix),
    name: body['name'] as string,
    status: spec.creating,
    region: body['region'] as string,
    ...kind.build(body),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  world.store.resource(name).insert(record);
  world.recordEvent(`${spec.eventPrefix}.created`, record.id, record);
  world.log(record, kind.resourceKind, 'info', `${kind.noun} ${record.name} is being provisioned.`);

  const fails = world.settings.failProvisioning(name, body);
  later(world, name, record.id, spec.creating, world.settings.timings.provisionMs, (current) =>
    fails ? { status: 'failed' } : { status: spec.operational, ...kind.whenOperational(current) },
  );
  return { status: 201, data: record };
}

function update(
  world: MockWorld,
  name: LifecycleResource,
  spec: LifecycleSpec,
  id: string,
  body: Body,
): OperationOutput {
  const record = find(world, name, spec, id);
  if (GONE.has(record.status)) {
    throw conflict(RESOURCE_KINDS[name].noun, id, record.status, 'updated');
  }
  const next = { ...record, ...updatableFields(body), updated_at: world.isoNow() };
  world.store.resource(name).replace(next);
  world.recordEvent(`${spec.eventPrefix}.updated`, id, next);
  return { status: 200, data: next };
}

function remove(
  world: MockWorld,
  name: LifecycleResource,
  spec: LifecycleSpec,
  id: string,
): OperationOutput {
  const record = find(world, name, spec, id);
  const rule = spec.delete;
  // A retried DELETE whose first answer was lost finds the resource on its way
  // out: it gets the resource as it is, with no second event or timer.
  if (rule.idempotentFrom.includes(record.status)) return { status: 202, data: record };
  if (!rule.from.includes(record.status)) {
    throw conflict(RESOURCE_KINDS[name].noun, id, record.status, 'deleted');
  }
  const { destroyMs, transitionMs } = world.settings.timings;
  const toDeleted = (from: string) =>
    later(world, name, id, from, destroyMs, () => ({ status: rule.then }));
  if (rule.via) {
    const next = transition(world, name, spec, record, { status: rule.via });
    later(world, name, id, rule.via, transitionMs, () => ({
      status: rule.to,
      deleted_at: world.isoNow(),
    }));
    // The destroy timer starts once the resource reaches `deleted`.
    world.clock.schedule(() => toDeleted(rule.to), transitionMs);
    return { status: 202, data: next };
  }
  const next = transition(world, name, spec, record, {
    status: rule.to,
    deleted_at: world.isoNow(),
  });
  toDeleted(rule.to);
  return { status: 202, data: next };
}

function act(
  world: MockWorld,
  name: LifecycleResource,
  spec: LifecycleSpec,
  id: string,
  action: string,
  rule: ActionRule,
  body: Body,
): OperationOutput {
  const record = find(world, name, spec, id);
  const kind = RESOURCE_KINDS[name];
  if (!rule.from.includes(record.status)) {
    throw actionConflict(kind.noun, id, record.status, action, rule.from);
  }
  const changes = kind.applyAction?.(action, record, body, world.isoNow()) ?? {};
  if (rule.via) {
    const next = transition(world, name, spec, record, { status: rule.via });
    later(world, name, id, rule.via, world.settings.timings.transitionMs, (current) => ({
      status: rule.to,
      ...kind.applyAction?.(action, current, body, world.isoNow()),
    }));
    return { status: 202, data: next };
  }
  const next = transition(world, name, spec, record, { status: rule.to, ...changes });
  return { status: 202, data: next };
}

/**
 * Applies a change now: stores it, and records the state-change event and a
 * log line when the status moved (a restart from running to running does not).
 */
function transition(
  world: MockWorld,
  name: LifecycleResource,
  spec: LifecycleSpec,
  record: ResourceRecord,
  changes: Record<string, unknown>,
): ResourceRecord {
  const next: ResourceRecord = { ...record, ...changes, updated_at: world.isoNow() };
  world.store.resource(name).replace(next);
  if (next.status !== record.status) {
    world.recordEvent(`${spec.eventPrefix}.${next.status}`, next.id, next);
    const level = next.status === 'failed' ? 'error' : 'info';
    world.log(next, RESOURCE_KINDS[name].resourceKind, level, `Status changed to ${next.status}.`, {
      from: record.status,
      to: next.status,
    });
  } else {
    world.changed();
  }
  return next;
}

/**
 * Schedules a change on the world's clock. It applies only if the record is
 * still in `expected` then: a server deleted while `creating` must not come
 * back as `running` when its provisioning timer fires.
 */
function later(
  world: MockWorld,
  name: LifecycleResource,
  id: string,
  expected: string,
  delayMs: number,
  changes: (current: ResourceRecord) => Record<string, unknown>,
): void {
  world.clock.schedule(() => {
    const current = world.store.resource(name).get(id);
    if (!current || current.status !== expected) return;
    const spec = lifecycles[name] as unknown as LifecycleSpec;
    transition(world, name, spec, current, changes(current));
  }, delayMs);
}

/** 409 for an update or delete; `verb` is a past participle ("updated", "deleted"). */
function conflict(noun: string, id: string, status: string, verb: string): MockApiError {
  return new MockApiError(
    409,
    'invalid_state_transition',
    `${noun} ${id} is ${status} and cannot be ${verb} now.`,
  );
}

/**
 * 409 for an action. Actions come from the spec by name (start, backup,
 * scale, ...), so the message names the action rather than conjugating it:
 * no rule turns every such name into a correct past tense.
 */
function actionConflict(
  noun: string,
  id: string,
  status: string,
  action: string,
  allowed: readonly string[],
): MockApiError {
  return new MockApiError(
    409,
    'invalid_state_transition',
    `${noun} ${id} is ${status}; the ${action} action is allowed only from: ` +
      `${allowed.join(', ')}.`,
  );
}

/**
 * Schedules the pending step of every resource caught mid-way when a world
 * is restored from a snapshot, since timers do not survive a restart.
 */
export function resumeLifecycles(world: MockWorld): void {
  const { provisionMs, transitionMs, destroyMs } = world.settings.timings;
  for (const name of Object.keys(lifecycles) as LifecycleResource[]) {
    const spec = lifecycles[name] as unknown as LifecycleSpec;
    const kind = RESOURCE_KINDS[name];
    const vias = new Map<string, string>();
    for (const rule of Object.values(spec.actions)) if (rule.via) vias.set(rule.via, rule.to);
    for (const record of world.store.resource(name).values()) {
      if (record.status === spec.creating) {
        later(world, name, record.id, spec.creating, provisionMs, (current) => ({
          status: spec.operational,
          ...kind.whenOperational(current),
        }));
      } else if (record.status === spec.delete.via) {
        later(world, name, record.id, record.status, transitionMs, () => ({
          status: spec.delete.to,
          deleted_at: world.isoNow(),
        }));
      } else if (record.status === spec.delete.to) {
        later(world, name, record.id, record.status, destroyMs, () => ({
          status: spec.delete.then,
        }));
      } else if (vias.has(record.status)) {
        const to = vias.get(record.status) as string;
        later(world, name, record.id, record.status, transitionMs, () => ({ status: to }));
      }
    }
  }
}
