// Imports every entry point of the installed package as an ES module and prints, as JSON,
// the file each one resolved to and the names it exports.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entries = ['puchify', 'puchify/webhooks', 'puchify/mock', 'puchify/mock/server'];
const report = { node: process.version, entries: {} };
for (const specifier of entries) {
  try {
    const namespace = await import(specifier);
    report.entries[specifier] = {
      resolved: fileURLToPath(import.meta.resolve(specifier)),
      exports: Object.keys(namespace)
        .filter((name) => name !== 'default')
        .sort(),
    };
  } catch (error) {
    report.entries[specifier] = { error: String(error?.stack ?? error) };
  }
}
// The client's runtime dependency must come from the consumer's own install.
const client = fileURLToPath(import.meta.resolve('puchify'));
report.dependency = createRequire(client).resolve('openapi-fetch');
process.stdout.write(JSON.stringify(report));
