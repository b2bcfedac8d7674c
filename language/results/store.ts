/**
 * The latest solve results per document, as the editor features read them. The server fills it;
 * providers only ever see results for the exact document version they were computed on, so a
 * stale result is never shown (after an edit, results reappear with the next solve).
 */
import { Emitter, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { ScenarioResults } from './model.js';

export class ResultStore {
  private readonly byUri = new Map<string, ScenarioResults>();
  private readonly changed = new Emitter<ScenarioResults>();
  /** Fires after results are stored (or cleared, with the cleared results). */
  readonly onDidChange = this.changed.event;

  set(results: ScenarioResults): void {
    this.byUri.set(results.uri, results);
    this.changed.fire(results);
  }

  delete(uri: string): void {
    const old = this.byUri.get(uri);
    if (old && this.byUri.delete(uri)) this.changed.fire(old);
  }

  /** Results of `document` if they belong to its current version. */
  current(document: LangiumDocument): ScenarioResults | undefined {
    const results = this.byUri.get(document.uri.toString());
    return results && results.version === document.textDocument.version ? results : undefined;
  }

  /** The latest results of any version (for the results panel, which says which version it shows). */
  latest(uri: string): ScenarioResults | undefined {
    return this.byUri.get(uri);
  }

  /** Results of every document that are current, e.g. placements (anywhere) on a topology of this file. */
  *allCurrent(documents: LangiumDocuments): Generator<ScenarioResults> {
    for (const results of this.byUri.values()) {
      const document = documents.getDocument(URI.parse(results.uri));
      if (document && this.current(document) === results) yield results;
    }
  }
}
