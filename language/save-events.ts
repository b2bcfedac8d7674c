/**
 * Langium only announces `save` in the server's capabilities when its update handler handles
 * didSave; this one does, and re-fires the event so the server can solve on save.
 * It also rebuilds the scenarios that read a trace file (`traffic from`) when that file changes on
 * disk: Langium's own handler only rebuilds the files of the language.
 */
import { Emitter } from 'langium';
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { DidChangeWatchedFilesParams, TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TraceFiles } from './trace-files.js';

export class SaveAwareDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  private readonly saved = new Emitter<TextDocument>();
  readonly onDidSave = this.saved.event;

  didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
    this.saved.fire(event.document);
  }

  override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    super.didChangeWatchedFiles(params);
    const changed = params.changes.map((change) => URI.parse(change.uri));
    const readers = this.serviceRegistry.all.flatMap((services) => {
      const traces = (services as { traffic?: { TraceFiles: TraceFiles } }).traffic?.TraceFiles;
      return traces ? traces.readersOf(changed) : [];
    });
    if (readers.length > 0) this.fireDocumentUpdate(readers, []);
  }
}
