import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { BANNER, ROOT, SPEC_PATH } from './paths';

/** Renders `types.ts`: the `paths`, `components`, `operations` and `webhooks` types. */
export async function emitTypes(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(join(ROOT, SPEC_PATH)), {
    // Defaults in this spec sit on request fields the server fills in when they are
    // omitted; typing them as required would force callers to send them.
    defaultNonNullable: false,
  });
  return `${BANNER}\n\n${astToString(ast)}`;
}
