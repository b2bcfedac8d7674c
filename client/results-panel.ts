/**
 * The results webview: one panel per scenario file, drawing the server's result model with the
 * renderer in dist/webview.js. The panel asks for results once its script listens (`ready`), so
 * results given before the page loaded are never lost; exports from the page are saved here,
 * because a webview cannot write files. After a window reload VS Code hands the panels back
 * (`restore`, from the serializer in extension.ts).
 */
import * as vscode from 'vscode';
import type { ScenarioResults } from '../server/protocol.js';
import { RESULTS_VIEW_TYPE } from './contributions.js';
import { EXPORT_FORMATS, type ExportMessage, type ShowMessage, type WebviewMessage } from './messages.js';
import { newNonce, resultsPage } from './page.js';

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  readonly scenario: vscode.Uri;
  results: ScenarioResults | null;
  /** Declaration to scroll to with the next `show` message. */
  focus?: string;
  ready: boolean;
}

const FILTERS: Record<ExportMessage['format'], Record<string, string[]>> = { png: { 'PNG image': ['png'] }, svg: { 'SVG image': ['svg'] }, csv: { CSV: ['csv'] } };

export class ResultsPanel implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private readonly dist: vscode.Uri;
  /** Scripts on; local files only from dist/ (the renderer and its stylesheet). */
  private readonly webviewOptions: vscode.WebviewOptions;

  constructor(extensionUri: vscode.Uri) {
    this.dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.webviewOptions = { enableScripts: true, localResourceRoots: [this.dist] };
  }

  /**
   * Opens (or reveals) the panel of `scenario`. `results` replaces what it shows unless undefined
   * (then the panel keeps its results, or shows "no results yet"); `focus` scrolls to a declaration.
   */
  show(scenario: vscode.Uri, results: ScenarioResults | undefined, focus?: string): void {
    const key = scenario.toString();
    let entry = this.open.get(key);
    if (entry) entry.panel.reveal(undefined, true);
    else entry = this.adopt(this.createPanel(scenario), scenario);
    if (results) entry.results = results;
    entry.focus = focus;
    this.post(entry);
  }

  /**
   * Takes over a panel VS Code restored after a window reload, showing `scenario`. It shows "no
   * results yet" until `update` brings them. A second panel for a scenario that has one is closed.
   */
  restore(panel: vscode.WebviewPanel, scenario: vscode.Uri): void {
    if (this.open.has(scenario.toString())) panel.dispose();
    else this.adopt(panel, scenario);
  }

  /** Live update from a results notification: redraws the file's panel if one is open. */
  update(results: ScenarioResults): void {
    const entry = this.open.get(results.uri);
    // A solve of an older version never replaces a newer one.
    if (!entry || (entry.results && entry.results.version > results.version)) return;
    entry.results = results;
    this.post(entry);
  }

  dispose(): void {
    for (const entry of [...this.open.values()]) entry.panel.dispose();
  }

  private createPanel(scenario: vscode.Uri): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      panelTitle(scenario),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        ...this.webviewOptions,
        retainContextWhenHidden: true,
      },
    );
  }

  /** Loads the page into a new or restored panel and tracks it as the panel of `scenario`. */
  private adopt(panel: vscode.WebviewPanel, scenario: vscode.Uri): OpenPanel {
    const webview = panel.webview;
    // A restored panel keeps its options, but they may come from an older version of the extension.
    webview.options = this.webviewOptions;
    panel.title = panelTitle(scenario);
    webview.html = resultsPage({
      title: panelTitle(scenario),
      nonce: newNonce(),
      cspSource: webview.cspSource,
      script: { url: webview.asWebviewUri(vscode.Uri.joinPath(this.dist, 'webview.js')).toString() },
      style: { url: webview.asWebviewUri(vscode.Uri.joinPath(this.dist, 'webview.css')).toString() },
    });
    const entry: OpenPanel = { panel, scenario, results: null, ready: false };
    const key = scenario.toString();
    this.open.set(key, entry);
    const listener = webview.onDidReceiveMessage((message: WebviewMessage) => this.receive(entry, message));
    panel.onDidDispose(() => {
      listener.dispose();
      this.open.delete(key);
    });
    return entry;
  }

  private post(entry: OpenPanel): void {
    if (!entry.ready) return; // `ready` posts it
    const message: ShowMessage = { type: 'show', scenario: entry.scenario.toString(), results: entry.results, ...(entry.focus === undefined ? {} : { focus: entry.focus }) };
    entry.focus = undefined;
    void entry.panel.webview.postMessage(message);
  }

  private receive(entry: OpenPanel, message: WebviewMessage): void {
    if (message?.type === 'ready') {
      entry.ready = true;
      this.post(entry);
    } else if (message?.type === 'export' && isExport(message)) {
      void this.save(entry, message);
    }
  }

  private async save(entry: OpenPanel, message: ExportMessage): Promise<void> {
    // The page suggests only a file name; it is saved next to the scenario unless the user picks elsewhere.
    const suggested = message.name.replace(/[\\/]/g, '_');
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(entry.scenario, '..', suggested), filters: FILTERS[message.format] });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, exportBytes(message));
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function panelTitle(scenario: vscode.Uri): string {
  return `NetScenario: ${scenario.path.split('/').pop() || scenario.path}`;
}

const PNG_PREFIX = 'data:image/png;base64,';

function isExport(message: ExportMessage): boolean {
  return (
    (EXPORT_FORMATS as readonly string[]).includes(message.format) &&
    typeof message.name === 'string' &&
    typeof message.data === 'string' &&
    (message.format !== 'png' || message.data.startsWith(PNG_PREFIX))
  );
}

function exportBytes(message: ExportMessage): Uint8Array {
  return message.format === 'png' ? Buffer.from(message.data.slice(PNG_PREFIX.length), 'base64') : new TextEncoder().encode(message.data);
}
