/**
 * A fuzz campaign against the real language server (`node out/server/main.js --stdio`) on a copy of
 * examples/: random edits of the open examples (full-text didChange; now and then a generated
 * scenario pasted over a whole file), a save every ~10 edits, and after each edit the editor's
 * requests at a random position. Each fast-check case is a sequence of steps; at its end every
 * edited file is saved and, once the server is quiet, judged. A violation throws, so fast-check
 * shrinks the sequence and prints it with the seed that reproduces it.
 */
import fc from 'fast-check';
import { DocumentValidator, EmptyFileSystem, TextDocument } from 'langium';
import { readFileSync } from 'node:fs';
import {
  DidChangeTextDocumentNotification,
  DidSaveTextDocumentNotification,
  LogMessageNotification,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { createNetScenarioServices } from '../../language/netscenario-module.js';
import { isResultDiagnosticData } from '../../language/results/fixes.js';
import { isWorkspaceDuplicate } from '../../language/validation/names.js';
import { copyExamples, type ExampleWorkspace } from '../support/example-workspace.js';
import { LspSession, VSCODE_CLIENT } from '../support/lsp-session.js';
import { applyMutations, EXAMPLES, generatedScenario, mutation, type Mutation } from './arbitraries.js';
import { buildCase, linesOf } from './in-process.js';

interface Step {
  readonly file: string;
  /** A generated scenario that replaces the file's text before the mutations (a paste over the whole file), or null. */
  readonly replacement: string | null;
  readonly mutations: readonly Mutation[];
  readonly save: boolean;
  /** Where the position requests point, as a fraction of the text; past 1 is past the end of the file. */
  readonly at: number;
  /** Whether the next edit waits for this step's answers; when not, it overtakes requests in flight, as fast typing does. */
  readonly wait: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  file: fc.constantFrom(...Object.keys(EXAMPLES)),
  replacement: fc.option(generatedScenario, { freq: 15 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
  save: fc.nat({ max: 9 }).map((n) => n === 0),
  at: fc.double({ min: 0, max: 1.05, noNaN: true }),
  wait: fc.nat({ max: 2 }).map((n) => n > 0),
});

/** Short enough that a solve stuck on a mutated number (a study of 100000 instances) costs little. */
const TIME_LIMIT_S = 5;
const REQUEST_TIMEOUT_MS = 30_000;
/** Long enough for a verdict and its details, each bounded by the time limit, plus validation. */
const SETTLE_TIMEOUT_MS = 4 * TIME_LIMIT_S * 1000 + 20_000;
const QUIET_MS = 300;
/** Error codes that are an answer, not a failure: the request was overtaken by a newer edit. */
const BENIGN_ERRORS = new Set<number>([LSPErrorCodes.RequestCancelled, LSPErrorCodes.ContentModified, LSPErrorCodes.ServerCancelled]);

const METHODS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/codeLens',
  'textDocument/inlayHint',
  'textDocument/documentSymbol',
  'textDocument/formatting',
  'textDocument/codeAction',
  'textDocument/foldingRange',
  'textDocument/semanticTokens/full',
  'textDocument/definition',
  'textDocument/references',
] as const;
type Method = (typeof METHODS)[number];

class Violation extends Error {}

/** What a campaign did and saw: the figures `npm run fuzz` prints. */
export class CampaignFigures {
  edits = 0;
  /** Saves among the edits, and the saves that end each case before its files are judged. */
  readonly saves = { random: 0, final: 0 };
  cases = 0;
  exits = 0;
  quickFixesApplied = 0;
  rssStartMb = 0;
  rssEndMb = 0;
  readonly latencies = new Map<Method, number[]>(METHODS.map((m) => [m, []]));
  /** Error responses per method and code (all of them benign, or the case failed). */
  readonly errorResponses = new Map<string, number>();
  /** Server log lines and stderr lines that report a failure. */
  readonly internalErrors: string[] = [];
  readonly startedAt = performance.now();

  report(): string {
    const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)] ?? 0;
    const rows = METHODS.map((m) => `  ${m.padEnd(34)} ${String(this.latencies.get(m)!.length).padStart(7)} ${p95(this.latencies.get(m)!).toFixed(1).padStart(9)} ms`);
    const requests = [...this.latencies.values()].reduce((sum, l) => sum + l.length, 0);
    return [
      `fuzz campaign: ${this.cases} cases, ${this.edits} edits, ${this.saves.random + this.saves.final} saves (${this.saves.random} among the edits, ${this.saves.final} at the ends of cases), ${requests} requests, ${this.quickFixesApplied} quick fixes applied, ${((performance.now() - this.startedAt) / 1000).toFixed(0)} s`,
      `  ${'method'.padEnd(34)} ${'requests'.padStart(7)} ${'p95'.padStart(12)}`,
      ...rows,
      `  error responses: ${this.errorResponses.size === 0 ? 'none' : [...this.errorResponses].map(([k, n]) => `${k} x${n}`).join(', ')}`,
      `  server RSS: ${this.rssStartMb.toFixed(0)} MB at start, ${this.rssEndMb.toFixed(0)} MB at end`,
      `  exits: ${this.exits}, internal errors: ${this.internalErrors.length}`,
      ...this.internalErrors.slice(0, 5).map((e) => `    ${e.slice(0, 500)}`),
    ].join('\n');
  }
}

const rssMb = (pid: number | undefined): number => {
  const status = pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** A result that is an error in disguise: what a ResponseError becomes when it is returned as a value across copies of vscode-jsonrpc. */
const looksLikeError = (result: unknown) => typeof result === 'object' && result !== null && !Array.isArray(result) && 'code' in result && 'message' in result;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Violation(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

const isSyntaxError = (data: unknown) => [DocumentValidator.LexingError, DocumentValidator.ParsingError].includes((data as { code?: string } | undefined)?.code ?? '');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Judges quick-fixed texts the way the editor would parse them. */
const parser = createNetScenarioServices(EmptyFileSystem).NetScenario.parser.LangiumParser;

/** The server under fuzzing, the examples it has open, and the versions it was sent. */
class FuzzServer {
  readonly figures = new CampaignFigures();
  private session!: LspSession;
  /** Rejects when the current server process exits on its own: requests in flight then fail at once instead of timing out. */
  private exited!: Promise<never>;
  private readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private nextVersion = 1;
  /** Per URI, the newest version results / versioned diagnostics were published for, and how far the logs were read. */
  private readonly newestResults = new Map<string, number>();
  private readonly newestDiagnostics = new Map<string, number>();
  private resultsRead = 0;
  private diagnosticsRead = 0;
  private lastNotification = performance.now();
  /** Set when the campaign shuts the server down: that exit is no crash. */
  private stopping = false;

  private constructor(
    private readonly workspace: ExampleWorkspace,
    private readonly solveOn: SolveOn,
  ) {}

  static async start(solveOn: SolveOn): Promise<FuzzServer> {
    const server = new FuzzServer(copyExamples(), solveOn);
    await server.startSession();
    server.figures.rssStartMb = rssMb(server.session.process.pid);
    return server;
  }

  private async startSession(): Promise<void> {
    const internalError = (line: string) => this.figures.internalErrors.push(line);
    const session = await LspSession.start(this.workspace.folder, { solveOn: this.solveOn, solver: { timeLimit: TIME_LIMIT_S } }, VSCODE_CLIENT, (text) => {
      for (const line of text.split('\n')) if (/error|uncaught|unhandled/i.test(line)) internalError(`stderr: ${line}`);
    });
    session.connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
      if (type === MessageType.Error || /uncaught exception|unhandled rejection|internal error/i.test(message)) internalError(`log: ${message}`);
    });
    session.connection.onNotification(ShowMessageNotification.type, ({ type, message }) => {
      if (type === MessageType.Error) internalError(`message: ${message}`);
    });
    this.exited = new Promise<never>((_, reject) =>
      session.process.once('exit', (code, signal) => {
        if (this.stopping) return;
        this.figures.exits++;
        internalError(`the server exited (code ${code}, signal ${signal})`);
        reject(new Violation(`the server exited (code ${code}, signal ${signal})`));
      }),
    );
    this.exited.catch(() => undefined); // observed by the requests that race it
    this.session = session;
    this.texts.clear();
    this.newestResults.clear();
    this.newestDiagnostics.clear();
    this.resultsRead = this.diagnosticsRead = 0;
    for (const [file, text] of Object.entries(EXAMPLES)) {
      const uri = this.workspace.uriOf(file);
      await session.open(uri, text, this.bump(uri));
      this.texts.set(uri, text);
    }
  }

  private bump(uri: string): number {
    const version = this.nextVersion++;
    this.versions.set(uri, version);
    return version;
  }

  private get alive(): boolean {
    return this.session.process.exitCode === null && this.session.process.signalCode === null;
  }

  async stop(): Promise<void> {
    this.figures.rssEndMb = this.alive ? rssMb(this.session.process.pid) : 0;
    this.stopping = true;
    if (this.alive) await this.session.stop();
  }

  /** One fast-check case: the examples as shipped, the steps, then every edited file saved and judged. */
  async run(steps: readonly Step[]): Promise<void> {
    this.figures.cases++;
    const errorsBefore = this.figures.internalErrors.length;
    // A server that died in an earlier case is restarted, so every case (and every shrink) starts alike.
    if (!this.alive) {
      this.session.connection.dispose();
      await this.startSession();
    }
    for (const [file, text] of Object.entries(EXAMPLES)) if (this.texts.get(this.workspace.uriOf(file)) !== text) await this.change(this.workspace.uriOf(file), text);
    const edited = new Set<string>();
    const inFlight: Promise<unknown>[] = [];
    for (const { file, replacement, mutations, save, at, wait } of steps) {
      this.checkHealth(errorsBefore);
      const uri = this.workspace.uriOf(file);
      edited.add(uri);
      await this.change(uri, applyMutations(replacement ?? this.texts.get(uri)!, mutations));
      this.figures.edits++;
      if (save) await this.save(uri, 'random');
      // A violation in a request left in flight is kept (not thrown unobserved) and thrown below.
      const answered = this.requestAll(uri, at).catch((error: unknown) => error);
      if (wait) await answered;
      inFlight.push(answered);
      this.checkVersions();
      this.checkHealth(errorsBefore);
    }
    const failure = (await Promise.all(inFlight)).find((outcome) => outcome instanceof Error);
    if (failure) throw failure;
    for (const uri of edited) await this.settle(uri);
    this.checkHealth(errorsBefore);
  }

  private async change(uri: string, text: string): Promise<void> {
    this.texts.set(uri, text);
    await this.session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: this.bump(uri) }, contentChanges: [{ text }] });
  }

  private async save(uri: string, why: 'random' | 'final'): Promise<void> {
    this.figures.saves[why]++;
    await this.session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  private checkHealth(errorsBefore: number): void {
    if (!this.alive) throw new Violation(`the server exited: ${this.figures.internalErrors.slice(errorsBefore).join('\n')}`);
    if (this.figures.internalErrors.length > errorsBefore)
      throw new Violation(`the server reported internal errors:\n${this.figures.internalErrors.slice(errorsBefore).join('\n')}`);
  }

  /** Every method at once, as an editor asks after a keystroke; each must answer in time, with a result or an error response. */
  private async requestAll(uri: string, at: number): Promise<void> {
    const document = TextDocument.create(uri, 'netscenario', 0, this.texts.get(uri)!);
    const end = document.positionAt(document.getText().length);
    const position = at <= 1 ? document.positionAt(Math.floor(at * document.getText().length)) : { line: end.line + 3, character: 7 };
    const textDocument = { uri };
    const whole = { start: { line: 0, character: 0 }, end };
    const params: Record<Method, unknown> = {
      'textDocument/hover': { textDocument, position },
      'textDocument/completion': { textDocument, position },
      'textDocument/codeLens': { textDocument },
      'textDocument/inlayHint': { textDocument, range: whole },
      'textDocument/documentSymbol': { textDocument },
      'textDocument/formatting': { textDocument, options: { tabSize: 2, insertSpaces: true } },
      'textDocument/codeAction': { textDocument, range: { start: position, end: position }, context: { diagnostics: this.session.diagnostics.get(uri) ?? [] } },
      'textDocument/foldingRange': { textDocument },
      'textDocument/semanticTokens/full': { textDocument },
      'textDocument/definition': { textDocument, position },
      'textDocument/references': { textDocument, position, context: { includeDeclaration: true } },
    };
    await Promise.all(METHODS.map((method) => this.request(method, params[method])));
  }

  private async request<R>(method: Method, params: unknown): Promise<R | undefined> {
    const started = performance.now();
    try {
      const result = await withTimeout(Promise.race([this.session.request<R>(method, params), this.exited]), REQUEST_TIMEOUT_MS, method);
      if (looksLikeError(result)) throw new Violation(`${method} answered an error as its result: ${JSON.stringify(result)}`);
      return result;
    } catch (error) {
      if (!(error instanceof ResponseError)) throw error;
      const key = `${method} ${error.code}`;
      this.figures.errorResponses.set(key, (this.figures.errorResponses.get(key) ?? 0) + 1);
      if (!BENIGN_ERRORS.has(error.code)) throw new Violation(`${method} failed: ${error.code} ${error.message}`);
      return undefined;
    } finally {
      this.figures.latencies.get(method)!.push(performance.now() - started);
    }
  }

  /** Results, and diagnostics that carry a version, never go back to an older version of a document. */
  private checkVersions(): void {
    const { results, diagnosticVersions } = this.session;
    const advance = (newest: Map<string, number>, uri: string, version: number | undefined, what: string) => {
      this.lastNotification = performance.now();
      if (version === undefined) return;
      const before = newest.get(uri) ?? -1;
      if (version < before) throw new Violation(`${what} for ${uri} went back from version ${before} to ${version}`);
      newest.set(uri, version);
    };
    for (; this.resultsRead < results.length; this.resultsRead++) advance(this.newestResults, results[this.resultsRead].uri, results[this.resultsRead].version, 'results');
    for (; this.diagnosticsRead < diagnosticVersions.length; this.diagnosticsRead++) {
      const { uri, version } = diagnosticVersions[this.diagnosticsRead];
      advance(this.newestDiagnostics, uri, version, 'diagnostics');
    }
  }

  /**
   * Saves `uri` and waits until its results for the current version are complete and the server has
   * been quiet for a while; then the last results must be those, and every quick fix they offer must
   * leave a text without syntax errors.
   */
  private async settle(uri: string): Promise<void> {
    const version = this.versions.get(uri)!;
    await this.save(uri, 'final');
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    const lastResults = () => this.session.results.filter((r) => r.uri === uri).at(-1);
    const settled = () => {
      const last = lastResults();
      return last?.version === version && (last.status !== 'solved' || last.details !== 'pending') && performance.now() - this.lastNotification > QUIET_MS;
    };
    while (!settled()) {
      if (performance.now() > deadline) throw new Violation(`no complete results for ${uri} version ${version} within ${SETTLE_TIMEOUT_MS} ms; last: ${lastResults()?.version}`);
      if (!this.alive) throw new Violation('the server exited');
      await sleep(50);
      this.checkVersions();
    }
    await this.checkDiagnosticsAreCurrent(uri);
    await this.applyQuickFixes(uri);
  }

  /**
   * Once the server is quiet, a file's input diagnostics are those its current text gets in a fresh
   * build of the same texts. While two files declare the same name, which one a reference resolves
   * to depends on the order the files were built in: then only the diagnostics that do not depend on
   * resolution are compared (syntax errors and the duplicate errors themselves).
   */
  private async checkDiagnosticsAreCurrent(uri: string): Promise<void> {
    const texts = Object.fromEntries(Object.keys(EXAMPLES).map((file) => [file, this.texts.get(this.workspace.uriOf(file))!]));
    const file = Object.keys(EXAMPLES).find((name) => this.workspace.uriOf(name) === uri)!;
    const { document, services } = await buildCase(file, texts[file], texts);
    const ambiguous = services.shared.workspace.LangiumDocuments.all.some((other) => (other.diagnostics ?? []).some((d) => isWorkspaceDuplicate(d.data)));
    const compared = (diagnostics: Diagnostic[]) => (ambiguous ? diagnostics.filter((d) => isWorkspaceDuplicate(d.data) || isSyntaxError(d.data)) : diagnostics);
    const expected = linesOf(compared(document.diagnostics ?? []));
    const published = linesOf(compared((this.session.diagnostics.get(uri) ?? []).filter((d) => !isResultDiagnosticData(d.data))));
    if (published.join('\n') !== expected.join('\n')) {
      throw new Violation(`the diagnostics last published for ${uri} are not those of its current text:\npublished:\n${published.join('\n')}\nexpected:\n${expected.join('\n')}`);
    }
  }

  private async applyQuickFixes(uri: string): Promise<void> {
    const text = this.texts.get(uri)!;
    const document = TextDocument.create(uri, 'netscenario', 0, text);
    const withFixes = (this.session.diagnostics.get(uri) ?? []).filter((d: Diagnostic) => Array.isArray((d.data as { fixes?: unknown })?.fixes));
    for (const diagnostic of withFixes) {
      const actions =
        (await this.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], only: ['quickfix'] },
        })) ?? [];
      for (const action of actions) {
        const edits = action.edit?.changes?.[uri];
        if (!edits) continue;
        this.figures.quickFixesApplied++;
        const fixed = TextDocument.applyEdits(document, edits);
        const { lexerErrors, parserErrors } = parser.parse(fixed);
        const errors = [...lexerErrors, ...parserErrors].map((e) => e.message);
        if (errors.length > 0) throw new Violation(`quick fix '${action.title}' leaves syntax errors (${errors.join('; ')}) in:\n${fixed}`);
      }
    }
  }
}

/** When the server solves: on save (the default setting), or shortly after every change (many more solves overtaken by edits). */
export type SolveOn = 'save' | 'change';

export interface CampaignOptions {
  readonly seed: number;
  readonly solveOn: SolveOn;
  /** At least this many random edits. */
  readonly edits: number;
  /** The most steps of one case (between two resets of the examples). */
  readonly maxSteps: number;
}

/**
 * Runs fast-check rounds of cases until `edits` edits are done; throws fast-check's report (seed,
 * path, counterexample) on a violation. `report` gets the figures at the end, whatever the outcome.
 */
export async function runCampaign({ seed, solveOn, edits, maxSteps }: CampaignOptions, report: (figures: CampaignFigures) => void): Promise<CampaignFigures> {
  const server = await FuzzServer.start(solveOn);
  try {
    for (let round = 0; server.figures.edits < edits; round++) {
      const numRuns = Math.max(1, Math.ceil((edits - server.figures.edits) / ((maxSteps + 1) / 2)));
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: maxSteps, size: 'max' }), (steps) => server.run(steps)),
        { seed: seed + round, numRuns, endOnFailure: false },
      );
    }
  } finally {
    await server.stop();
    report(server.figures);
  }
  return server.figures;
}
