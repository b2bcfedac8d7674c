/**
 * The HTML document around the results renderer (dist/webview.js), shared by the VS Code panel
 * (script and stylesheet from the extension's dist/ folder) and `nsc report` (both inlined, the
 * results embedded as JSON). Scripts run only with the page's nonce; nothing loads from the network.
 */
import { randomBytes } from 'node:crypto';
import type { ScenarioResults } from '../server/protocol.js';

/** Where a resource comes from: a URL the page may load, or its text inlined. */
export type Resource = { readonly url: string } | { readonly text: string };

export interface PageOptions {
  readonly title: string;
  /** Fresh per page: the only scripts and inline styles that run carry it. */
  readonly nonce: string;
  /** The webview's `cspSource` (origin of its local resources); undefined for a standalone file. */
  readonly cspSource?: string;
  readonly script: Resource;
  readonly style: Resource;
  /** Results embedded in the page (the standalone report); a webview receives them as a message. */
  readonly results?: ScenarioResults;
}

/** A CSP nonce: 144 random bits, base64url (a valid CSP nonce alphabet). */
export const newNonce = () => randomBytes(18).toString('base64url');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON inside <script>: `<` as \u003c, so no string in it can close the element or open a comment. */
const embeddableJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A script's text inside <script>: `</script` in a string or regex literal would end the element early. */
const embeddableScript = (text: string) => text.replace(/<\/(script)/gi, '<\\/$1');

function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const local = cspSource ? `${cspSource} ` : '';
  return `default-src 'none'; img-src ${local}data:; style-src ${local}'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export function resultsPage(options: PageOptions): string {
  const { nonce } = options;
  const style = 'url' in options.style ? `<link rel="stylesheet" href="${escapeHtml(options.style.url)}">` : `<style nonce="${nonce}">\n${options.style.text}</style>`;
  const script =
    'url' in options.script
      ? `<script nonce="${nonce}" src="${escapeHtml(options.script.url)}"></script>`
      : `<script nonce="${nonce}">\n${embeddableScript(options.script.text)}</script>`;
  const data = options.results ? `<script type="application/json" id="nsc-results">${embeddableJson(options.results)}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, options.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
${style}
</head>
<body>
<div id="nsc-root"></div>
${data}${script}
</body>
</html>
`;
}
