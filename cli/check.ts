/** `nsc check FILE...`: parse, link, validate; print diagnostics of the named files. */
import { EXIT } from './exit-codes.js';
import { writeOut } from './output.js';
import { fileDiagnostics, formatDiagnostic, loadWorkspace } from './workspace.js';

export async function runCheck(files: readonly string[], workspaceDir?: string): Promise<number> {
  const workspace = await loadWorkspace(files, workspaceDir);
  for (const diagnostic of workspace.files.flatMap(fileDiagnostics)) writeOut(`${formatDiagnostic(diagnostic)}\n`);
  return workspace.hasErrors ? EXIT.inputError : EXIT.ok;
}
