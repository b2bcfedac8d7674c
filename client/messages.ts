/**
 * Messages between the results webview and the extension host. Plain types and constants: both the
 * browser bundle (client/webview) and the extension (client/results-panel.ts) import this file.
 */
import type { ScenarioResults } from '../server/protocol.js';

export const EXPORT_FORMATS = ['png', 'svg', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Host -> webview: results to draw (null: none yet) for the scenario at URI `scenario`, optionally
 * scrolled to one declaration.
 */
export interface ShowMessage {
  readonly type: 'show';
  readonly scenario: string;
  readonly results: ScenarioResults | null;
  readonly focus?: string;
}

/** Webview -> host: the page is listening; the host answers with a ShowMessage. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * Webview -> host: save a chart or its data. `name` is a suggested file name with extension;
 * `data` is text for svg/csv and a `data:image/png;base64,` URL for png.
 */
export interface ExportMessage {
  readonly type: 'export';
  readonly format: ExportFormat;
  readonly name: string;
  readonly data: string;
}

export type WebviewMessage = ReadyMessage | ExportMessage;

/**
 * What the webview persists (its `setState`) and VS Code hands back when it restores the panel after
 * a window reload: which scenario the panel shows. Its results are asked from the server again.
 */
export interface PanelState {
  readonly scenario: string;
}

/** The scenario URI of a persisted panel state; undefined when `state` is not one (e.g. damaged). */
export function scenarioOfState(state: unknown): string | undefined {
  const scenario = (state as Partial<PanelState> | null | undefined)?.scenario;
  // A URI has a scheme (file:, untitled:, vscode-remote:, ...).
  return typeof scenario === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(scenario) ? scenario : undefined;
}
