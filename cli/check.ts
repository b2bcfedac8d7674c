/** `nsc check FILE...`: parse, link, validate; print diagnostics of the named files. */
import { EXIT } from './exit-codes.js';
import { formatDiagnostics, loadWorkspace } from './workspace.js';

export async function runCheck(files: readonly string[], workspaceDir?: string): Promise<number> {
  const workspace = await loadWorkspace(files, workspaceDir);
  for (const file of workspace.files) {
    for (const line of formatDiagnostics(file)) process.stdout.write(`${line}\n`);
  }
  return workspace.hasErrors ? EXIT.inputError : EXIT.ok;
}
