/**
 * Locates the compiled JavaScript of a worker script. A Worker needs JS, but tests run the
 * TypeScript sources through vitest: from `<root>/engine/x/y.ts` the worker is taken from the
 * compiled tree `<root>/out/engine/x/<file>.js` (`npx tsc -p .`; `npm test` builds first).
 * From the compiled tree it is simply the sibling file.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function compiledWorkerUrl(moduleUrl: string, jsFileName: string): URL {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return new URL(jsFileName, moduleUrl);
  const root = packageRoot(dirname(here));
  const compiled = join(root, 'out', relative(root, dirname(here)), jsFileName);
  if (!existsSync(compiled)) throw new Error(`worker script ${compiled} is missing: build with \`npx tsc -p .\` first`);
  return pathToFileURL(compiled);
}

function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
