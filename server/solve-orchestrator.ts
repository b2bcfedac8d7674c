/**
 * Solve on save (or on change, debounced, or only on request): lowers a document without errors,
 * solves it in the worker with the time limit, and publishes the results — unless the document
 * moved on meanwhile: a newer version cancels the running solve, and a stale result is dropped.
 * A document with input errors (its own or a referenced file's) is not solved: it gets results
 * that say so. Every failure on the way is caught per document and reported, never thrown.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import { withDetails, type ScenarioInput } from '../engine/scenario.js';
import type { Scenario } from '../language/generated/ast.js';
import { blockingErrors } from '../language/blocking-errors.js';
import { lowerScenario, scenarioInput, type LoweredScenario } from '../language/lowering.js';
import { loweringContext } from '../language/lowering-context.js';
import type { NetScenarioServices, NetScenarioSharedServices } from '../language/netscenario-module.js';
import type { ScenarioResults } from '../language/results/model.js';
import { readSettings, type ServerSettings } from '../language/settings.js';
import { RESULTS_NOTIFICATION, SOLVING_NOTIFICATION, type SolvingParams } from './protocol.js';
import { SolveRunner, type SolveJob } from './solve-runner.js';
import { studyProgressReporter } from './study-progress.js';

const CHANGE_DEBOUNCE_MS = 400;

type UnsolvedResults = Pick<ScenarioResults, 'message' | 'errorCount' | 'location'> & { readonly status: Exclude<ScenarioResults['status'], 'solved'>; readonly seconds?: number };

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

/** Where reading a document for a solve ends: nothing to do, cached results, results that say why not, or a scenario to solve. */
type SolveInputs =
  | { readonly kind: 'none' }
  | { readonly kind: 'cached'; readonly results: ScenarioResults }
  | { readonly kind: 'unsolved'; readonly document: LangiumDocument; readonly why: UnsolvedResults }
  | { readonly kind: 'solve'; readonly document: LangiumDocument; readonly version: number; readonly scenario: LoweredScenario };

interface Running {
  readonly version: number;
  /** Verdicts are what a save waits for; details follow them in the background. */
  readonly job: SolveJob['kind'];
  readonly abort: AbortController;
}

export class SolveOrchestrator {
  private readonly running = new Map<string, Running>();
  private readonly debounce = new Map<string, NodeJS.Timeout>();
  /** Per document, the versions of the files its last solve read (see solveOrThrow). */
  private readonly solvedInputs = new Map<string, string>();
  /** Per document, its text version and trace files (`traffic from`) at its last solve. */
  private readonly solvedTraces = new Map<string, { readonly version: number; readonly signature: string }>();
  private settings: ServerSettings | undefined;
  /** Per document, how many solves are running (a cancelled one may not have ended yet). */
  private readonly solvingCount = new Map<string, number>();

  constructor(
    private readonly services: NetScenarioServices,
    private readonly shared: NetScenarioSharedServices,
    private readonly connection: Connection,
    /**
     * Verdicts and details run in separate workers: a verdict never queues behind the details of an
     * older version, and cancelling details (terminating their worker) leaves the verdicts' worker warm.
     */
    private readonly runners: Readonly<Record<SolveJob['kind'], SolveRunner>> = { verdicts: new SolveRunner(), details: new SolveRunner() },
  ) {
    shared.lsp.DocumentUpdateHandler.onDidSave((saved) => void this.onSaved(saved.uri));
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(() => (this.settings = undefined));
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, (document) => this.onValidated(document));
    shared.workspace.TextDocuments.onDidClose(({ document }) => this.forget(document.uri));
    connection.onShutdown(() => Object.values(this.runners).forEach((runner) => runner.dispose()));
  }

  /** Solves `uri` now, whatever `solveOn` says (the Solve Now command). */
  async solveNow(uri: string): Promise<ScenarioResults | undefined> {
    return this.solve(uri, true);
  }

  cancel(uri: string): boolean {
    const running = this.running.get(uri);
    running?.abort.abort();
    return running !== undefined;
  }

  private async currentSettings(): Promise<ServerSettings> {
    this.settings ??= await readSettings(this.shared.workspace.ConfigurationProvider);
    return this.settings;
  }

  private async onSaved(uri: string): Promise<void> {
    if ((await this.currentSettings()).solveOn !== 'save') return;
    await this.solve(uri, false);
    // Documents that reference the saved one may now solve differently, at their unchanged version.
    for (const dependent of this.openDependents(uri)) await this.solve(dependent, true);
  }

  private onValidated(document: LangiumDocument): void {
    const uri = document.uri.toString();
    // A newer version makes a running solve of an older one useless, whatever triggers solving.
    const running = this.running.get(uri);
    if (running && running.version !== document.textDocument.version) running.abort.abort();
    void this.currentSettings().then((settings) => {
      // A trace file changed under a solved text: for the results that is like saving the scenario.
      if (settings.solveOn === 'save' && this.onlyTracesChanged(document)) return void this.solve(uri, false);
      if (settings.solveOn !== 'change' || !this.shared.workspace.TextDocuments.get(uri)) return;
      clearTimeout(this.debounce.get(uri));
      this.debounce.set(
        uri,
        setTimeout(() => void this.solve(uri, false), CHANGE_DEBOUNCE_MS),
      );
    });
  }

  private onlyTracesChanged(document: LangiumDocument): boolean {
    const solved = this.solvedTraces.get(document.uri.toString());
    return solved !== undefined && solved.version === document.textDocument.version && solved.signature !== this.services.traffic.TraceFiles.signatureOf(document);
  }

  private openDependents(uri: string): string[] {
    const changed = new Set([uri]);
    return this.shared.workspace.TextDocuments.all()
      .map((d) => d.uri)
      .filter((other) => {
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(other));
        return other !== uri && document !== undefined && this.shared.workspace.IndexManager.isAffected(document, changed);
      });
  }

  private forget(uri: string): void {
    this.cancel(uri);
    clearTimeout(this.debounce.get(uri));
    this.debounce.delete(uri);
    this.solvedInputs.delete(uri);
    this.solvedTraces.delete(uri);
    this.services.results.Store.delete(uri);
  }

  /**
   * Solves the document's current version once it is validated. `force` re-solves a version that
   * already has results (Solve Now); otherwise cached results are kept. Never rejects: a failure
   * anywhere on the way is logged and published as an 'error' result of the document.
   */
  private async solve(uri: string, force: boolean): Promise<ScenarioResults | undefined> {
    try {
      return await this.solveOrThrow(uri, force);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.connection.console.error(`NetScenario: solving ${uri} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
      if (!document) return undefined;
      return this.publishUnsolved(document, { status: 'error', message: `internal error: ${message}` }).catch(() => undefined);
    }
  }

  private async solveOrThrow(uri: string, force: boolean): Promise<ScenarioResults | undefined> {
    const documents = this.shared.workspace.LangiumDocuments;
    const parsed = URI.parse(uri);
    if (!documents.hasDocument(parsed) && this.shared.workspace.TextDocuments.get(uri)) {
      // Saved right after it was opened (a script, or a fast editor): Langium has not built it yet.
      // Its update is queued behind the workspace's start as a write; a read runs after it.
      await this.shared.workspace.WorkspaceManager.ready;
      await this.shared.workspace.WorkspaceLock.read(() => undefined);
    }
    if (!documents.hasDocument(parsed)) return undefined;
    await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    // The document and the files it references are read between builds only: a save also arrives
    // as a change of the file on disk, and Langium rebuilds it; read mid-rebuild, its references
    // would fail to resolve and stand as input errors of a valid file.
    const inputs = await this.shared.workspace.WorkspaceLock.read(() => this.readInputs(parsed, force));
    if (inputs.kind === 'none') return undefined;
    if (inputs.kind === 'cached') return inputs.results;
    if (inputs.kind === 'unsolved') return this.publishUnsolved(inputs.document, inputs.why);
    const { document, version } = inputs;
    const previous = this.running.get(uri);
    if (previous?.version === version && previous.job === 'verdicts' && !force) return undefined;
    previous?.abort.abort(); // an older version's solve is now useless
    const running: Running = { version, job: 'verdicts', abort: new AbortController() };
    this.running.set(uri, running);

    const settings = await this.currentSettings();
    const input = scenarioInput(inputs.scenario);
    const started = performance.now();
    const progress = await this.beginProgress(uri, running.abort, input.studies.length > 0);
    const onProgress = studyProgressReporter(input.studies, progress.report);
    let result;
    try {
      result = await this.runners.verdicts.run({ kind: 'verdicts', input }, { signal: running.abort.signal, timeLimitMs: settings.timeLimit * 1000, onProgress });
    } finally {
      progress.done();
      if (this.running.get(uri) === running) this.running.delete(uri);
    }
    if (result.kind === 'cancelled' || document.textDocument.version !== version || documents.getDocument(parsed) !== document) return undefined;

    const seconds = (performance.now() - started) / 1000;
    if (result.kind !== 'done') {
      const message = result.kind === 'timeout' ? `it took longer than netscenario.solver.timeLimit = ${settings.timeLimit} s` : result.message;
      return this.publishUnsolved(document, { status: result.kind, message, seconds });
    }
    const results: ScenarioResults = { uri, version, status: 'solved', seconds, details: 'pending', ...result.value };
    await this.publish(document, results);
    void this.addDetails(document, input, results, settings.timeLimit);
    return results;
  }

  /** What a solve of the document's current version starts from, read while no build runs. */
  private async readInputs(uri: URI, force: boolean): Promise<SolveInputs> {
    const document = this.shared.workspace.LangiumDocuments.getDocument(uri) as LangiumDocument<Scenario> | undefined;
    if (!document || document.state < DocumentState.Validated) return { kind: 'none' };
    const key = uri.toString();
    const version = document.textDocument.version;
    const blocking = await blockingErrors(document, this.services);
    // Results are current while neither this text, nor the text of any file it references, nor a trace file they read has changed.
    const traces = this.services.traffic.TraceFiles;
    const inputs = blocking.closure.map((d) => `${d.uri.toString()}@${d.textDocument.version}#${traces.signatureOf(d)}`).join(' ');
    const cached = this.services.results.Store.current(document);
    if (!force && cached && this.solvedInputs.get(key) === inputs) return { kind: 'cached', results: cached };
    this.solvedInputs.set(key, inputs);
    this.solvedTraces.set(key, { version, signature: traces.signatureOf(document) });
    if (blocking.count > 0) {
      const where = blocking.referencedWithErrors.length > 0 ? ` (in ${blocking.referencedWithErrors.map(fileName).join(', ')})` : '';
      const message = `not solved: ${blocking.count} input error${blocking.count === 1 ? '' : 's'}${where}`;
      const location = blocking.first && { uri: blocking.first.uri, range: blocking.first.diagnostic.range };
      return { kind: 'unsolved', document, why: { status: 'not-solved', message, errorCount: blocking.count, location } };
    }
    const lowering = lowerScenario(document.parseResult.value, loweringContext(this.services));
    if (!lowering.ok) {
      // Validation passed but a declaration still cannot be read: a gap between validation and lowering.
      const [problem] = lowering.problems;
      const range = problem.node.$cstNode?.range;
      return { kind: 'unsolved', document, why: { status: 'error', message: problem.message, location: range && { uri: key, range } } };
    }
    return { kind: 'solve', document, version, scenario: lowering.scenario };
  }

  /**
   * Computes the details of published verdicts (checked quick fixes, trajectories) within the time
   * limit, and publishes the results again with them — unless the document moved on meanwhile.
   */
  private async addDetails(document: LangiumDocument, input: ScenarioInput, verdicts: ScenarioResults, timeLimit: number): Promise<void> {
    const uri = verdicts.uri;
    const running: Running = { version: verdicts.version, job: 'details', abort: new AbortController() };
    this.running.set(uri, running);
    try {
      const result = await this.runners.details.run({ kind: 'details', input, outcome: verdicts }, { signal: running.abort.signal, timeLimitMs: timeLimit * 1000 });
      if (result.kind === 'cancelled' || this.services.results.Store.current(document) !== verdicts) return;
      const complete: ScenarioResults =
        result.kind === 'done'
          ? { ...verdicts, ...withDetails(verdicts, result.value), details: 'ready' }
          : {
              ...verdicts,
              details: 'unavailable',
              detailsMessage: result.kind === 'timeout' ? `quick fixes and trajectories took longer than netscenario.solver.timeLimit = ${timeLimit} s` : result.message,
            };
      await this.publish(document, complete);
    } catch (error) {
      this.connection.console.error(`NetScenario: the details of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      if (this.running.get(uri) === running) this.running.delete(uri);
    }
  }

  /** Results without outcomes for the document's current version: why nothing (or nothing complete) was solved. */
  private async publishUnsolved(document: LangiumDocument, why: UnsolvedResults): Promise<ScenarioResults> {
    const uri = document.uri.toString();
    this.cancel(uri); // a solve still running here works on text (its own or a referenced file's) that no longer stands
    const results: ScenarioResults = { uri, version: document.textDocument.version, seconds: 0, placements: [], switches: [], services: [], studies: [], ...why };
    await this.publish(document, results);
    return results;
  }

  private async publish(document: LangiumDocument, results: ScenarioResults): Promise<void> {
    this.services.results.Store.set(results);
    // Validated again between builds (see solveOrThrow) for the results' diagnostics. A document that
    // is no longer validated is being rebuilt: that build validates it with these results and publishes.
    const diagnostics = await this.shared.workspace.WorkspaceLock.read(async () => {
      if (document.state < DocumentState.Validated) return undefined;
      return (document.diagnostics = await this.services.validation.DocumentValidator.validateDocument(document));
    });
    if (diagnostics) await this.connection.sendDiagnostics({ uri: results.uri, version: results.version, diagnostics });
    await this.connection.sendNotification(RESULTS_NOTIFICATION, results);
    await this.refreshEditorViews();
  }

  /** Inlay hints and code lenses are pulled by the client: ask it to pull again, if it says it can. */
  private async refreshEditorViews(): Promise<void> {
    const client = this.services.client.Support;
    await Promise.all([
      client.inlayHintRefresh ? this.connection.languages.inlayHint.refresh().catch(() => undefined) : undefined,
      client.codeLensRefresh ? this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined) : undefined,
    ]);
  }

  /**
   * LSP work-done progress with a cancel button, plus a plain notification for the status bar.
   * `counted`: the solve runs studies, whose instances give a percentage (study-progress.ts).
   * The notification says whether the document has any solve running: a cancelled solve may end
   * after the next one began, and its end must not clear the 'solving' of the one still running.
   */
  private async beginProgress(uri: string, abort: AbortController, counted: boolean): Promise<{ readonly report: (percentage: number, message: string) => void; done(): void }> {
    const solving = (this.solvingCount.get(uri) ?? 0) + 1;
    this.solvingCount.set(uri, solving);
    if (solving === 1) void this.connection.sendNotification(SOLVING_NOTIFICATION, { uri, solving: true } satisfies SolvingParams);
    const reporter = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    reporter?.begin(`Solving ${fileName(uri)}`, counted ? 0 : undefined, undefined, true);
    reporter?.token.onCancellationRequested(() => abort.abort());
    return {
      report: (percentage, message) => reporter?.report(percentage, message),
      done: () => {
        reporter?.done();
        const still = (this.solvingCount.get(uri) ?? 1) - 1;
        if (still > 0) return void this.solvingCount.set(uri, still);
        this.solvingCount.delete(uri);
        void this.connection.sendNotification(SOLVING_NOTIFICATION, { uri, solving: false } satisfies SolvingParams);
      },
    };
  }
}
