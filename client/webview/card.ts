/** A titled figure with PNG / SVG / CSV export buttons: the unit every section is made of. */
import type { Chart, ChartConfiguration, ChartType } from 'chart.js';
import type { ExportFormat } from '../messages.js';
import { themedChart } from './charts.js';
import { html } from './dom.js';
import { fileName, saveFile, svgToPng, svgWrappingPng, toCsv } from './export.js';
import type { Palette } from './theme.js';

/** What a section needs to build its figures. */
export interface Context {
  readonly palette: Palette;
  /** Declaration the figures belong to (prefix of exported file names). */
  readonly declaration: string;
  /** Runs `draw` once the page is in the document (Chart.js sizes canvases from their container). */
  readonly afterAttach: (draw: () => void) => void;
}

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

type Exports = Record<ExportFormat, () => Promise<string> | string>;

function card(context: Context, title: string, body: HTMLElement, exports: Exports): HTMLElement {
  const buttons = (Object.keys(exports) as ExportFormat[]).map((format) => {
    const button = html('button', { type: 'button', title: `Save ${title} as ${format.toUpperCase()}` }, format.toUpperCase());
    button.addEventListener('click', () => void Promise.resolve(exports[format]()).then((data) => saveFile(format, fileName([context.declaration, title], format), data)));
    return button;
  });
  return html('figure', { class: 'card' }, html('figcaption', {}, html('span', { class: 'card-title' }, title), html('span', { class: 'card-actions' }, ...buttons)), body);
}

/** `short` suits a single horizontal bar. */
export function chartCard<T extends ChartType>(context: Context, title: string, config: ChartConfiguration<T>, data: Table, height: 'normal' | 'short' = 'normal'): HTMLElement {
  const canvas = html('canvas', { role: 'img', 'aria-label': title });
  let chart: Chart<T> | undefined;
  context.afterAttach(() => (chart = themedChart(canvas, config, context.palette)));
  const png = () => chart?.toBase64Image('image/png', 1) ?? '';
  return card(context, title, html('div', { class: `chart ${height}` }, canvas), {
    png,
    svg: () => svgWrappingPng(png(), canvas.width, canvas.height),
    csv: () => toCsv(data.header, data.rows),
  });
}

export function svgCard(context: Context, title: string, figure: SVGSVGElement, data: Table): HTMLElement {
  return card(context, title, html('div', { class: 'diagram' }, figure), {
    png: () => svgToPng(figure, context.palette.background),
    svg: () => `${new XMLSerializer().serializeToString(figure)}\n`,
    csv: () => toCsv(data.header, data.rows),
  });
}
