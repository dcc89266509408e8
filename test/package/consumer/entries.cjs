// Requires every entry point of the installed package as CommonJS and prints, as JSON, the
// file each one resolved to and the names it exports.
const entries = ['puchify', 'puchify/webhooks', 'puchify/mock', 'puchify/mock/server'];
const report = { node: process.version, entries: {} };
for (const specifier of entries) {
  try {
    const exported = require(specifier);
    report.entries[specifier] = {
      resolved: require.resolve(specifier),
      exports: Object.keys(exported)
        .filter((name) => name !== '__esModule')
        .sort(),
    };
  } catch (error) {
    report.entries[specifier] = { error: String(error?.stack ?? error) };
  }
}
process.stdout.write(JSON.stringify(report));
