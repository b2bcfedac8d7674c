/**
 * Hover and completion texts are written in markdown; a client that cannot render it (it lists
 * content formats without `markdown`, e.g. Eglot without markdown-mode) gets the same text as
 * plain text: no `**`, no backticks, tables as aligned columns.
 */
import { MarkupKind, type MarkupContent } from 'vscode-languageserver';

/**
 * Whether a client that declared `formats` (hover `contentFormat`, completion `documentationFormat`)
 * renders markdown. A client that declares nothing gets markdown, as every client did before the
 * capability existed and as test clients expect.
 */
export function rendersMarkdown(formats: readonly string[] | undefined): boolean {
  return formats === undefined || formats.includes(MarkupKind.Markdown);
}

export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: plainText(markdown) };
}

/** The markdown these providers write (emphasis, code, links, headings, fences, tables) as plain text. */
export function plainText(markdown: string): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flushTable = () => {
    out.push(...alignedColumns(table));
    table = [];
  };
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('|')) {
      const cells = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => inline(cell.trim()));
      if (!cells.every((cell) => /^:?-+:?$/.test(cell))) table.push(cells);
      continue;
    }
    if (table.length > 0) flushTable();
    if (/^\s*```/.test(line)) continue;
    out.push(inline(line.replace(/^#{1,6}\s+/, '')));
  }
  if (table.length > 0) flushTable();
  return out.join('\n');
}

function inline(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((https?:[^)]*)\)/g, '$1 ($2)')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1');
}

function alignedColumns(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}
