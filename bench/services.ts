/**
 * Services benchmark: the joint optimisation of 10 generated switches (40 modules, 6 tasks, 3 workers,
 * 6 flows each) connected by 20 services of 3 hops each on a ring of 10 nodes, against solving the
 * same 10 switches alone. Every service crosses three different switches, each by a flow no other
 * service uses; its delay SLO is 5% above its end-to-end delay at the switches' own optima, so the
 * joint problem is feasible and the service rows bind. The hop flows keep the generator's loads
 * (the language would make them equal; the optimiser sees only the switches' design loads, and the
 * service's offered load, its first hop's, only caps its reported rates). Medians of repeated runs
 * after a warm-up.
 */
import { loadHighs } from '../engine/highs/load.js';
import type { Topology } from '../engine/placement/model.js';
import { generatePipeline } from '../engine/scheduling/generate.js';
import { solveNetwork } from '../engine/scheduling/joint.js';
import type { ServiceModel, SwitchModel } from '../engine/scheduling/model.js';
import { solveSwitch } from '../engine/scheduling/solve.js';
import { fmt, medianMs } from './timing.js';

const SWITCHES = 10;
const SERVICES = 20;
const HOPS = 3;
const RUNS = 5;
/** One-way latency of each ring link, seconds. */
const LINK = 0.1e-3;

/** Nodes n0..n9 in a ring; switch k stands on node k. */
const ring: Topology = {
  name: 'Ring',
  nodes: Array.from({ length: SWITCHES }, (_, i) => ({ name: `n${i}`, accelerator: false })),
  links: Array.from({ length: SWITCHES }, (_, i) => ({ a: i, b: (i + 1) % SWITCHES, latency: LINK })),
};

/** Service j crosses switch (j + 3h) mod 10 by flow j div 10 + 2h: all (switch, flow) pairs differ. */
const hopsOf = (j: number) => Array.from({ length: HOPS }, (_, h) => ({ switch: (j + 3 * h) % SWITCHES, flow: Math.floor(j / SWITCHES) + 2 * h }));

function generatedSwitches(): SwitchModel[] {
  return Array.from({ length: SWITCHES }, (_, k) => ({
    ...generatePipeline({ modules: 40, tasks: 6, workers: 3, flows: 6, seed: 100 + k, delaySloFactor: [1, 2] }),
    name: `S${k}`,
  }));
}

export async function benchServices(print: (line: string) => void): Promise<void> {
  const highs = await loadHighs();
  const switches = generatedSwitches();
  const alone = await Promise.all(switches.map((model) => solveSwitch(model, { highs })));
  const services: ServiceModel[] = Array.from({ length: SERVICES }, (_, j) => {
    const hops = hopsOf(j).map((hop) => ({ switch: switches[hop.switch].name, flow: switches[hop.switch].flows[hop.flow].name, node: hop.switch }));
    const first = hopsOf(j)[0];
    return { name: `V${j}`, topology: ring, from: j % SWITCHES, to: (j + 5) % SWITCHES, hops, offered: switches[first.switch].flows[first.flow].offered };
  });
  // The end-to-end delay at the switches' own optima, to set each SLO 5% above it.
  const atAlone = await solveNetwork({ switches, services: services.map((s) => ({ ...s, delaySlo: 1e6 })) }, { highs });
  const aloneDelay = (j: number) => atAlone.services[j].propagation + hopsOf(j).reduce((sum, hop) => sum + alone[hop.switch].flows[hop.flow].delay!, 0);
  const network = { switches, services: services.map((s, j) => ({ ...s, delaySlo: 1.05 * aloneDelay(j) })) };

  const warmUp = performance.now();
  while (performance.now() - warmUp < 2000) await solveNetwork(network, { highs });
  const jointMs = await medianMs(RUNS, () => solveNetwork(network, { highs }));
  const aloneMs = await medianMs(RUNS, () => Promise.all(switches.map((model) => solveSwitch(model, { highs }))));
  const solved = await solveNetwork(network, { highs });
  const { optimum } = solved.services[0];
  const feasible = solved.services.filter((s) => s.status === 'feasible').length;
  print(
    `services joint (${SWITCHES} switches × 40 modules, ${SERVICES} services × ${HOPS} hops): ${fmt(jointMs)} ms median of ${RUNS} ` +
      `(${optimum.iterations} LP solves, s* = ${optimum.slack?.toFixed(4)}, ${feasible}/${SERVICES} services feasible); ` +
      `the ${SWITCHES} switches alone ${fmt(aloneMs)} ms; joint/alone x${(jointMs / aloneMs).toFixed(1)}`,
  );
}
