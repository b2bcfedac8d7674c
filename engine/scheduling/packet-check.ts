/**
 * The delay estimate set against a packet-level simulation (packet-sim.ts) at the same weights, flow
 * by flow, as the NF scheduling paper's Fig. 2 sets it against delays measured on BESS. The estimate
 * is the one the controller sees (controller.ts observe): theta_t from the rate LP's rates at these
 * weights, so both sides describe the offered load, not the design rates.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../highs/load.js';
import { delayCoefficients, flowDelays, taskThetas } from './delay.js';
import { buildDesign } from './design.js';
import type { SwitchModel } from './model.js';
import { DEFAULT_WARM_UP, simulatePackets, type ArrivalProcess, type DelayStatistics, type FlowMeasurement } from './packet-sim.js';
import { ratesAtWeights } from './rates.js';
import { byName, finiteOrNull } from './result.js';

export interface PacketCheckOptions {
  readonly packets: number;
  readonly seed?: number;
  readonly arrivals?: ArrivalProcess;
  readonly highs?: Highs;
}

export interface PacketCheckFlow extends FlowMeasurement {
  readonly name: string;
  readonly offered: number;
  /** The rate LP's rate at these weights, pps. */
  readonly rate: number;
  /** The delay estimate at these weights, s; null when unbounded. */
  readonly estimate: number | null;
  readonly delay: DelayStatistics | null;
}

export interface PacketCheck {
  readonly packets: number;
  readonly seed: number;
  readonly arrivals: ArrivalProcess;
  /** Share of the packets left out at the start. */
  readonly warmUp: number;
  readonly weights: Readonly<Record<string, number>>;
  /** Seconds of arrivals measured. */
  readonly window: number;
  readonly flows: readonly PacketCheckFlow[];
}

export const DEFAULT_SEED = 1;

export async function checkEstimate(model: SwitchModel, weights: readonly number[], options: PacketCheckOptions): Promise<PacketCheck> {
  const highs = options.highs ?? (await loadHighs());
  const seed = options.seed ?? DEFAULT_SEED;
  const arrivals = options.arrivals ?? 'poisson';
  const estimates = estimatedDelays(highs, model, weights);
  const measured = simulatePackets(model, weights, { packets: options.packets, seed, arrivals });
  return {
    packets: options.packets,
    seed,
    arrivals,
    warmUp: DEFAULT_WARM_UP,
    weights: byName(model.tasks, weights),
    window: measured.window,
    flows: model.flows.map((flow, f) => ({
      name: flow.name,
      offered: flow.offered,
      rate: estimates.rates[f],
      estimate: finiteOrNull(estimates.delays[f]),
      ...measured.flows[f],
    })),
  };
}

/** Rates from the rate LP at `weights` and the delay estimate with theta_t from them. */
export function estimatedDelays(highs: Highs, model: SwitchModel, weights: readonly number[]): { rates: number[]; delays: number[] } {
  const { structure, designRates } = buildDesign(model);
  const rates = ratesAtWeights(highs, model, structure, designRates, weights);
  const coefficients = delayCoefficients(model, structure, taskThetas(structure, rates));
  return { rates, delays: flowDelays(structure, coefficients, weights) };
}
