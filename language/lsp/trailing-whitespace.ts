/**
 * Trailing spaces that the token rules of the formatter never see: at the end of the file, on blank
 * lines before a comment, after the last token before a comment line, after a line comment.
 */
import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'langium';

/** `edits` plus deletions of the trailing whitespace of every line (within `range`) they leave alone, in document order. */
export function withTrailingWhitespaceRemoved(document: TextDocument, edits: TextEdit[], range?: Range): TextEdit[] {
  const spans = edits.map((edit) => [document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)] as const);
  const firstLine = range?.start.line ?? 0;
  const lastLine = range?.end.line ?? document.lineCount - 1;
  const removals: TextEdit[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    const text = document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, '');
    const trailing = /[ \t]+$/.exec(text);
    if (!trailing) continue;
    const start = document.offsetAt({ line, character: trailing.index });
    const end = document.offsetAt({ line, character: text.length });
    // An edit touching these spaces already decides them (e.g. a line break that replaces them).
    if (spans.some(([from, to]) => from <= end && start <= to)) continue;
    removals.push({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '' });
  }
  return [...edits, ...removals].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
}
