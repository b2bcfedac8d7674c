/** Loads the HiGHS WebAssembly module once per thread. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import highsPackage, { type Highs, type InitOptions } from 'highs';

// highs types its CommonJS build (module.exports = { default: loader }), but under ESM Node loads
// highs.mjs whose default export is the loader itself; bundlers may give either shape.
type Loader = typeof highsPackage.default;
const highsLoader: Loader = typeof highsPackage === 'function' ? highsPackage : highsPackage.default;

let loading: Promise<Highs> | undefined;
/** Set in worker threads whose parent compiled the module (see `useCompiledHighs`). */
let compiledByParent: HighsWasmModule | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader(compiledByParent === undefined ? undefined : { wasmModule: compiledByParent });
  return loading;
}

/** Drop the cached module, e.g. after HiGHS aborted: the next `loadHighs()` creates a fresh one. */
export function resetHighs(): void {
  loading = undefined;
}

/**
 * Makes `loadHighs()` on this thread instantiate a module compiled by another thread instead of
 * compiling its own: a replacement worker then starts with the code V8 already optimised.
 */
export function useCompiledHighs(wasmModule: HighsWasmModule): void {
  compiledByParent = wasmModule;
  loading = undefined;
}

/** Bytes of WebAssembly memory held by this thread's HiGHS instance; 0 if none is loaded. */
export async function loadedHighsMemoryBytes(): Promise<number> {
  return loading === undefined
    ? 0
    : loading.then(
        (highs) => highs.memoryBytes,
        () => 0,
      );
}

/** A compiled HiGHS WebAssembly module (the global WebAssembly types are not in this project's lib). */
export type HighsWasmModule = NonNullable<InitOptions['wasmModule']>;

interface WebAssemblyCompiler {
  compile(bytes: Uint8Array): Promise<HighsWasmModule>;
}

let compiling: Promise<HighsWasmModule> | undefined;

/**
 * The HiGHS WebAssembly module compiled once per process, to hand to worker threads
 * (a compiled module can be posted to a worker; compiling it again costs time in every worker).
 */
export function compileHighsModule(): Promise<HighsWasmModule> {
  const compiler = (globalThis as unknown as { WebAssembly: WebAssemblyCompiler }).WebAssembly;
  compiling ??= readFile(wasmPath()).then((bytes) => compiler.compile(bytes));
  return compiling;
}

/**
 * highs.wasm: from the installed package, or beside this file when it runs bundled without
 * node_modules (the bundle script copies it there, where the bundled highs loader looks too).
 */
function wasmPath(): string {
  const besideThisFile = fileURLToPath(new URL('highs.wasm', import.meta.url));
  return existsSync(besideThisFile) ? besideThisFile : createRequire(import.meta.url).resolve('highs/runtime');
}
