/** Loads the HiGHS WebAssembly module once per thread. */
import highsLoader, { type Highs } from 'highs';

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

/** Drop the cached module, e.g. after HiGHS aborted: the next `loadHighs()` creates a fresh one. */
export function resetHighs(): void {
  loading = undefined;
}
