/**
 * Declaration names are unique across the workspace (validation/names.ts), so a file's
 * duplicate-name errors depend on what other files declare. Langium's incremental build re-validates
 * only the files that reference a changed file: renaming the other declaration left its twin with a
 * stale error (which also kept it from being solved), and a new twin went unreported in the older
 * file. This builder also relinks, and so re-validates, a file that has such an error and a file
 * that declares a name a changed file declares now.
 */
import { DefaultDocumentBuilder, type LangiumDocument, type LangiumSharedCoreServices, type TextDocumentProvider } from 'langium';
import { isScenario } from './generated/ast.js';
import { isWorkspaceDuplicate } from './validation/names.js';

/** Names after a declaration keyword: a superset of what the text declares (comments count too), read without parsing. */
const DECLARED = /\b(?:topology|curve|placement|switch|study)\s+([_a-zA-Zµ][\w_µ]*)/g;

export class NetScenarioDocumentBuilder extends DefaultDocumentBuilder {
  private readonly openTexts: TextDocumentProvider | undefined;
  /** The names the changed files declare, per set of changed URIs (shouldRelink is asked once per file with the same set). */
  private readonly declaredByChanged = new WeakMap<Set<string>, Set<string>>();

  constructor(services: LangiumSharedCoreServices) {
    super(services);
    this.openTexts = services.workspace.TextDocuments;
  }

  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    if (super.shouldRelink(document, changedUris) || document.diagnostics?.some((d) => isWorkspaceDuplicate(d.data))) return true;
    const root = document.parseResult.value;
    const changedNames = this.namesDeclaredIn(changedUris);
    return isScenario(root) && root.declarations.some((declaration) => changedNames.has(declaration.name));
  }

  private namesDeclaredIn(uris: Set<string>): Set<string> {
    let names = this.declaredByChanged.get(uris);
    if (!names) {
      // The new text of an open file; a file changed on disk only is re-read later, in the build.
      const texts = [...uris].map((uri) => this.openTexts?.get(uri)?.getText() ?? '');
      names = new Set(texts.flatMap((text) => [...text.matchAll(DECLARED)].map((m) => m[1])));
      this.declaredByChanged.set(uris, names);
    }
    return names;
  }
}
