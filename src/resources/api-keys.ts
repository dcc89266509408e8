import type { CrudTypesOf, Schemas } from '../core/api-types';
import { CrudResource } from '../core/resource';
import type { Transport } from '../core/transport';

type ApiKeyTypes = CrudTypesOf<'ApiKey', 'ApiKeys', Schemas['ApiKeyCreated']>;

/** An API key as listed: only its `prefix`, never the secret. */
export type ApiKey = ApiKeyTypes['item'];
/** The answer of `apiKeys.create()`: the only time the full `secret` is shown. */
export type ApiKeyCreated = ApiKeyTypes['created'];
/** Known statuses of an API key. */
export type ApiKeyStatus = Schemas['ApiKeyStatus'];
/** Body of `apiKeys.create()`. */
export type ApiKeyCreateParams = ApiKeyTypes['create'];
/** Body of `apiKeys.update()`. */
export type ApiKeyUpdateParams = ApiKeyTypes['update'];
/** Query of `apiKeys.list()`. */
export type ApiKeyListParams = ApiKeyTypes['listQuery'];

/**
 * `puchify.apiKeys`: keys for this API. `create()` returns the secret once; store
 * it then. `delete()` revokes the key.
 */
export class ApiKeys extends CrudResource<ApiKeyTypes> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/api-keys');
  }
}
