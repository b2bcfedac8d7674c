/**
 * Chart.js set-up for the results page: only the parts the charts use (keeps the bundle small and
 * free of eval), theme colours, and four small plugins — a background fill (exported PNGs stay
 * readable outside the editor), shaded bands (periods that miss an SLO), labelled reference lines
 * (SLOs, T/R, chosen k, traffic changes) and per-point error bars with notes (the study plots'
 * standard deviation and infeasible share).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import type { Palette } from './theme.js';

export interface ReferenceLine {
  /** Horizontal lines sit at a y value, vertical ones at an x value. */
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label: string;
  readonly colour: string;
}

/** Per-point extras of one dataset: symmetric error bars (data units) and short notes above the points. */
export interface PointExtras {
  readonly dataset: number;
  readonly errors?: readonly (number | null)[];
  readonly notes?: readonly (string | null)[];
}

/** Shaded spans of the x axis, each from `from` - 1/2 to `to` + 1/2 (whole periods). */
export interface Bands {
  readonly ranges: readonly { readonly from: number; readonly to: number }[];
  readonly colour: string;
}

declare module 'chart.js' {
  // The type parameter must be declared to merge with Chart.js's own declaration; it is unused here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    nscBackground?: { readonly colour: string };
    nscBands?: Bands;
    nscLines?: { readonly lines: readonly ReferenceLine[] };
    nscPointExtras?: { readonly datasets: readonly PointExtras[] };
  }
}

const background: Plugin = {
  id: 'nscBackground',
  beforeDraw(chart, _args, options: { colour?: string }) {
    if (!options.colour) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = options.colour;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Drawn under the data, clipped to the chart area. */
const bands: Plugin = {
  id: 'nscBands',
  beforeDatasetsDraw(chart, _args, options: Partial<Bands>) {
    const x = chart.scales.x;
    if (!x || !options.ranges?.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.fillStyle = options.colour ?? 'transparent';
    for (const { from, to } of options.ranges) {
      const left = Math.max(chartArea.left, x.getPixelForValue(from - 0.5));
      const right = Math.min(chartArea.right, x.getPixelForValue(to + 0.5));
      if (right > left) ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
    }
    ctx.restore();
  },
};

/** Lines beyond the axis are not drawn; their labels line up at the far edge with an arrow. */
const referenceLines: Plugin = {
  id: 'nscLines',
  afterDatasetsDraw(chart, _args, options: { lines?: readonly ReferenceLine[] }) {
    const { ctx, chartArea, scales } = chart;
    let offScale = 0;
    for (const line of options.lines ?? []) {
      const scale = scales[line.axis];
      if (!scale) continue;
      ctx.save();
      ctx.strokeStyle = line.colour;
      ctx.fillStyle = line.colour;
      ctx.textBaseline = 'bottom';
      if (line.value > scale.max && line.axis === 'y') {
        // Centred: the left and right ends of the top carry the labels of drawn lines.
        ctx.textAlign = 'center';
        ctx.fillText(`${line.label} ↑`, (chartArea.left + chartArea.right) / 2, chartArea.top + 16 + 16 * offScale++);
        ctx.restore();
        continue;
      }
      if (line.value > scale.max) {
        // Horizontal bars fill the chart area's height: the label goes above it (charts leave room, see OFF_SCALE_ROOM).
        ctx.textAlign = 'right';
        ctx.fillText(`${line.label} →`, chartArea.right, chartArea.top - 2 - 16 * offScale++);
        ctx.restore();
        continue;
      }
      const at = scale.getPixelForValue(line.value);
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      if (line.axis === 'y') {
        ctx.moveTo(chartArea.left, at);
        ctx.lineTo(chartArea.right, at);
      } else {
        ctx.moveTo(at, chartArea.top);
        ctx.lineTo(at, chartArea.bottom);
      }
      ctx.stroke();
      ctx.textAlign = line.axis === 'y' ? 'right' : 'left';
      if (line.axis === 'y') ctx.fillText(line.label, chartArea.right - 4, at - 3);
      else ctx.fillText(line.label, at + 4, chartArea.top + 14);
      ctx.restore();
    }
  },
};

/** Layout padding above a chart whose x axis may have an off-scale reference line. */
export const OFF_SCALE_ROOM = { top: 18 };

/**
 * Upper end of a value axis: the data plus the reference values within 4× of it. A farther SLO
 * would flatten the data into the axis; it is labelled at the edge instead (see referenceLines).
 */
export function axisMax(data: readonly number[], references: readonly number[]): number {
  const top = Math.max(0, ...data);
  return Math.max(top, ...references.filter((v) => top === 0 || v <= 4 * top)) * 1.1;
}

const pointExtras: Plugin = {
  id: 'nscPointExtras',
  afterDatasetsDraw(chart, _args, options: { datasets?: readonly PointExtras[] }) {
    const { ctx } = chart;
    const y = chart.scales.y;
    for (const extras of options.datasets ?? []) {
      const meta = chart.getDatasetMeta(extras.dataset);
      if (meta.hidden || !chart.isDatasetVisible(extras.dataset)) continue;
      const border = chart.data.datasets[extras.dataset].borderColor;
      const colour = typeof border === 'string' ? border : '';
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 1.5;
      meta.data.forEach((point, i) => {
        const value = y.getValueForPixel(point.y);
        const error = extras.errors?.[i];
        if (error && value !== undefined && Number.isFinite(point.y)) {
          const top = y.getPixelForValue(value + error);
          const bottom = y.getPixelForValue(value - error);
          ctx.beginPath();
          ctx.moveTo(point.x, top);
          ctx.lineTo(point.x, bottom);
          ctx.moveTo(point.x - 4, top);
          ctx.lineTo(point.x + 4, top);
          ctx.moveTo(point.x - 4, bottom);
          ctx.lineTo(point.x + 4, bottom);
          ctx.stroke();
        }
        const note = extras.notes?.[i];
        if (note) {
          // A point without a value (nothing feasible) has no y: its note sits on the x axis, one line per dataset.
          const at = Number.isFinite(point.y) ? point.y - 8 : chart.chartArea.bottom - 4 - 14 * extras.dataset;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText(note, point.x, at);
        }
      });
      ctx.restore();
    }
  },
};

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Legend,
  Tooltip,
  background,
  bands,
  referenceLines,
  pointExtras,
);

/** Charts of the current rendering, destroyed before the next one (Chart.js keeps listeners otherwise). */
const live: Chart[] = [];

export function destroyCharts(): void {
  for (const chart of live.splice(0)) chart.destroy();
}

/** A chart in the page's theme: no animation (screenshots and exports show the final state). */
export function themedChart<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>, palette: Palette): Chart<T> {
  Chart.defaults.color = palette.foreground;
  Chart.defaults.borderColor = palette.grid;
  Chart.defaults.font.family = palette.fontFamily;
  Chart.defaults.font.size = palette.fontSize;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.nscBackground = { colour: palette.background };
  // Point styles in the legend: dashed lines and SLO markers read better than filled boxes.
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  const chart = new Chart(canvas, config);
  live.push(chart as unknown as Chart);
  return chart;
}

/** Axis title options, used by every chart. */
export const axisTitle = (text: string) => ({ display: true, text });
