/**
 * The npm package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty
 * prefix with no registry reachable, then the installed bins. The package must need nothing but
 * itself: its bundles in dist/, no dependencies to download.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lsp from 'vscode-languageserver/node';
import { RESULTS_NOTIFICATION, type ScenarioResults } from '../../server/protocol.js';

const root = join(import.meta.dirname, '../..');
const example = (name: string) => join(root, 'examples', name);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

const scratch = mkdtempSync(join(tmpdir(), 'nsc-install-'));
const prefix = join(scratch, 'prefix');
const bin = (name: string) => join(prefix, 'bin', name);
/** Only node itself on the PATH: nothing of the repository or its node_modules can be found. */
const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: scratch };
let packed: { filename: string; files: { path: string }[] };

beforeAll(() => {
  // `npm test` has just built dist/, so the prepack build is skipped here (--ignore-scripts).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(pack.status, pack.stderr).toBe(0);
  [packed] = JSON.parse(pack.stdout);
  // An unreachable registry and --offline: any download would fail the install.
  const install = spawnSync(
    'npm',
    ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', join(scratch, 'cache'), join(scratch, packed.filename)],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...env, npm_config_registry: 'http://127.0.0.1:9/' },
    },
  );
  expect(install.status, install.stderr).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (name: string, args: readonly string[]) => spawnSync(bin(name), args, { cwd: scratch, env, encoding: 'utf8', timeout: 60_000 });

describe('the npm package', () => {
  it('holds the bundles the bins load, the licences, and nothing else', () => {
    const bundles = ['highs.wasm', 'nsc.mjs', 'server.mjs', 'solve-worker.js', 'study-worker.js', 'webview.css', 'webview.js', 'third-party-notices.txt'];
    expect(packed.files.map((f) => f.path).sort()).toEqual(['LICENSE', 'README.md', 'package.json', ...bundles.map((f) => `dist/${f}`)].sort());
    const installed = join(prefix, 'lib', 'node_modules', manifest.name);
    expect(existsSync(join(installed, 'dist', 'nsc.mjs'))).toBe(true);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false); // no dependencies came along
  });

  it('nsc --version, check and solve --json work from the installed bin', () => {
    expect(run('nsc', ['--version']).stdout).toBe(`${manifest.version}\n`);
    const check = run('nsc', ['check', example('edge-site.nsc')]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const solve = run('nsc', ['solve', '--json', example('paper-fork.nsc')]);
    expect(solve.status).toBe(0);
    const [fork] = JSON.parse(solve.stdout).switches;
    // The paper's fork: f1 needs w1 >= 2/3 for 1/3 pps, f2 keeps 1/5 pps only while w1 <= 4/5.
    expect(fork).toMatchObject({ name: 'Fork', status: 'feasible' });
    expect(fork.weights.t1).toBeGreaterThanOrEqual(2 / 3 - 1e-9);
    expect(fork.weights.t1).toBeLessThanOrEqual(4 / 5 + 1e-9);
  });

  it('nsc study in worker threads and nsc report find their worker and page assets in the package', () => {
    const study = run('nsc', ['study', '--json', '--jobs', '2', example('mandala-study.nsc')]);
    expect(study.stderr).toBe('');
    expect(study.status).toBe(0);
    expect(JSON.parse(study.stdout).studies[0]).toMatchObject({ name: 'PaperSweep', status: 'complete', instances: 15 });
    const page = join(scratch, 'report.html');
    const report = run('nsc', ['report', example('paper-fork.nsc'), '-o', page]);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain('<script type="application/json" id="nsc-results">');
  });

  it('netscenario-language-server --stdio answers initialize, publishes diagnostics and solves on save', async () => {
    const server = spawn(bin('netscenario-language-server'), ['--stdio'], { cwd: scratch, env, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(server.stdout), new lsp.StreamMessageWriter(server.stdin));
    const published: lsp.PublishDiagnosticsParams[] = [];
    const results: ScenarioResults[] = [];
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => published.push(params));
    connection.onNotification(RESULTS_NOTIFICATION, (params: ScenarioResults) => results.push(params));
    connection.listen();
    const until = async <T>(found: () => T | undefined): Promise<T> => {
      for (let value = found(); ; value = found()) {
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      const initialized = await connection.sendRequest(lsp.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      expect(initialized.capabilities.textDocumentSync).toBeDefined();
      expect(initialized.capabilities.completionProvider).toBeDefined();
      await connection.sendNotification(lsp.InitializedNotification.type, {});

      const typo = pathToFileURL(join(scratch, 'typo.nsc')).href;
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: typo, languageId: 'netscenario', version: 1, text: 'curve C {\n  1 -> 1 s\n  2 -> 1 mss\n}\n' },
      });
      const diagnostics = await until(() => published.find((p) => p.uri === typo)?.diagnostics);
      expect(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message])).toEqual([
        [2, 9, "Unknown unit 'mss': a training time is a time (ns, us, µs, ms, s). Did you mean 'ms'?"],
      ]);

      // Solving runs in the server's worker thread: dist/solve-worker.js must have come with the package.
      const fork = pathToFileURL(join(scratch, 'paper-fork.nsc')).href;
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: fork, languageId: 'netscenario', version: 1, text: readFileSync(example('paper-fork.nsc'), 'utf8') },
      });
      await connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: fork } });
      const solved = await until(() => results.find((r) => r.uri === fork));
      expect(solved.status).toBe('solved');
      expect(solved.switches.map((s) => [s.name, s.result.status])).toEqual([['Fork', 'feasible']]);

      await connection.sendRequest(lsp.ShutdownRequest.type);
      await connection.sendNotification(lsp.ExitNotification.type);
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
