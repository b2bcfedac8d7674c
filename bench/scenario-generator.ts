/**
 * Generates large, valid scenarios for benchmarks: blocks of an explicit topology with a placement,
 * and switches with chained modules, tasks and flows, until the requested number of lines.
 */
export function generateScenario(targetLines: number): string {
  const lines: string[] = [];
  for (let block = 0; lines.length < targetLines; block++) {
    lines.push(...topologyBlock(block, 60), ...switchBlock(block));
  }
  return lines.join('\n') + '\n';
}

/** One topology of `nodes` nodes with its placement, and one 40-module switch placed on it. */
export function generateSite(nodes: number): string {
  return [...topologyBlock(0, nodes), ...switchBlock(0)].join('\n') + '\n';
}

function topologyBlock(block: number, nodes: number): string[] {
  const lines = [`// block ${block}`, `topology Net${block} {`];
  for (let i = 0; i < nodes; i++) lines.push(`  node n${i} tier ${i < 4 ? 'core' : 'access'}${i % 5 === 0 ? ' accelerator' : ''}`);
  for (let i = 1; i < nodes; i++) lines.push(`  link n${i < 4 ? 0 : i % 4} -- n${i} latency ${0.1 + (i % 9) / 10} ms`);
  lines.push('}', `curve Curve${block} {`, '  1 -> 1.2 s', '  2 -> 0.7 s', '  4 -> 0.38 s', '  8 -> 0.21 s', '}');
  lines.push(`placement Place${block} {`, `  topology Net${block}`, `  curve Curve${block}`, '  rounds 5', '  target 1.6 s', '  accelerators max 3', '}');
  return lines;
}

function switchBlock(block: number): string[] {
  const modules = 40;
  const lines = [`switch Sw${block} at Net${block}.n1 {`, '  worker w0 speed 2.4 GHz', '  worker w1 speed 2.4 GHz', '  batch 32', '  queue 64'];
  for (let i = 0; i < modules; i++) lines.push(`  module m${i} cost ${50 + ((i * 37) % 400)} cycles`);
  // Two branches after a shared ingress of 10 modules.
  lines.push(`  ${Array.from({ length: 10 }, (_, i) => `m${i}`).join(' -> ')}`);
  lines.push(`  m9 -> ${Array.from({ length: 15 }, (_, i) => `m${10 + i}`).join(' -> ')}`);
  lines.push(`  m9 -> ${Array.from({ length: 15 }, (_, i) => `m${25 + i}`).join(' -> ')}`);
  lines.push(`  task ingress on w0 { ${Array.from({ length: 10 }, (_, i) => `m${i}`).join(', ')} }`);
  lines.push(`  task left on w1 { ${Array.from({ length: 15 }, (_, i) => `m${10 + i}`).join(', ')} }`);
  lines.push(`  task right on w1 { ${Array.from({ length: 15 }, (_, i) => `m${25 + i}`).join(', ')} }`);
  lines.push('  flow f1 from m0 to m24 offered 0.2 Mpps rate >= 0.1 Mpps delay <= 2 ms');
  lines.push('  flow f2 from m0 to m39 offered 0.1 Mpps delay <= 5 ms');
  lines.push('}');
  return lines;
}
