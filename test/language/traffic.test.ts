/**
 * A switch's `traffic`: written out or read from a CSV trace file. Parsing, the flow scope, the
 * validation rules of docs/language.md and lowering to the engine's changes.
 */
import { describe, expect, it } from 'vitest';
import { validate, lowered, type OtherFiles } from './helpers.js';

/** The fork switch with `extra` added inside it (and another switch with its own flow g). */
const fork = (extra: string) => `
switch Fork {
  worker rx speed 1 Hz
  worker w0 speed 1 Hz
  module nic1 cost 0 cycles
  module m1 cost 2 cycles
  module m2 cost 1 cycles
  nic1 -> m1
  nic1 -> m2
  task t0 on rx { nic1 }
  task t1 on w0 { m1 }
  task t2 on w0 { m2 }
  flow f1 nic1 -> m1 offered 1 pps rate >= 1/3 pps delay <= 5 s
  flow f2 nic1 -> m2 offered 1 pps rate >= 1/5 pps delay <= 6 s
${extra}
}
switch Other {
  worker w speed 1 GHz
  module a cost 10 cycles
  task t on w { a }
  flow g a offered 1 kpps
}
`;

async function check(extra: string, files: OtherFiles = {}) {
  const { document, diagnostics, services } = await validate(fork(extra), {}, files);
  const messages = diagnostics.map((d) => `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);
  const model = () => lowered(document, services).switches[0].model;
  return { messages, model, diagnostics };
}

describe('traffic block', () => {
  it('lowers to changes in period order, values in base units, flows by index', async () => {
    const { messages, model } = await check(`
  traffic {
    at period 20 f1 offered 2 pps
    at period 10 f2 rate >= 0.3 pps delay <= 5500 ms
    at period 20 f2 offered 500 kpps
  }`);
    expect(messages).toEqual(['warning: Changes apply in period order: this one (period 10) is written after one at period 20.']);
    expect(model().traffic).toEqual([
      { period: 10, flow: 1, offered: undefined, rateSlo: 0.3, delaySlo: 5.5 },
      { period: 20, flow: 0, offered: 2, rateSlo: undefined, delaySlo: undefined },
      { period: 20, flow: 1, offered: 5e5, rateSlo: undefined, delaySlo: undefined },
    ]);
  });

  it('names flows of its own switch only', async () => {
    const { messages } = await check(`  traffic { at period 3 g offered 2 pps }`);
    expect(messages).toEqual(["error: Unknown flow 'g'."]);
  });

  it("applies within the controller's periods: 0 to periods - 1", async () => {
    expect((await check(`  traffic { at period 50 f1 offered 2 pps }`)).messages).toEqual([
      "error: Period 50 is never reached: the controller runs periods 0 to 49 ('periods' in the switch's controller, 50 by default).",
    ]);
    expect((await check(`  controller { periods 51 }\n  traffic { at period 50 f1 offered 2 pps }`)).messages).toEqual([]);
    // While the controller's periods are invalid, only that is reported.
    expect((await check(`  controller { periods 0.5 }\n  traffic { at period 50 f1 offered 2 pps }`)).messages).toEqual([
      'error: The number of control periods must be a whole number.',
    ]);
  });

  it('checks the quantities: a whole period from 0, a packet rate', async () => {
    const { messages } = await check(`
  traffic {
    at period 2.5 f1 offered 2 pps
    at period -1 f1 offered 2 pps
    at period 3 f1 offered 2 ms
  }`);
    expect(messages).toEqual([
      'error: A control period must be a whole number.',
      'error: A control period must be zero or more.',
      "error: 'ms' is a unit of time, but an offered load is a packet rate (pps, kpps, Mpps, Gpps).",
    ]);
  });

  it('a change must set something, once per flow and period', async () => {
    const { messages } = await check(`
  traffic {
    at period 3 f1
    at period 4 f1 offered 2 pps
    at period 4 f1 offered 3 pps delay <= 4 s
  }`);
    expect(messages).toEqual([
      "error: This change sets nothing: add 'offered RATE', 'rate >= RATE' or 'delay <= TIME'.",
      "error: The offered load of 'f1' already changes at period 4.",
    ]);
  });

  it('is given at most once per switch', async () => {
    const { messages } = await check(`  traffic { at period 3 f1 offered 2 pps }\n  traffic { at period 4 f1 offered 3 pps }`);
    expect(messages).toEqual(["error: 'traffic' is given more than once; keep one."]);
  });

  it('keeps every phase within what the solver resolves, reported on the change that starts it', async () => {
    // t1 at 2 cycles per packet on a 1 Hz worker: 1e6 pps (offered and required) needs 2e6 times its speed.
    const traffic = `  traffic { at period 7 f1 offered 1000000 pps rate >= 1000000 pps }`;
    const { messages, diagnostics } = await check(traffic);
    expect(messages).toEqual([expect.stringMatching(/^error: From period 7 on: Task 't1' needs 2\.0e\+6 times the speed of its worker/)]);
    expect(diagnostics[0].range.start.line).toBe(fork(traffic).split('\n').indexOf(traffic));
  });
});

describe('traffic from a trace file', () => {
  const traffic = `  traffic from "load.csv"`;

  it('reads period, flow and offered rows (a bare number is in pps), relative to the scenario', async () => {
    const csv = 'period,flow,offered\n# rush hour\n20, f1, 2 pps\n\n10,f2,0.5\n';
    const { messages, model } = await check(traffic, { 'load.csv': csv });
    expect(messages).toEqual([]);
    expect(model().traffic).toEqual([
      { period: 10, flow: 1, offered: 0.5 },
      { period: 20, flow: 0, offered: 2 },
    ]);
  });

  it('a missing file is an error on the clause', async () => {
    const { messages, diagnostics } = await check(traffic);
    expect(messages).toEqual(["error: Trace file 'load.csv': cannot read it: no such file."]);
    expect(diagnostics[0].range.start.character).toBe('  traffic from '.length);
  });

  it.each([
    ['time,flow,offered\n1,f1,2 pps\n', "line 1: the first line must be the header 'period,flow,offered', not 'time,flow,offered'."],
    ['', "the file is empty: it needs the header 'period,flow,offered'."],
    ['period,flow,offered\n1,f1,2 pps\n2,f1\n', 'line 3: expected 3 values (period, flow, offered), found 2.'],
    ['period,flow,offered\nsoon,f1,2 pps\n', "line 2: 'soon' is not a control period."],
    ['period,flow,offered\n1.5,f1,2 pps\n', "line 2: '1.5': A control period must be a whole number."],
    ['period,flow,offered\n1,f1,2 Mbps\n', "line 2: '2 Mbps': 'Mbps' is a bit rate, not a packet rate: an offered load is a packet rate (pps, kpps, Mpps, Gpps)."],
    ['period,flow,offered\n1,f1,0\n', "line 2: '0': An offered load must be at least 0.000001 pps."],
    ['period,flow,offered\n1,g,2\n', "line 2: 'g' is not a flow of switch 'Fork' (flows: f1, f2)."],
    ['period,flow,offered\n1,f1,2\n50,f1,3\n', "line 3: period 50 is never reached: the controller runs periods 0 to 49 ('periods' in the switch's controller, 50 by default)."],
    ['period,flow,offered\n1,f1,2\n1,f1,3\n', "line 3: 'f1' already changes at period 1 (line 2)."],
  ])('%j is malformed: the message names the line', async (csv, message) => {
    const { messages } = await check(traffic, { 'load.csv': csv });
    expect(messages).toEqual([`error: Trace file 'load.csv': ${message}`]);
  });
});
