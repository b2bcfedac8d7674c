/** Units are words right after a number on the same line, never a name on the next line. */
import { describe, expect, it } from 'vitest';
import type { MandalaTopology, Switch } from '../../language/generated/ast.js';
import { switchMembers } from '../../language/syntax.js';
import { validate } from './helpers.js';

const FORK = `switch S {
  worker w speed 1 Hz
  module nic1 cost 0 cycles
  module m1 cost 2 cycles
  queue 4
  nic1 -> m1
  task t on w { nic1, m1 }
  flow f1 nic1 -> m1 offered 1/3 pps delay <= 5 s
}`;

async function parse(text: string) {
  const { document, diagnostics } = await validate(text);
  expect(document.parseResult.lexerErrors).toEqual([]);
  expect(document.parseResult.parserErrors).toEqual([]);
  return { declarations: document.parseResult.value.declarations, diagnostics };
}

describe('units in the grammar', () => {
  it('does not take a name on the next line for the unit of a number (`queue 4` then `nic1 -> m1`)', async () => {
    const { declarations, diagnostics } = await parse(FORK);
    const sw = declarations[0] as Switch;
    expect(switchMembers(sw, 'QueueClause')[0].value.unit).toBeUndefined();
    expect(switchMembers(sw, 'EdgeChain')[0].modules.map((m) => m.$refText)).toEqual(['nic1', 'm1']);
    expect(diagnostics).toEqual([]);
  });

  it('does not take a name ending in a digit for a number (`flow f1 nic1`), and reads `1/3 pps`', async () => {
    const sw = (await parse(FORK)).declarations[0] as Switch;
    const flow = switchMembers(sw, 'Flow')[0];
    expect(flow.path.map((m) => m.$refText)).toEqual(['nic1', 'm1']);
    expect([flow.offered!.numerator, flow.offered!.denominator, flow.offered!.unit]).toEqual([1, 3, 'pps']);
  });

  it('reads `30%` as a share, and a keyword after a number on the same line as a keyword', async () => {
    const { declarations } = await parse('topology M mandala { access 16 accelerators 30% seed 7 }\nstudy St { instances 15 accelerators 10% to 60% seed 42 }');
    const mandala = declarations[0] as MandalaTopology;
    expect(mandala.settings.map((s) => s.$type)).toEqual(['MandalaAccess', 'MandalaAccelerators', 'MandalaSeed']);
    const share = mandala.settings[1];
    expect(share.$type === 'MandalaAccelerators' && [share.share.numerator, share.share.unit]).toEqual([30, '%']);
  });
});
