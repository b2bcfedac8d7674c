/**
 * Lookups that cannot miss by construction (a switch a service's hop names was lowered with it; a
 * task counted in a pass over the same tasks). Instead of a silent `!`, a miss is a clear error of
 * the engine, which the solve worker reports as a failed solve rather than a crash.
 */
export function present<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`internal error: ${what} is missing`);
  return value;
}

/** The value of `key`, created with `make` and stored on first use. */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
