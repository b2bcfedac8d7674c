/**
 * What the connected client can do, from its `initialize` request: the server speaks to more than
 * VS Code (Neovim, Emacs, Helix), so requests and command names depend on what the client declared.
 * Without a client (CLI, tests) nothing is declared.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams } from 'vscode-languageserver';
import { rendersMarkdown } from './markup.js';

/** `initializationOptions` by which the NetScenario VS Code client says it registers the client commands. */
export interface NetScenarioInitializationOptions {
  readonly clientCommands?: boolean;
}

export class ClientSupport {
  /** The client registers netscenario.showResults and netscenario.solveNow (the VS Code extension does). */
  clientCommands = false;
  inlayHintRefresh = false;
  codeLensRefresh = false;
  showDocument = false;
  /** Hover contents may be markdown; otherwise plain text (see rendersMarkdown for a client that declares nothing). */
  markdownHover = true;

  constructor(shared: LangiumSharedServices) {
    shared.lsp.LanguageServer.onInitialize((params) => this.read(params));
  }

  read({ capabilities, initializationOptions }: InitializeParams): void {
    this.clientCommands = (initializationOptions as NetScenarioInitializationOptions | undefined)?.clientCommands === true;
    this.inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
    this.codeLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
    this.showDocument = capabilities.window?.showDocument?.support === true;
    this.markdownHover = rendersMarkdown(capabilities.textDocument?.hover?.contentFormat);
  }
}
