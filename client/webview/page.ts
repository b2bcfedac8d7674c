/** The results page: a header with the file and solve status, then one section per declaration. */
import type { ScenarioResults } from '../../server/protocol.js';
import type { Context } from './card.js';
import { html } from './dom.js';
import { seconds } from './format.js';
import { placementFigures, placementSummary } from './placement.js';
import { serviceFigures, serviceSummary } from './service.js';
import { studyFigures, studySummary } from './study.js';
import { switchFigures, switchSummary } from './switch.js';
import type { Palette } from './theme.js';

export interface RenderedPage {
  readonly element: HTMLElement;
  /** Section of each declaration, for scrolling to it. */
  readonly sections: ReadonlyMap<string, HTMLElement>;
  /** Chart drawing that needs the page in the document. */
  readonly draw: () => void;
}

interface Declaration {
  readonly kind: 'placement' | 'switch' | 'service' | 'study';
  readonly name: string;
  readonly verdict?: 'feasible' | 'infeasible' | 'timeout';
  readonly summary: string;
  readonly figures: (context: Context) => HTMLElement[];
}

function declarations(results: ScenarioResults): Declaration[] {
  return [
    ...results.placements.map((p): Declaration => ({
      kind: 'placement',
      name: p.name,
      verdict: p.result.status,
      summary: placementSummary(p),
      figures: (c) => placementFigures(c, p),
    })),
    ...results.switches.map((s): Declaration => ({ kind: 'switch', name: s.name, verdict: s.result.status, summary: switchSummary(s), figures: (c) => switchFigures(c, s) })),
    ...results.services.map((s): Declaration => ({ kind: 'service', name: s.name, verdict: s.result.status, summary: serviceSummary(s), figures: (c) => serviceFigures(c, s) })),
    ...results.studies.map((s): Declaration => ({ kind: 'study', name: s.name, summary: studySummary(s), figures: (c) => studyFigures(c, s) })),
  ];
}

/** The last path segment of a URI, decoded: what the user calls the file. */
function fileLabel(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function statusLine(results: ScenarioResults): string {
  if (results.status === 'solved') return `Solved in ${seconds(results.seconds)}.`;
  if (results.status === 'not-solved') return `${results.message ?? 'Not solved: the file has errors'}. Fix them and save to solve.`.replace(/^n/, 'N');
  const what = results.status === 'timeout' ? 'The solve stopped at the time limit' : 'The solve failed';
  return `${what}${results.message ? `: ${results.message}` : ''}.`;
}

export function renderPage(results: ScenarioResults | null, palette: Palette): RenderedPage {
  const draws: (() => void)[] = [];
  const sections = new Map<string, HTMLElement>();
  if (!results) {
    const empty = html('main', {}, html('p', { class: 'empty' }, 'No results yet: save the scenario, or run “NetScenario: Solve Now”.'));
    return { element: empty, sections, draw: () => undefined };
  }
  const list = declarations(results);
  const header = html(
    'header',
    {},
    html('h1', {}, 'Results · ', html('span', { class: 'file' }, fileLabel(results.uri))),
    html('p', { class: 'uri', title: results.uri }, results.uri),
    html('p', { class: `status ${results.status}` }, statusLine(results)),
    list.length > 0 ? html('nav', {}, ...list.map((d, i) => html('a', { href: `#declaration-${i}` }, `${d.kind} ${d.name}`))) : null,
  );
  const body = list.map((declaration, i) => {
    const context: Context = { palette, declaration: declaration.name, afterAttach: (draw) => draws.push(draw) };
    const section = html(
      'section',
      { id: `declaration-${i}`, class: 'declaration' },
      html(
        'h2',
        {},
        html('span', { class: 'kind' }, declaration.kind),
        ' ',
        html('span', { class: 'name' }, declaration.name),
        declaration.verdict ? html('span', { class: `verdict ${declaration.verdict}` }, declaration.verdict) : null,
      ),
      html('p', { class: 'summary' }, declaration.summary),
      html('div', { class: 'figures' }, ...declaration.figures(context)),
    );
    sections.set(declaration.name, section);
    return section;
  });
  const empty = list.length === 0 && results.status === 'solved' ? html('p', { class: 'empty' }, 'This file declares no placement, switch, service or study.') : null;
  return { element: html('main', {}, header, ...body, empty), sections, draw: () => draws.forEach((draw) => draw()) };
}
