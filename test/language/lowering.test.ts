/** Lowering of every example to engine models; expected SI values are read off the example files by hand. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerScenario, type LoweredScenario } from '../../language/lowering.js';
import { loweringContext } from '../../language/lowering-context.js';
import { buildWorkspace, createServices, exampleFiles, lowered as lowerDocument, validate } from './helpers.js';

const examplesDir = join(import.meta.dirname, '../../examples');
const lowered = new Map<string, LoweredScenario>();

beforeAll(async () => {
  const { scenarios, otherFiles } = exampleFiles();
  const services = createServices(otherFiles);
  const documents = await buildWorkspace(services, scenarios);
  for (const [file, document] of documents) lowered.set(file, lowerDocument(document, services));
});

/** Relative closeness: unit conversion may leave the last bit different (1.2 * 1e-3). */
const close = (actual: number | undefined, expected: number) => expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));

describe('lowering', () => {
  it('metro-placement: topology in seconds, defaults filled in', () => {
    const [minAifs, balanced, baseline] = lowered.get('metro-placement.nsc')!.placements.map((p) => p.model);
    expect(minAifs.topology.kind).toBe('explicit');
    if (minAifs.topology.kind !== 'explicit') return;
    const topology = minAifs.topology.topology;
    expect(topology.nodes).toHaveLength(15);
    expect(topology.links).toHaveLength(15);
    expect(topology.nodes.filter((n) => n.accelerator).map((n) => n.name)).toEqual(['agg1', 'agg3', 'acc2', 'acc6']);
    const names = topology.nodes.map((n) => n.name);
    const first = topology.links[0];
    expect([names[first.a], names[first.b]]).toEqual(['app1', 'core1']);
    close(first.latency, 0.0012);
    close(topology.links[14].latency, 0.0005); // agg4 -- acc8 latency 0.5 ms
    expect(topology.nodes[3]).toEqual({ name: 'agg1', tier: 'aggregation', accelerator: true });
    expect(minAifs.curve.points.map((p) => p.k)).toEqual([1, 2, 3, 4, 6, 8, 10, 12]);
    expect(minAifs.curve.points[0].time).toBe(1.2);
    expect(minAifs).toMatchObject({
      rounds: 5,
      target: 1.6,
      acceleration: 0.5,
      maxAccelerators: 3,
      exchange: 'round-trip',
      objective: { kind: 'min-aifs' },
      minAifs: 2,
      excluded: [],
    });
    expect(minAifs.serverCandidates).toBeUndefined();
    expect(minAifs.maxLatency).toBeUndefined();
    expect(balanced.objective).toEqual({ kind: 'balanced', aifWeight: 1, spreadWeight: 1000 });
    expect(baseline).toMatchObject({ rounds: 10, target: 1.6, acceleration: 0.5, objective: { kind: 'baseline' } });
    expect(baseline.maxAccelerators).toBeUndefined();
  });

  it('edge-site: GHz, Mpps and us to SI; tasks rooted; from..to flows expanded to their unique path', () => {
    const [edge] = lowered.get('edge-site.nsc')!.switches.map((s) => s.model);
    expect(edge.workers).toEqual([
      { name: 'w0', speed: 2.4e9 },
      { name: 'w1', speed: 2.4e9 },
    ]);
    expect([edge.batch, edge.queue]).toEqual([32, 64]);
    expect(edge.modules.map((m) => m.cost)).toEqual([60, 180, 240, 300, 900, 220, 60, 60]);
    const moduleNames = (indices: readonly number[]) => indices.map((i) => edge.modules[i].name);
    expect(edge.tasks.map((t) => [t.name, t.worker, moduleNames(t.modules)])).toEqual([
      ['ingress', 0, ['rx', 'parse', 'classify']],
      ['voice', 1, ['voice_qos', 'gtp_encap', 'tx_voice']],
      ['bulk', 1, ['bulk_nat', 'tx_bulk']],
    ]);
    expect(moduleNames(edge.flows[0].path)).toEqual(['rx', 'parse', 'classify', 'voice_qos', 'gtp_encap', 'tx_voice']);
    expect(moduleNames(edge.flows[1].path)).toEqual(['rx', 'parse', 'classify', 'bulk_nat', 'tx_bulk']);
    close(edge.flows[0].offered, 0.8e6);
    close(edge.flows[0].rateSlo, 0.8e6);
    close(edge.flows[0].delaySlo, 150e-6);
    close(edge.flows[1].delaySlo, 2e-3);
    expect(edge.edges).toHaveLength(7);
    expect(edge.controller).toEqual({ alpha: 1, step: 0.025, tries: 5, periods: 50, tolerance: 0.01 });
  });

  it('fork-fixed-weights: fractions become exact fixed weights', () => {
    const [equal, skewed] = lowered.get('fork-fixed-weights.nsc')!.switches.map((s) => s.model);
    expect(equal.tasks.map((t) => t.fixedWeight)).toEqual([1, 0.5, 0.5]);
    expect(skewed.tasks.map((t) => t.fixedWeight)).toEqual([1, 4 / 5, 1 / 5]);
    expect(equal.flows[0].rateSlo).toBe(1 / 3);
    expect(equal.flows.map((f) => [f.offered, f.delaySlo])).toEqual([
      [1, 5],
      [1, 6],
    ]);
  });

  it('paper-fork: no fixed weights, f2 from nic1 to out2 is nic1 -> m2 -> out2', () => {
    const [fork] = lowered.get('paper-fork.nsc')!.switches.map((s) => s.model);
    expect(fork.tasks.every((t) => t.fixedWeight === undefined)).toBe(true);
    expect(fork.flows[1].path.map((i) => fork.modules[i].name)).toEqual(['nic1', 'm2', 'out2']);
    expect(fork.workers.map((w) => w.speed)).toEqual([1, 1]);
  });

  it("metro-services: hop flows without offered take the service's; services name their nodes and hops", () => {
    const scenario = lowered.get('metro-services.nsc')!;
    const [access, core] = scenario.switches.map((s) => s.model);
    // voice_ul states no offered load: VoiceUplink's 0.8 Mpps; bulk_ul states 1 Mpps.
    expect(access.flows.map((f) => f.offered)).toEqual([0.8e6, 1e6]);
    expect(core.flows.map((f) => f.offered)).toEqual([0.8e6, 1e6]);
    expect(scenario.crossedSwitches).toEqual([]); // both switches are declared in the file
    const [voice, bulk] = scenario.services.map((s) => s.model);
    const names = voice.topology.nodes.map((n) => n.name);
    expect(voice.topology.name).toBe('Metro');
    expect([names[voice.from], names[voice.to]]).toEqual(['acc1', 'app1']);
    expect(voice.hops.map((h) => [h.switch, h.flow, names[h.node]])).toEqual([
      ['AccessUpf', 'voice_ul', 'agg1'],
      ['CoreUpf', 'voice_ul', 'core1'],
    ]);
    expect(voice).toMatchObject({ offered: 0.8e6, rateSlo: 0.8e6 });
    close(voice.delaySlo, 2.18e-3);
    // BulkUplink states no offered load: its hop flows' 1 Mpps; no rate SLO.
    expect(bulk).toMatchObject({ offered: 1e6, rateSlo: undefined });
    expect(scenario.units.services).toEqual({ VoiceUplink: { delay: 'ms', rate: 'Mpps' }, BulkUplink: { delay: 'ms', rate: undefined } });
  });

  it('a service in one file lowers the switches of another file it crosses; a flow there takes its load from the service', async () => {
    const services = createServices();
    const documents = await buildWorkspace(services, {
      'metro.nsc': readFileSync(join(examplesDir, 'metro-placement.nsc'), 'utf8'),
      'edge.nsc': 'switch Edge at Metro.agg1 {\n  worker w speed 1 GHz\n  module m cost 100 cycles\n  task t on w { m }\n  flow voice m\n}\n',
      'chain.nsc': 'service Chain {\n  from Metro.acc1 to Metro.app1\n  via Edge.voice\n  offered 2 kpps\n  delay <= 5 ms\n}\n',
    });
    for (const document of documents.values()) expect(document.diagnostics).toEqual([]);
    const chain = lowerDocument(documents.get('chain.nsc')!, services);
    expect(chain.switches).toEqual([]);
    expect(chain.crossedSwitches.map((s) => s.model.name)).toEqual(['Edge']);
    expect(chain.crossedSwitches[0].model.flows[0].offered).toBe(2000);
    const [service] = chain.services.map((s) => s.model);
    expect(service.hops).toEqual([{ switch: 'Edge', flow: 'voice', node: service.topology.nodes.findIndex((n) => n.name === 'agg1') }]);
    // The switch's own file lowers it alone, with the service's load too.
    expect(lowerDocument(documents.get('edge.nsc')!, services).switches[0].model.flows[0].offered).toBe(2000);
  });

  it('mandala-study: generator spec with defaults and the sweep axes', () => {
    const scenario = lowered.get('mandala-study.nsc')!;
    const [study] = scenario.studies.map((s) => s.model);
    const topology = study.base.topology;
    expect(topology.kind).toBe('mandala');
    if (topology.kind !== 'mandala') return;
    expect(topology.spec).toMatchObject({ name: 'Mandala', access: 24, acceleratorShare: 0.3, seed: 7 });
    close(topology.spec.diameter, 0.012);
    close(topology.spec.accessAggregation.min, 0.05e-3);
    close(topology.spec.coreApplication.max, 0.6e-3);
    expect(study.rounds).toEqual([1, 5, 10, 15]);
    expect(study.targets).toEqual([2, 1.6, 1.2]);
    expect(study.objectives).toEqual([{ kind: 'baseline' }, { kind: 'min-aifs' }, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 }]);
    expect(study).toMatchObject({ instances: 15, seed: 42, acceleratorShare: { min: 0.1, max: 0.6 } });
    expect(study.base).toMatchObject({ rounds: 10, target: 2, maxAccelerators: 8 });
  });
});

describe('lowering a file with errors', () => {
  it('a cycle in a dataflow is a problem of the switch, not an endless walk along the cycle (fuzz)', async () => {
    // a -> b -> a is a cycle; the path of f from a to c once walked a, b, a, b, ... until memory ran out.
    const text =
      'switch S {\n  worker w speed 1 Hz\n  module a cost 1 cycles\n  module b cost 1 cycles\n  module c cost 1 cycles\n  a -> b\n  b -> a\n  b -> c\n  task t on w { a, b, c }\n  flow f from a to c offered 1 pps\n}';
    const { document, services } = await validate(text);
    const lowering = lowerScenario(document.parseResult.value, loweringContext(services));
    expect(lowering.ok).toBe(false);
    if (lowering.ok) return;
    expect(lowering.problems.map((p) => p.message)).toEqual(['the dataflow of S has a cycle: a -> b -> a']);
  });

  it('a delay or rate SLO whose number did not parse lowers without its unit (fuzz)', async () => {
    // '-Infinity' is no number: the parser recovers with SLO clauses that have no quantity, which
    // reading the SLOs' units once took for granted (a TypeError out of lowerScenario).
    const text = 'switch S {\n  worker w speed 1 Hz\n  module a cost 1 cycles\n  task t on w { a }\n  flow f a offered 1 pps rate >= -Infinity pps delay <= -Infinity s\n}';
    const { document, services } = await validate(text);
    expect(document.parseResult.lexerErrors.length).toBeGreaterThan(0);
    const lowering = lowerScenario(document.parseResult.value, loweringContext(services));
    expect(lowering.ok && lowering.scenario.units.flows).toEqual({ 'S/f': { delay: undefined, rate: undefined } });
  });
});
