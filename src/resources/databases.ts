import type { CrudTypesOf, Envelope, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type DatabaseTypes = CrudTypesOf<'Database', 'Databases'>;

/** A database as the API returns it; `status` accepts values added to the API later. */
export type Database = DatabaseTypes['item'];
/** Known statuses of a database. */
export type DatabaseStatus = Schemas['DatabaseStatus'];
/** Body of `databases.create()`. */
export type DatabaseCreateParams = DatabaseTypes['create'];
/** Body of `databases.update()`. */
export type DatabaseUpdateParams = DatabaseTypes['update'];
/** Query of `databases.list()`. */
export type DatabaseListParams = DatabaseTypes['listQuery'];

/** `puchify.databases`: managed databases, `available` when operational. */
export class Databases extends LifecycleResource<DatabaseTypes, OperationalStatuses['databases']> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/databases', waitStates.databases);
  }

  /** Starts a stopped database; it moves to `available`. */
  start(id: string, options?: RequestOptions): Promise<Envelope<Database>> {
    return this.action(id, 'start', undefined, options);
  }

  /** Stops an available database; it moves to `stopped`. */
  stop(id: string, options?: RequestOptions): Promise<Envelope<Database>> {
    return this.action(id, 'stop', undefined, options);
  }

  /** Starts a backup; the database is `backing_up`, then `available` again. */
  backup(id: string, options?: RequestOptions): Promise<Envelope<Database>> {
    return this.action(id, 'backup', undefined, options);
  }
}
