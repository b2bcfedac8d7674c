/**
 * The commands the server runs for any LSP client (workspace/executeCommand): code lenses name
 * them, so a lens works in Neovim or Emacs as well as in VS Code.
 */
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor } from 'langium/lsp';
import type { Connection, Range } from 'vscode-languageserver';
import type { ClientSupport } from '../language/lsp/client-support.js';
import { SERVER_COMMANDS } from '../language/results/commands.js';
import type { SolveOrchestrator } from './solve-orchestrator.js';

export class ServerCommands extends AbstractExecuteCommandHandler {
  private bound: { orchestrator: SolveOrchestrator; connection: Connection; client: ClientSupport } | undefined;

  /** The handler is created with the services, the orchestrator after them. */
  bind(orchestrator: SolveOrchestrator, connection: Connection, client: ClientSupport): void {
    this.bound = { orchestrator, connection, client };
  }

  registerCommands(accept: ExecuteCommandAcceptor): void {
    accept(SERVER_COMMANDS.solve, async ([uri]) => (typeof uri === 'string' ? ((await this.bound?.orchestrator.solveNow(uri)) ?? null) : null));
    accept(SERVER_COMMANDS.reveal, async ([uri, range]) => {
      if (typeof uri !== 'string' || !this.bound?.client.showDocument) return false;
      const { success } = await this.bound.connection.window.showDocument({ uri, selection: range as Range, takeFocus: true });
      return success;
    });
  }
}
