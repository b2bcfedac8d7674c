/**
 * Flow rates at given weights: the paper's LP (16)–(20), made deterministic as docs/models.md asks —
 * first maximise the smallest SLO fulfilment min_f min(1, r_f/r*_f), then, with that fixed,
 * maximise the total rate. Flow conservation (18)–(19) makes r_{t,f} = r_f on every task of f, so
 * the LP only needs one variable per flow.
 *
 * The first stage has a closed form, so only the second stage goes to HiGHS: raising every flow to
 * z r*_f loads task t with z * load_t, so the best common fulfilment is
 * z* = min(1, min_t w_t T_i / load_t); no other rate vector does better on the smallest flow.
 *
 * Between the two stages one more level is fixed: a flow whose tasks can all carry their whole
 * design load keeps r_f >= r*_f. This is what makes docs/models.md's "equivalently the LP gives
 * r_f >= r*_f" true (the total-rate stage alone could trade such a flow for a cheaper one), and it
 * never costs fulfilment: r = z* r* for the other flows plus r*_f for these is feasible, because a
 * task that cannot carry its design load is crossed only by flows held at z* r*.
 */
import type { Highs } from 'highs';
import { LinearProgram, type Term } from '../highs/lp.js';
import { taskLoads } from './delay.js';
import type { SwitchModel } from './model.js';
import type { SwitchStructure } from './structure.js';

export function ratesAtWeights(highs: Highs, model: SwitchModel, structure: SwitchStructure, designRates: readonly number[], weights: readonly number[]): number[] {
  const capacities = model.tasks.map((task, t) => weights[t] * model.workers[task.worker].speed);
  const loads = taskLoads(structure, designRates);
  const fulfilment = loads.reduce((z, load, t) => (load > 0 ? Math.min(z, capacities[t] / load) : z), 1);
  const lowerBounds = structure.visits.map((visits, f) => {
    const carried = visits.every(({ task }) => loads[task] === 0 || capacities[task] >= loads[task]);
    return carried ? designRates[f] : fulfilment * designRates[f];
  });

  // Variables are shares x_f = r_f / rho_f in [0, 1]: rates in Mpps and speeds in GHz then give
  // coefficients near 1, which the LP solver handles far better than raw SI values.
  const lp = new LinearProgram();
  const offered = model.flows.map((f) => f.offered);
  const shares = offered.map((rho, f) => (rho > 0 ? lp.continuous(Math.min(1, lowerBounds[f] / rho), 1) : -1));
  structure.passages.forEach((passages, t) => {
    const speed = model.workers[model.tasks[t].worker].speed;
    const terms: Term[] = passages.filter((p) => p.tau > 0 && shares[p.flow] >= 0).map((p) => ({ variable: shares[p.flow], coefficient: (p.tau * offered[p.flow]) / speed }));
    if (terms.length > 0) lp.constrain(terms, '<=', weights[t]);
  });
  if (lp.variableCount === 0) return offered.map(() => 0);
  const largest = Math.max(...offered);
  lp.setObjective(
    'max',
    shares.flatMap((variable, f) => (variable >= 0 ? [{ variable, coefficient: offered[f] / largest }] : [])),
  );
  const solution = lp.solve(highs);
  if (solution.status !== 'optimal') throw new Error(`rate LP of switch ${model.name}: ${solution.rawStatus}`);
  return shares.map((variable, f) => (variable < 0 ? 0 : Math.min(offered[f], Math.max(lowerBounds[f], solution.values[variable] * offered[f]))));
}
