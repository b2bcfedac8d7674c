/**
 * The discrete-time simulator of §V: each period computes the flow rates at the current weights with
 * the rate LP, theta_t and the delays from those rates, lambda_t from queue pressure, records a row,
 * and lets the controller (controller.ts) choose the next period's weights.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../highs/load.js';
import { controlStep, observe } from './controller.js';
import { buildDesign, commonSlack, type Design } from './design.js';
import type { SwitchModel } from './model.js';
import { optimalWeights } from './optimal-weights.js';
import { equalShareWeights, type Pins } from './pins.js';
import { ratesAtWeights } from './rates.js';
import { byName, finiteOrNull, type Simulation, type SimulationRow } from './result.js';

export interface SimulateOptions {
  /** Control periods to run; default: the switch's `controller { periods }`. */
  readonly periods?: number;
  /**
   * The controller's slack target sigma (see controller.ts): 'optimal' (default) steers to the
   * optimiser's s* when that is positive, else 0; with 0 it stops at the first weights that meet
   * every SLO, like the paper's controller.
   */
  readonly slackTarget?: 'optimal' | number;
  readonly highs?: Highs;
}

export async function simulateSwitch(model: SwitchModel, options: SimulateOptions = {}): Promise<Simulation> {
  const highs = options.highs ?? (await loadHighs());
  const design = buildDesign(model);
  // The controller never moves a weight written in the source, even when all of them are written.
  const pins = model.tasks.map((t) => t.fixedWeight);
  const optimum = optimalWeights(highs, design, pins);
  const target = options.slackTarget ?? 'optimal';
  const slackTarget = target !== 'optimal' ? target : Number.isFinite(optimum.slack) && optimum.slack > 0 ? optimum.slack : 0;
  const rows = [...controlPeriods(highs, design, pins, slackTarget, options.periods ?? model.controller.periods)];
  const firstCompliant = rows.findIndex((row) => row.compliant);
  return {
    name: model.name,
    rows,
    slackTarget,
    optimalSlack: finiteOrNull(optimum.slack),
    firstCompliantPeriod: firstCompliant < 0 ? null : firstCompliant,
  };
}

/**
 * The periods one by one, lazily, so a caller can time or stop them: each yields the state at the
 * weights in force, and resuming lets the controller pick the next weights.
 */
export function* controlPeriods(highs: Highs, design: Design, pins: Pins, slackTarget: number, periods: number): Generator<SimulationRow> {
  const { model } = design;
  // Algorithm 1 starts from equal shares, w_t[1] = 1/|S_i|.
  let weights = equalShareWeights(model, design.structure, pins);
  for (let period = 0; period < periods; period++) {
    const rates = ratesAtWeights(highs, model, design.structure, design.designRates, weights);
    const state = observe(design, weights, rates, model.controller, slackTarget);
    yield {
      period,
      weights: byName(model.tasks, weights),
      rates: byName(model.flows, rates),
      delays: byName(model.flows, state.delays.map(finiteOrNull)),
      lambda: byName(model.tasks, state.lambda),
      slack: finiteOrNull(commonSlack(design, weights)),
      compliant: state.compliant,
    };
    weights = controlStep(design, pins, state, weights, model.controller, slackTarget);
  }
}
