/**
 * The VS Code extension: starts the NetScenario language server for `.nsc` files and adds the
 * commands, the status bar verdict and the results panel. It talks to the server only through LSP
 * (standard requests plus the netscenario/* messages of server/protocol.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  APPLY_WEIGHTS_KIND,
  COMMANDS,
  REQUESTS,
  RESULTS_NOTIFICATION,
  SOLVING_NOTIFICATION,
  type ImportTopologyResult,
  type NetScenarioInitializationOptions,
  type ScenarioResults,
  type SolvingParams,
} from '../server/protocol.js';
import { RESULTS_VIEW_TYPE } from './contributions.js';
import { resultsToCsv } from './export.js';
import { scenarioOfState } from './messages.js';
import { ResultsPanel } from './results-panel.js';
import { VerdictStatus } from './status.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.mjs'));
  const serverOptions: ServerOptions = {
    // Smaller memory footprint: glibc's per-thread malloc arenas grew ~25 MB under the solve workers
    // in the memory bench (flat with 2 arenas), and V8 grows a busy thread's young generation to 32 MB.
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: { ...process.env, MALLOC_ARENA_MAX: '2' }, execArgv: ['--max-semi-space-size=2'] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'netscenario' }],
    synchronize: { configurationSection: 'netscenario' },
    // Code lenses may then name the commands this extension registers (Show charts).
    initializationOptions: { clientCommands: true } satisfies NetScenarioInitializationOptions,
  };
  client = new LanguageClient('netscenario', 'NetScenario', serverOptions, clientOptions);
  const status = new VerdictStatus();
  const panels = new ResultsPanel(context.extensionUri);
  context.subscriptions.push(
    status,
    panels,
    vscode.window.onDidChangeActiveTextEditor(() => status.refresh()),
  );

  client.onNotification(RESULTS_NOTIFICATION, (results: ScenarioResults) => {
    status.setResults(results);
    panels.update(results);
  });
  client.onNotification(SOLVING_NOTIFICATION, ({ uri, solving }: SolvingParams) => status.setSolving(uri, solving));
  // Registered before the client starts: VS Code restores panels as soon as activation returns.
  context.subscriptions.push(restoreResultsPanels(client, panels), ...registerCommands(client, panels));
  await client.start();
  context.subscriptions.push(client);
  status.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The scenario a command acts on: the URI a code lens passes, else the active editor's. */
function targetUri(arg?: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'netscenario' ? document.uri.toString() : undefined;
}

function requireUri(arg?: unknown): string | undefined {
  const uri = targetUri(arg);
  if (!uri) void vscode.window.showInformationMessage('Open a NetScenario (.nsc) file first.');
  return uri;
}

/** The server's latest results of a scenario (any version), or null. */
function latestResults(client: LanguageClient, uri: string): Promise<ScenarioResults | null> {
  return client.sendRequest<ScenarioResults | null>(REQUESTS.getResults, { uri });
}

/**
 * Brings results panels back after a window reload: the page kept which scenario it showed (its
 * webview state); the results come from the server again (none until the file is solved, if the
 * server restarted with the window).
 */
function restoreResultsPanels(client: LanguageClient, panels: ResultsPanel): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const scenario = scenarioOfState(state);
      if (!scenario) {
        panel.dispose(); // no state to say which file it showed
        return;
      }
      panels.restore(panel, vscode.Uri.parse(scenario));
      const results = await latestResults(client, scenario).catch(() => null); // a server that failed to start has none
      if (results) panels.update(results);
    },
  });
}

function registerCommands(client: LanguageClient, panels: ResultsPanel): vscode.Disposable[] {
  return [
    // From a code lens: (uri, declaration name); from the palette or the editor title: the active file.
    vscode.commands.registerCommand(COMMANDS.showResults, async (arg?: unknown, focus?: unknown) => {
      const uri = requireUri(arg);
      if (!uri) return;
      panels.show(vscode.Uri.parse(uri), (await latestResults(client, uri)) ?? undefined, typeof focus === 'string' ? focus : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.solve, async (arg?: unknown) => {
      const uri = requireUri(arg);
      if (!uri) return undefined;
      const results = await client.sendRequest<ScenarioResults | null>(REQUESTS.solve, { uri });
      if (!results || results.status === 'not-solved')
        void vscode.window.showWarningMessage(`NetScenario: fix the errors before solving (${results?.message ?? 'the file has errors'}).`);
      return results;
    }),
    vscode.commands.registerCommand(COMMANDS.cancel, async (arg?: unknown) => {
      const uri = requireUri(arg);
      if (uri && !(await client.sendRequest<boolean>(REQUESTS.cancel, { uri }))) void vscode.window.showInformationMessage('NetScenario: no solve is running.');
    }),
    vscode.commands.registerCommand(COMMANDS.exportResults, async (arg?: unknown) => {
      const uri = requireUri(arg);
      const results = uri && (await latestResults(client, uri));
      if (!uri || !results) {
        if (uri) void vscode.window.showInformationMessage('NetScenario: no results yet; save the file to solve it.');
        return;
      }
      const format = await vscode.window.showQuickPick(['JSON', 'CSV'], { title: 'Export NetScenario results as' });
      if (!format) return;
      const source = vscode.Uri.parse(uri);
      const target = await vscode.window.showSaveDialog({
        defaultUri: source.with({ path: source.path.replace(/\.nsc$/, `.results.${format.toLowerCase()}`) }),
        filters: format === 'JSON' ? { JSON: ['json'] } : { CSV: ['csv'] },
      });
      if (!target) return;
      const text = format === 'JSON' ? `${JSON.stringify(results, null, 2)}\n` : resultsToCsv(results);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    }),
    vscode.commands.registerCommand(COMMANDS.importTopology, () => importTopology(client)),
    vscode.commands.registerCommand(COMMANDS.applyWeights, async (arg?: unknown) => {
      const uri = requireUri(arg);
      if (!uri) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, APPLY_WEIGHTS_KIND);
      const edits = (actions ?? []).filter((a) => a.kind?.value === APPLY_WEIGHTS_KIND && a.edit);
      if (edits.length === 0) {
        void vscode.window.showInformationMessage('NetScenario: no checked weights to apply; save to solve, and make sure the switch is feasible.');
        return;
      }
      for (const action of edits) if (action.edit) await vscode.workspace.applyEdit(action.edit);
    }),
  ];
}

/** Accelerator rules offered by Import Topology… (nsc import --accelerators). */
const ACCELERATOR_RULES = [
  { label: 'none', description: 'no node has an accelerator' },
  { label: 'top-degree:20%', description: 'the 20% best-connected nodes' },
  { label: 'random:30%', description: '30% of the nodes, drawn with seed 0' },
  { label: 'all', description: 'every node' },
];

/**
 * Import Topology…: a Topology Zoo GML, GraphML or containerlab file, converted by the language
 * server (the rules of nsc import), saved as a .nsc file next to it and opened.
 */
async function importTopology(client: LanguageClient): Promise<void> {
  const [source] =
    (await vscode.window.showOpenDialog({
      title: 'Import a topology',
      canSelectMany: false,
      filters: { 'Topology files': ['gml', 'graphml', 'xml', 'yml', 'yaml'], 'All files': ['*'] },
    })) ?? [];
  if (!source) return;
  const rule = await vscode.window.showQuickPick(ACCELERATOR_RULES, { title: 'Which nodes get an accelerator?' });
  if (!rule) return;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  const fileName = source.path.split('/').pop() ?? source.path;
  const result = await client.sendRequest<ImportTopologyResult>(REQUESTS.importTopology, { fileName, text, accelerators: rule.label });
  if (!result.ok) {
    void vscode.window.showErrorMessage(`NetScenario: cannot import ${result.message}`);
    return;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: source.with({ path: source.path.replace(/(\.clab)?\.[^./]+$/, '') + '.nsc' }),
    filters: { NetScenario: ['nsc'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  const warnings = result.summary.filter((line) => line.startsWith('Warning:')).length;
  void vscode.window.showInformationMessage(`NetScenario: ${result.summary[0] ?? 'imported.'}${warnings > 0 ? ` ${warnings} warning(s) at the top of the file.` : ''}`);
}
