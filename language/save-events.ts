/**
 * Langium only announces `save` in the server's capabilities when its update handler handles
 * didSave; this one does, and re-fires the event so the server can solve on save.
 */
import { Emitter } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class SaveAwareDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  private readonly saved = new Emitter<TextDocument>();
  readonly onDidSave = this.saved.event;

  didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
    this.saved.fire(event.document);
  }
}
