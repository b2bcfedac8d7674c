// Bundles the extension for VS Code: the client as CommonJS (what VS Code 1.96 loads) and the
// language server as one ES module (Langium is ESM-only), both with no runtime node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['server/main.ts'],
    outfile: 'dist/server.mjs',
    format: 'esm',
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import { createRequire as __nscCreateRequire } from 'node:module'; const require = __nscCreateRequire(import.meta.url);" },
  }),
]);
