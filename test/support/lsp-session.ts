/**
 * A real LSP client for tests: spawns `node out/server/main.js --stdio` and speaks JSON-RPC to it
 * over the child's stdin/stdout. No mocks of the connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  RegistrationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type TextDocumentClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import type { ScenarioResults } from '../../language/results/model.js';
import { RESULTS_NOTIFICATION, SOLVING_NOTIFICATION, type SolvingParams } from '../../server/protocol.js';

/** The repository root: the nearest folder with a package.json (this file also runs compiled, from out/). */
function repositoryRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const SERVER = join(repositoryRoot(), 'out/server/main.js');

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every results and solving notification, in arrival order. */
  readonly results: ScenarioResults[] = [];
  readonly solving: SolvingParams[] = [];
  private readonly resultWaiters: { uri: string; resolve: (results: ScenarioResults) => void }[] = [];
  private readonly waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      for (const waiter of this.waiters.filter((w) => w.uri === uri)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(diagnostics);
      }
    });
    connection.onNotification(SOLVING_NOTIFICATION, (params: SolvingParams) => {
      this.solving.push(params);
    });
    connection.onNotification(RESULTS_NOTIFICATION, (results: ScenarioResults) => {
      this.results.push(results);
      for (const waiter of this.resultWaiters.filter((w) => w.uri === results.uri)) {
        this.resultWaiters.splice(this.resultWaiters.indexOf(waiter), 1);
        waiter.resolve(results);
      }
    });
  }

  /**
   * `settings`: the `netscenario` configuration section the client answers the server with;
   * `textDocument`: client capabilities to declare beyond diagnostics (e.g. hover formats).
   */
  static async start(workspaceFolder: string, settings?: Record<string, unknown>, textDocument: TextDocumentClientCapabilities = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    if (settings) connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map((item) => (item.section === 'netscenario' ? settings : null)));
    // With configuration support the server registers for configuration changes: accept.
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    const session = new LspSession(child, connection);
    const rootUri = pathToFileURL(workspaceFolder).toString();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { workspace: { configuration: settings !== undefined }, textDocument: { publishDiagnostics: {}, ...textDocument } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** The next diagnostics published for `uri` after this call. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'netscenario', version, text } });
    return published;
  }

  /** The next results notification for `uri`. */
  nextResults(uri: string): Promise<ScenarioResults> {
    return new Promise((resolve) => this.resultWaiters.push({ uri, resolve }));
  }

  /** Sends didSave and resolves, once the solve is published, with its results and the diagnostics published with them. */
  async save(uri: string): Promise<{ results: ScenarioResults; diagnostics: Diagnostic[] }> {
    const results = this.nextResults(uri);
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    // The server publishes the diagnostics before the results notification.
    return { results: await results, diagnostics: this.diagnostics.get(uri) ?? [] };
  }

  /** Replaces the whole text (a new version) and resolves with the validation diagnostics. */
  async change(uri: string, text: string, version: number): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  /** Any LSP request, e.g. `session.request('textDocument/hover', params)`. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    await new Promise((resolve) => (this.process.exitCode !== null ? resolve(undefined) : this.process.once('exit', resolve)));
  }
}
