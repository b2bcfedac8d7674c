// Runs `langium generate` on Node 20, which lacks Object.groupBy (used by chevrotain 13).
// (language/polyfills.ts does the same at run time; it is not built yet when this runs.)
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = (items, key) => {
    const groups = Object.create(null);
    let index = 0;
    for (const item of items) (groups[key(item, index++)] ??= []).push(item);
    return groups;
  };
}
process.argv.splice(2, 0, 'generate');
await import(new URL('../node_modules/langium-cli/bin/langium.js', import.meta.url).href);
