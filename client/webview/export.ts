/**
 * Getting a chart out of the page. In VS Code the extension host saves the file (a webview cannot
 * write files or trigger downloads); in the standalone report the browser downloads it.
 */
import type { ExportFormat, PanelState, WebviewMessage } from '../messages.js';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  /** Kept by VS Code across window reloads; given back to the extension to restore the panel. */
  setState(state: PanelState): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** The VS Code webview API, or undefined in the standalone report (it may be acquired only once). */
export const vscodeApi: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

const MIME: Record<ExportFormat, string> = { png: 'image/png', svg: 'image/svg+xml', csv: 'text/csv' };

export function saveFile(format: ExportFormat, name: string, data: string): void {
  if (vscodeApi) {
    vscodeApi.postMessage({ type: 'export', format, name, data });
    return;
  }
  const href = format === 'png' ? data : URL.createObjectURL(new Blob([data], { type: MIME[format] }));
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
  if (href !== data) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** RFC 4180 CSV: every field quoted where needed, nulls empty. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (value: string | number | null) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A file name from declaration and chart names: letters, digits, `-`, `_` and `.` only. */
export function fileName(parts: readonly string[], extension: ExportFormat): string {
  const base =
    parts
      .join('-')
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+/, '') || 'chart';
  return `${base}.${extension}`;
}

/** An SVG that shows a PNG: the "SVG" export of a canvas chart. */
export function svgWrappingPng(png: string, width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${png}"/></svg>\n`;
}

/** Renders an SVG element to a PNG data URL at twice its size (sharper on high-DPI screens). */
export async function svgToPng(element: SVGSVGElement, background: string): Promise<string> {
  const width = Number(element.getAttribute('width'));
  const height = Number(element.getAttribute('height'));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(element))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
