/**
 * The discrete-time simulator of §V: each period computes the flow rates at the current weights with
 * the rate LP, theta_t and the delays from those rates, lambda_t from queue pressure, records a row,
 * and lets the controller (controller.ts) choose the next period's weights.
 *
 * With a `traffic` block the load and SLOs change at given periods (traffic.ts): from then on the
 * rates, delays and compliance are those of the new load, and the controller carries on from the
 * weights it had, steering to the new load's s* (the paper's controller tracks "changes in input
 * packet rate and/or delay SLOs", §II). Each phase reports how long the SLOs took to hold again.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../highs/load.js';
import { achievableDelay, achievableRate } from './achievable.js';
import { controlStep, observe } from './controller.js';
import { buildDesign, commonSlack, type Design } from './design.js';
import type { SwitchModel } from './model.js';
import { optimalWeights } from './optimal-weights.js';
import { equalShareWeights, type Pins } from './pins.js';
import { ratesAtWeights } from './rates.js';
import { byName, finiteOrNull, type PhaseResult, type Simulation, type SimulationRow } from './result.js';
import { loadPhases, type LoadPhase } from './traffic.js';

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

/** What the controller works with while one load lasts. */
export interface PlannedPhase {
  readonly start: number;
  readonly design: Design;
  readonly slackTarget: number;
}

export async function simulateSwitch(model: SwitchModel, options: SimulateOptions = {}): Promise<Simulation> {
  const highs = options.highs ?? (await loadHighs());
  // The controller never moves a weight written in the source, even when all of them are written.
  const pins = model.tasks.map((t) => t.fixedWeight);
  const periods = options.periods ?? model.controller.periods;
  const target = options.slackTarget ?? 'optimal';
  const plan = loadPhases(model, periods).map((phase) => {
    const design = buildDesign(phase.model);
    const optimum = optimalWeights(highs, design, pins);
    const slackTarget = target !== 'optimal' ? target : Number.isFinite(optimum.slack) && optimum.slack > 0 ? optimum.slack : 0;
    return { ...phase, design, optimalSlack: optimum.slack, slackTarget };
  });
  const rows = [...trackedPeriods(highs, plan, pins, periods)];
  const phases = plan.map((phase, k) => phaseResult(phase, rows.slice(phase.start, plan[k + 1]?.start ?? rows.length), pins));
  const firstCompliant = rows.findIndex((row) => row.compliant);
  return {
    name: model.name,
    slackTarget: plan[0].slackTarget,
    optimalSlack: finiteOrNull(plan[0].optimalSlack),
    firstCompliantPeriod: firstCompliant < 0 ? null : firstCompliant,
    violationPeriods: rows.filter((row) => !row.compliant).length,
    phases,
    rows,
  };
}

/**
 * The periods one by one, lazily, so a caller can time or stop them: each yields the state at the
 * weights in force, and resuming lets the controller pick the next weights.
 */
export function* controlPeriods(highs: Highs, design: Design, pins: Pins, slackTarget: number, periods: number): Generator<SimulationRow> {
  yield* trackedPeriods(highs, [{ start: 0, design, slackTarget }], pins, periods);
}

/** controlPeriods under a load that changes: from each phase's start on, its design applies. */
export function* trackedPeriods(highs: Highs, plan: readonly PlannedPhase[], pins: Pins, periods: number): Generator<SimulationRow> {
  const { model: first, structure } = plan[0].design;
  // Algorithm 1 starts from equal shares, w_t[1] = 1/|S_i|.
  let weights = equalShareWeights(first, structure, pins);
  let phase = 0;
  for (let period = 0; period < periods; period++) {
    while (phase + 1 < plan.length && plan[phase + 1].start <= period) phase++;
    const { design, slackTarget } = plan[phase];
    const { model } = design;
    const rates = ratesAtWeights(highs, model, design.structure, design.designRates, weights);
    const state = observe(design, weights, rates, model.controller, slackTarget);
    yield {
      period,
      phase,
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

function phaseResult(phase: LoadPhase & PlannedPhase & { readonly optimalSlack: number }, rows: readonly SimulationRow[], pins: Pins): PhaseResult {
  const { model } = phase;
  const first = rows.find((row) => row.compliant);
  const never = first ? null : phase.optimalSlack < 0 ? 'infeasible' : 'phase-ended';
  return {
    start: phase.start,
    periods: rows.length,
    changes: phase.changes.map(({ flow, offered, rateSlo, delaySlo }) => ({
      flow: model.flows[flow].name,
      ...(offered !== undefined && { offered }),
      ...(rateSlo !== undefined && { rateSlo }),
      ...(delaySlo !== undefined && { delaySlo }),
    })),
    flows: byName(
      model.flows,
      model.flows.map((f) => ({ offered: f.offered, rateSlo: f.rateSlo ?? null, delaySlo: f.delaySlo ?? null })),
    ),
    optimalSlack: finiteOrNull(phase.optimalSlack),
    slackTarget: phase.slackTarget,
    firstCompliantPeriod: first ? first.period : null,
    periodsToCompliance: first ? first.period - phase.start : null,
    violationPeriods: rows.filter((row) => !row.compliant).length,
    never,
    achievable:
      never === 'infeasible'
        ? byName(
            model.flows,
            model.flows.map((_, f) => ({
              delay: finiteOrNull(achievableDelay(phase.design, pins, f) ?? Infinity),
              rate: achievableRate(phase.design, pins, f) ?? null,
            })),
          )
        : null,
  };
}
