// Imports every entry point of the installed package as an ES module and prints, as JSON,
// the file each one resolved to and the names it exports.
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
process.stdout.write(JSON.stringify(report));
