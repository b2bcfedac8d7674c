/**
 * Entry of the results page (dist/webview.js). In VS Code the extension host posts the results
 * (`show` messages, see ../messages.ts), and the page keeps which scenario it shows as its webview
 * state, so VS Code can restore the panel after a window reload; the standalone report (`nsc report`)
 * embeds the results as JSON in `<script type="application/json" id="nsc-results">`.
 */
import type { ScenarioResults } from '../../server/protocol.js';
import type { PanelState, ShowMessage } from '../messages.js';
import { destroyCharts } from './charts.js';
import { vscodeApi } from './export.js';
import { renderPage } from './page.js';
import { onThemeChange, readPalette } from './theme.js';

const root = document.getElementById('nsc-root') ?? document.body;
let shown: { results: ScenarioResults | null; focus?: string } = { results: null };

function render(focus?: string): void {
  destroyCharts();
  const page = renderPage(shown.results, readPalette());
  root.replaceChildren(page.element);
  page.draw();
  const target = focus === undefined ? undefined : page.sections.get(focus);
  if (target) {
    target.scrollIntoView({ block: 'start' });
    target.classList.add('focused');
  }
}

const embedded = document.getElementById('nsc-results');
if (embedded?.textContent) {
  shown = { results: JSON.parse(embedded.textContent) as ScenarioResults };
  render();
}

window.addEventListener('message', (event: MessageEvent<ShowMessage>) => {
  if (event.data?.type !== 'show') return;
  vscodeApi?.setState({ scenario: event.data.scenario } satisfies PanelState);
  shown = { results: event.data.results };
  render(event.data.focus);
});
onThemeChange(() => render());
vscodeApi?.postMessage({ type: 'ready' });
