import type { components, operations } from '../generated/types';

/** Every schema of the contract, by name. */
export type Schemas = components['schemas'];

/** The `meta` block of every answer. */
export type Meta = Schemas['Meta'];
/** The `meta` block of a list answer, with `next_cursor`. */
export type ListMeta = Schemas['ListMeta'];

/** What every single-resource call resolves to. */
export interface Envelope<T> {
  data: T;
  meta: Meta;
}

/** One page of a list. */
export interface ListEnvelope<T> {
  data: T[];
  meta: ListMeta;
}

/**
 * Widens enum fields the API may extend later (`status`, `level`, ...) to
 * `Known | (string & {})`: editors still suggest the known values, and a value
 * added to the API tomorrow is not a type error today.
 */
export type Open<T, Fields> = {
  [K in keyof T]: K extends keyof Fields ? Fields[K] | (string & {}) : T[K];
};

/** A resource whose status is known to be `S`, as `waitFor` returns it. */
export type WithStatus<T, S extends string> = T & { readonly status: S };

type OperationId = keyof operations;
type At<T, K> = K extends keyof T ? T[K] : never;

/** Query parameters of an operation, by operationId. */
export type QueryOf<Op extends OperationId> = operations[Op] extends {
  parameters: { query?: infer Q };
}
  ? Exclude<Q, undefined>
  : never;

/** JSON request body of an operation, by operationId. */
export type BodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * The types of one CRUD namespace, read off the contract by naming convention:
 * schema `Server`, `ServerStatus`; operations `listServers`, `createServer`,
 * `updateServer`. A name that does not exist in the contract yields `never`,
 * which fails the resource's own type tests.
 */
export interface CrudTypesOf<
  Name extends string,
  Plural extends string,
  Created = Schemas[Name & keyof Schemas],
> {
  item: Open<At<Schemas, Name>, { status: At<Schemas, `${Name}Status`> }>;
  created: Open<Created, { status: At<Schemas, `${Name}Status`> }>;
  status: At<Schemas, `${Name}Status`>;
  listQuery: QueryOf<`list${Plural}` & OperationId>;
  create: BodyOf<`create${Name}` & OperationId>;
  update: BodyOf<`update${Name}` & OperationId>;
}
