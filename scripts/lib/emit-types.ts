import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { BANNER, ROOT, SPEC_PATH } from './paths';

/** Renders `types.ts`: the `paths`, `components`, `operations` and `webhooks` types. */
export async function emitTypes(): Promise<string> {
  const ast = await openapiTS(pathToFileURL(join(ROOT, SPEC_PATH)));
  return `${BANNER}\n\n${astToString(ast)}`;
}
