/**
 * The NetScenario language server: `node out/server/main.js --stdio`, or over IPC when the VS Code
 * client starts it. Validates every change; solves on save in a worker thread (solve-orchestrator).
 */
import '../language/polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createNetScenarioServices } from '../language/netscenario-module.js';
import { importScenario } from '../language/import-topology.js';
import { REQUESTS, type ImportTopologyParams, type ImportTopologyResult, type UriParams } from './protocol.js';
import { ServerCommands } from './commands.js';
import { SolveOrchestrator } from './solve-orchestrator.js';

const connection = createConnection(ProposedFeatures.all);
const commands = new ServerCommands();
const { shared, NetScenario } = createNetScenarioServices({ connection, ...NodeFileSystem }, { lsp: { ExecuteCommandHandler: () => commands } });
const orchestrator = new SolveOrchestrator(NetScenario, shared, connection);
commands.bind(orchestrator, connection, NetScenario.client.Support);

connection.onRequest(REQUESTS.getResults, ({ uri }: UriParams) => NetScenario.results.Store.latest(uri) ?? null);
connection.onRequest(REQUESTS.solve, async ({ uri }: UriParams) => (await orchestrator.solveNow(uri)) ?? null);
connection.onRequest(REQUESTS.cancel, ({ uri }: UriParams) => orchestrator.cancel(uri));
connection.onRequest<ImportTopologyResult, never>(REQUESTS.importTopology, ({ fileName, text, accelerators }: ImportTopologyParams) => {
  const outcome = importScenario(text, fileName, { accelerators }, NetScenario.Grammar);
  const result: ImportTopologyResult = outcome.ok ? { ok: true, text: outcome.text, summary: outcome.summary } : outcome;
  return result;
});

// Defence in depth: every solve path catches its own failures, but nothing that slips through may end
// the process — an editor restarts a crashed server only a few times, then leaves the user without one.
process.on('uncaughtException', (error) => connection.console.error(`NetScenario: uncaught exception: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`NetScenario: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
);

startLanguageServer(shared);
