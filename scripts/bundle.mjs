// Bundles the extension for VS Code: the client as CommonJS (what VS Code 1.96 loads); the
// language server and its solve worker as ES modules (Langium is ESM-only); HiGHS's WebAssembly
// beside them, where the bundled highs loader looks for it; the results page's renderer as one
// browser script with its stylesheet (the webview loads them, `nsc report` inlines them).
// No runtime node_modules. The bundles are what ships in the .vsix: minified, without source maps
// (they were two thirds of the package). keepNames keeps function and class names, so stack traces
// in the output channels stay readable and nothing that reads a constructor's name breaks. To debug,
// use the tsc output in out/ (with source maps), which the tests and the nsc command run.
// The language server and the `nsc` CLI (with the worker of `nsc study --jobs`) are also the npm
// package's bins, hence their #! lines.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { writeThirdPartyNotices } from './third-party-notices.mjs';

const common = { bundle: true, minify: true, keepNames: true, platform: 'node', target: 'node20', metafile: true, logLevel: 'warning' };
// Bundled CommonJS dependencies call require(); give the ES modules one.
const esm = {
  ...common,
  format: 'esm',
  banner: { js: "import { createRequire as __nscCreateRequire } from 'node:module'; const require = __nscCreateRequire(import.meta.url);" },
};

// The server's source has no #! line (cli/main.ts has one, which esbuild keeps above the banner).
const executable = { ...esm, banner: { js: `#!/usr/bin/env node\n${esm.banner.js}` } };

// A fresh dist/: no source maps or other leftovers of earlier builds end up in the package.
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/highs/build/highs.wasm', 'dist/highs.wasm');
copyFileSync('client/webview/style.css', 'dist/webview.css');
const results = await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] }),
  build({ ...executable, entryPoints: ['server/main.ts'], outfile: 'dist/server.mjs' }),
  build({ ...esm, entryPoints: ['cli/main.ts'], outfile: 'dist/nsc.mjs' }),
  build({ ...esm, entryPoints: ['engine/placement/study-worker.ts'], outfile: 'dist/study-worker.js' }),
  build({ ...esm, entryPoints: ['server/solve-worker.ts'], outfile: 'dist/solve-worker.js' }),
  // Self-contained: the report inlines this file and must not point anywhere else.
  build({
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  }),
]);
// highs.wasm is copied, not bundled: name its package explicitly.
writeThirdPartyNotices(
  'dist/third-party-notices.txt',
  results.map((r) => r.metafile),
  ['highs'],
);
