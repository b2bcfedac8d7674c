/**
 * A real LSP client for tests: spawns `node out/server/main.js --stdio` and speaks JSON-RPC to it
 * over the child's stdin/stdout. No mocks of the connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  InlayHintRefreshRequest,
  ShowDocumentRequest,
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
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import type { ScenarioResults } from '../../language/results/model.js';
import { RESULTS_NOTIFICATION, SOLVING_NOTIFICATION, type SolvingParams } from '../../server/protocol.js';

/** The repository root: the nearest folder with a package.json (this file also runs compiled, from out/). */
function repositoryRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

export const SERVER = join(repositoryRoot(), 'out/server/main.js');

/** What a test client declares in `initialize`: the server adapts to it (refreshes, hover format, lens commands). */
export interface ClientProfile {
  readonly capabilities: ClientCapabilities;
  readonly initializationOptions?: unknown;
}

/** Declares what the VS Code client does: refresh support, markdown hovers, showDocument, its own commands. */
export const VSCODE_CLIENT: ClientProfile = {
  capabilities: {
    workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
    textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown', 'plaintext'] } },
    window: { showDocument: { support: true } },
  },
  initializationOptions: { clientCommands: true },
};

/** Declares next to nothing, like a minimal editor: no refresh support, plain-text hovers, no client commands. */
export const MINIMAL_CLIENT: ClientProfile = { capabilities: { textDocument: { publishDiagnostics: {} } } };

export class LspSession {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The document version of every diagnostics notification, in arrival order (undefined when the server gave none). */
  readonly diagnosticVersions: { readonly uri: string; readonly version?: number }[] = [];
  /** Every results and solving notification, in arrival order. */
  readonly results: ScenarioResults[] = [];
  readonly solving: SolvingParams[] = [];
  /** The refresh and showDocument requests the server sent to this client, by method, in order. */
  readonly serverRequests: string[] = [];
  private readonly resultWaiters: { uri: string; accept: (results: ScenarioResults) => boolean; resolve: (results: ScenarioResults) => void }[] = [];
  private readonly waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];

  /** The server's answer to `initialize` (its capabilities). */
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.diagnosticVersions.push({ uri, version });
      for (const waiter of this.waiters.filter((w) => w.uri === uri)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(diagnostics);
      }
    });
    for (const method of [InlayHintRefreshRequest.method, CodeLensRefreshRequest.method]) {
      connection.onRequest(method, () => {
        this.serverRequests.push(method);
        return null;
      });
    }
    connection.onRequest(ShowDocumentRequest.type, () => {
      this.serverRequests.push(ShowDocumentRequest.method);
      return { success: true };
    });
    connection.onNotification(SOLVING_NOTIFICATION, (params: SolvingParams) => {
      this.solving.push(params);
    });
    connection.onNotification(RESULTS_NOTIFICATION, (results: ScenarioResults) => {
      this.results.push(results);
      for (const waiter of this.resultWaiters.filter((w) => w.uri === results.uri && w.accept(results))) {
        this.resultWaiters.splice(this.resultWaiters.indexOf(waiter), 1);
        waiter.resolve(results);
      }
    });
  }

  /**
   * `settings`: the `netscenario` configuration section the client answers the server with;
   * `stderr`: receives what the server writes to its stderr (by default it goes to the test's stderr).
   */
  static async start(workspaceFolder: string, settings?: Record<string, unknown>, client: ClientProfile = VSCODE_CLIENT, stderr?: (text: string) => void): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', stderr ? 'pipe' : 'inherit'] });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr?.(text));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    if (settings) connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map((item) => (item.section === 'netscenario' ? settings : null)));
    // With configuration support the server registers for configuration changes: accept.
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    const session = new LspSession(child, connection);
    const rootUri = pathToFileURL(workspaceFolder).toString();
    session.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { ...client.capabilities, workspace: { ...client.capabilities.workspace, configuration: settings !== undefined } },
      initializationOptions: client.initializationOptions,
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

  /** The next results notification for `uri` (that `accept` takes). */
  nextResults(uri: string, accept: (results: ScenarioResults) => boolean = () => true): Promise<ScenarioResults> {
    return new Promise((resolve) => this.resultWaiters.push({ uri, accept, resolve }));
  }

  /**
   * Sends didSave and resolves, once the solve is published, with its results and the diagnostics
   * published with them: the verdicts (the first publication), or with `until: 'details'` the
   * results that carry the details too (checked quick fixes, trajectories).
   */
  async save(uri: string, until: 'verdicts' | 'details' = 'verdicts'): Promise<{ results: ScenarioResults; diagnostics: Diagnostic[] }> {
    const results = this.nextResults(uri, (r) => until === 'verdicts' || r.details !== 'pending');
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
    return this.connection.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    await new Promise((resolve) => (this.process.exitCode !== null ? resolve(undefined) : this.process.once('exit', resolve)));
  }
}
