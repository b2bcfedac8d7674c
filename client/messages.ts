/**
 * Messages between the results webview and the extension host. Plain types and constants: both the
 * browser bundle (client/webview) and the extension (client/results-panel.ts) import this file.
 */
import type { ScenarioResults } from '../server/protocol.js';

export const EXPORT_FORMATS = ['png', 'svg', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Host -> webview: results to draw (null: none yet), optionally scrolled to one declaration. */
export interface ShowMessage {
  readonly type: 'show';
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
