/** A three-node slice of the metro example for editor-feature tests: a topology and a curve. */
export const METRO = `topology Metro {
  node core1 tier core
  node agg1  tier aggregation accelerator
  node acc1  tier access
  link core1 -- agg1 latency 150 us
  link agg1  -- acc1 latency 80 us
}
curve Lstm { 1 -> 1.8 s  2 -> 1.1 s }
`;
