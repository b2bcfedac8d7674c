/** Loads the HiGHS WebAssembly module once per thread. */
import highsPackage, { type Highs } from 'highs';

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
