/** The lexicographic rate LP (docs/models.md): max-min fulfilment first, then total rate. Hand-derived. */
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../engine/highs/load.js';
import { buildDesign } from '../../../engine/scheduling/design.js';
import { DEFAULT_CONTROLLER, type Flow, type SwitchModel } from '../../../engine/scheduling/model.js';
import { ratesAtWeights } from '../../../engine/scheduling/rates.js';

/** One module per task, each task alone on its own 1 Hz worker (weight 1); flows given by task paths. */
function model(costs: number[], flows: Flow[]): SwitchModel {
  return {
    name: 'Rates',
    workers: costs.map((_, i) => ({ name: `w${i}`, speed: 1 })),
    batch: 1,
    queue: 1,
    modules: costs.map((cost, i) => ({ name: `m${i}`, cost })),
    edges: [],
    tasks: costs.map((_, i) => ({ name: `t${i}`, worker: i, modules: [i] })),
    flows,
    controller: DEFAULT_CONTROLLER,
  };
}

async function rates(m: SwitchModel): Promise<number[]> {
  const design = buildDesign(m);
  return ratesAtWeights(
    await loadHighs(),
    m,
    design.structure,
    design.designRates,
    m.tasks.map(() => 1),
  );
}

describe('rates at given weights', () => {
  it('first shares the shortfall fairly instead of maximising the total', async () => {
    // One task, f costs 1 and g 3 cycles per packet, both want 1/2 pps: design load 2 > capacity 1.
    // Fulfilment z* = 1/2, so both get 1/4 (1/4 + 3/4 = 1 uses it all); max total alone would give f 1 pps.
    const m = model(
      [1, 3],
      [
        { name: 'f', path: [0], offered: 1, rateSlo: 0.5 },
        { name: 'g', path: [1], offered: 1, rateSlo: 0.5 },
      ],
    );
    const shared: SwitchModel = { ...m, workers: [m.workers[0]], tasks: [{ name: 't', worker: 0, modules: [0, 1] }] };
    const [f, g] = await rates(shared);
    expect(f).toBeCloseTo(0.25, 9);
    expect(g).toBeCloseTo(0.25, 9);
  });

  it('then maximises the total rate with every fulfilment kept', async () => {
    // Same task, SLOs 1/5 each: design load 1/5 + 3/5 fits. Spare capacity 1/5 goes to the cheaper f.
    const m = model(
      [1, 3],
      [
        { name: 'f', path: [0], offered: 1, rateSlo: 0.2 },
        { name: 'g', path: [1], offered: 1, rateSlo: 0.2 },
      ],
    );
    const shared: SwitchModel = { ...m, workers: [m.workers[0]], tasks: [{ name: 't', worker: 0, modules: [0, 1] }] };
    const [f, g] = await rates(shared);
    expect(f).toBeCloseTo(0.4, 9);
    expect(g).toBeCloseTo(0.2, 9);
  });

  it('keeps the design rate of a flow whose tasks all carry their design load', async () => {
    // t0 (1 Hz) carries f (2 cycles, r* = 1/4) and h (1 cycle, r* = 1/2, offered 1): load 1 = capacity.
    // t1 carries g alone (1 cycle, r* = 2): overloaded, z* = 1/2. Max total alone would push f down to
    // z* r*_f = 1/8 to give h 3/4; the LP keeps f at 1/4 and h at 1/2.
    const m: SwitchModel = {
      ...model([2, 1, 1], []),
      workers: [
        { name: 'w0', speed: 1 },
        { name: 'w1', speed: 1 },
      ],
      tasks: [
        { name: 't0', worker: 0, modules: [0, 1] },
        { name: 't1', worker: 1, modules: [2] },
      ],
      flows: [
        { name: 'f', path: [0], offered: 1, rateSlo: 0.25 },
        { name: 'h', path: [1], offered: 1, rateSlo: 0.5 },
        { name: 'g', path: [2], offered: 2 },
      ],
    };
    const [f, h, g] = await rates(m);
    expect(f).toBeCloseTo(0.25, 9);
    expect(h).toBeCloseTo(0.5, 9);
    expect(g).toBeCloseTo(1, 9);
  });
});
