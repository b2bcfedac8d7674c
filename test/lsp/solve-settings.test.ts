/** netscenario.solveOn through the real server: 'manual' solves only on request, 'change' while typing. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioResults } from '../../language/results/model.js';
import { REQUESTS } from '../../server/protocol.js';
import { LspSession } from '../support/lsp-session.js';

const SWITCH = `switch S {
  worker w speed 1 Hz
  module a cost 1 cycles
  task t on w { a }
  flow f a offered 1 pps delay <= DELAY s
}`;

let session: LspSession | undefined;
afterEach(async () => {
  await session?.stop();
  session = undefined;
});

async function start(solveOn: string) {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-settings-'));
  session = await LspSession.start(folder, { solveOn, solver: { timeLimit: 30 }, inlayHints: { enabled: true } });
  return { session, uri: pathToFileURL(join(folder, 's.nsc')).toString() };
}

describe('netscenario.solveOn', () => {
  it("'manual': saving does not solve; the solve request does", async () => {
    const { session, uri } = await start('manual');
    await session.open(uri, SWITCH.replace('DELAY', '5'), 1);
    await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const results = await session.request<ScenarioResults | null>(REQUESTS.solve, { uri });
    expect(results?.version).toBe(1);
    // Only the explicit request solved: one results notification, not two.
    expect(session.results.filter((r) => r.uri === uri)).toHaveLength(1);
  });

  it("'change': an edit is solved without saving", async () => {
    const { session, uri } = await start('change');
    await session.open(uri, SWITCH.replace('DELAY', '5'), 1);
    const next = session.nextResults(uri);
    // One task alone on its worker (w = 1): queuing Q*1/(1*1) = 1 s plus processing B*1/1 = 1 s = 2 s > 1.5 s.
    await session.change(uri, SWITCH.replace('DELAY', '1.5'), 2);
    let results = await next;
    while (results.version !== 2) results = await session.nextResults(uri);
    expect(results.switches[0].result.status).toBe('infeasible');
  });
});
