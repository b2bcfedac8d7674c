/**
 * The protocol as any LSP client sees it, not only VS Code: cancelled and failed requests answer
 * with JSON-RPC errors, refresh requests go only to clients that declare refresh support, and
 * code lenses name commands the client can run (the server's own, for clients other than VS Code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type CodeLens } from 'vscode-languageserver/node';
import { generateScenario } from '../../bench/scenario-generator.js';
import type { ScenarioResults } from '../../language/results/model.js';
import { REQUESTS, type ImportTopologyResult } from '../../server/protocol.js';
import { copyExamples } from '../support/example-workspace.js';
import { LspSession, MINIMAL_CLIENT, VSCODE_CLIENT } from '../support/lsp-session.js';

const REFRESHES = ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh'];
const workspace = copyExamples();
let minimal: LspSession;
let vscodeLike: LspSession;

beforeAll(async () => {
  [minimal, vscodeLike] = await Promise.all([LspSession.start(workspace.folder, undefined, MINIMAL_CLIENT), LspSession.start(workspace.folder, undefined, VSCODE_CLIENT)]);
});
afterAll(async () => {
  await Promise.all([minimal?.stop(), vscodeLike?.stop()]);
});

const lensesOf = (session: LspSession, uri: string) => session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });

describe('a client without refresh support or client commands', () => {
  it('gets no refresh requests after a solve; one that declares support does', async () => {
    const uri = workspace.uriOf('paper-fork.nsc');
    for (const session of [minimal, vscodeLike]) {
      await session.open(uri, workspace.textOf('paper-fork.nsc'));
      expect((await session.save(uri)).results.status).toBe('solved');
    }
    // The server asks for refreshes right after publishing the results: give them time to arrive.
    await expect.poll(() => vscodeLike.serverRequests).toEqual(expect.arrayContaining(REFRESHES));
    expect(minimal.serverRequests.filter((m) => REFRESHES.includes(m))).toEqual([]);
  });

  it('gets code lenses whose commands the server executes', async () => {
    const uri = workspace.uriOf('paper-fork.nsc');
    const advertised = minimal.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    const lenses = await lensesOf(minimal, uri);
    expect(lenses.length).toBeGreaterThan(0);
    for (const lens of lenses) expect(advertised).toContain(lens.command?.command);
    // Running the verdict lens's command solves the document and answers its results.
    const [lens] = lenses;
    const results = await minimal.request<ScenarioResults>('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    expect(results).toMatchObject({ uri, status: 'solved' });
  });
});

describe('failed and cancelled requests', () => {
  it('answer a cancelled request with the JSON-RPC error RequestCancelled (-32800)', async () => {
    // A large document keeps the server building after each change, so a hover sent right after it
    // waits and is cancelled meanwhile. The server may win the race and answer first: then the
    // answer must be a real hover, never an error object as a result; try again until one is cancelled.
    const uri = `${workspace.uriOf('')}large.nsc`;
    await minimal.open(uri, generateScenario(5_000), 1);
    const outcomes: unknown[] = [];
    for (let version = 2; version < 12 && !outcomes.some((o) => o instanceof ResponseError); version++) {
      await minimal.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: generateScenario(5_000 + version) }] });
      const source = new CancellationTokenSource();
      const hover = minimal.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } }, source.token);
      source.cancel();
      outcomes.push(
        await hover.then(
          (result) => result,
          (rejection: unknown) => rejection,
        ),
      );
    }
    for (const outcome of outcomes) {
      if (outcome instanceof ResponseError) expect(outcome.code).toBe(LSPErrorCodes.RequestCancelled);
      else expect(outcome === null || (typeof outcome === 'object' && 'contents' in outcome), JSON.stringify(outcome)).toBe(true);
    }
    expect(outcomes.some((o) => o instanceof ResponseError)).toBe(true);
  });

  it('answer a request on a file the server does not know with an error or null, never an error object as the result', async () => {
    const uri = `${workspace.uriOf('')}never-opened.nsc`;
    const outcome = await minimal.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if ('result' in outcome) expect(outcome.result).toBeNull();
    else expect(outcome.error).toBeInstanceOf(ResponseError);
  });
});

describe('netscenario/importTopology', () => {
  const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/import', name), 'utf8');

  it('answers the scenario text of a topology file and what the import did', async () => {
    const result = await minimal.request<ImportTopologyResult>(REQUESTS.importTopology, {
      fileName: 'edge-lab.clab.yml',
      text: fixture('edge-lab.clab.yml'),
      accelerators: 'top-degree:1',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain('topology edge_lab {');
    expect(result.text).toMatch(/node spine[12] accelerator/);
    expect(result.summary[0]).toBe('Imported from edge-lab.clab.yml (containerlab topology): 4 nodes, 3 links.');
  });

  it('says why a file cannot be imported, without failing the request', async () => {
    const broken = await minimal.request<ImportTopologyResult>(REQUESTS.importTopology, { fileName: 'net.gml', text: 'graph [\n  node [ id 1 ]\n' });
    expect(broken).toEqual({ ok: false, message: "net.gml: GML: a '[' is not closed by ']' at the end of the file" });
    const rule = await minimal.request<ImportTopologyResult>(REQUESTS.importTopology, { fileName: 'net.gml', text: fixture('equator.gml'), accelerators: 'most' });
    expect(rule.ok).toBe(false);
  });
});
