/** Loads the HiGHS WebAssembly module once per thread. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import highsPackage, { type Highs, type InitOptions } from 'highs';

// highs types its CommonJS build (module.exports = { default: loader }), but under ESM Node loads
// highs.mjs whose default export is the loader itself; bundlers may give either shape.
type Loader = typeof highsPackage.default;
const highsLoader: Loader = typeof highsPackage === 'function' ? (highsPackage as unknown as Loader) : highsPackage.default;

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

/** Drop the cached module, e.g. after HiGHS aborted: the next `loadHighs()` creates a fresh one. */
export function resetHighs(): void {
  loading = undefined;
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
  compiling ??= readFile(createRequire(import.meta.url).resolve('highs/runtime')).then((bytes) => compiler.compile(bytes));
  return compiling;
}

/** A new HiGHS instance on this thread from a module compiled elsewhere. */
export function instantiateHighs(wasmModule: HighsWasmModule): Promise<Highs> {
  return highsLoader({ wasmModule });
}
