/**
 * Saving a file with a study shows the study's progress in the editor: the solve's work-done
 * progress starts at 0 %, reports the instances done with rate and ETA, and ends at 100 %.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver/node';
import { LspSession, VSCODE_CLIENT } from '../support/lsp-session.js';

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

let session: LspSession;
let uri: string;
const progress: Progress[] = [];

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-study-progress-'));
  const file = join(folder, 'mandala-study.nsc');
  copyFileSync(join(import.meta.dirname, '../../examples/mandala-study.nsc'), file);
  uri = pathToFileURL(file).toString();
  // A client that shows work-done progress: the server creates a token, then reports on it.
  session = await LspSession.start(folder, undefined, {
    ...VSCODE_CLIENT,
    capabilities: { ...VSCODE_CLIENT.capabilities, window: { ...VSCODE_CLIENT.capabilities.window, workDoneProgress: true } },
  });
  session.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    session.connection.onProgress(WorkDoneProgress.type, token, (value) => progress.push(value));
    return null;
  });
  await session.open(uri, readFileSync(file, 'utf8'));
});
afterAll(async () => {
  await session?.stop();
});

describe("a study's progress in the editor", () => {
  it('counts the 15 instances of mandala-study.nsc from 0 % to 100 %, with rate and ETA, then ends', async () => {
    const { results } = await session.save(uri);
    expect(results.status).toBe('solved');
    // The verdicts' progress is complete once they are published (its end precedes the results).
    const verdicts = progress.slice(0, progress.findIndex((p) => p.kind === 'end') + 1);
    expect(verdicts[0]).toMatchObject({ kind: 'begin', title: 'Solving mandala-study.nsc', percentage: 0, cancellable: true });
    const reports = verdicts.filter((p): p is WorkDoneProgressReport => p.kind === 'report');
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report.message).toMatch(/^PaperSweep: \d+\/15 instances(, [\d.]+\/(s|min|h))?(, ETA (–|\d+:\d\d)| in \d+:\d\d)/);
    const percentages = reports.map((r) => r.percentage ?? -1);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    expect(reports[reports.length - 1]).toMatchObject({ percentage: 100, message: expect.stringMatching(/^PaperSweep: 15\/15 instances in \d+:\d\d, /) });
    expect(verdicts[verdicts.length - 1].kind).toBe('end');
  });
});
