/**
 * Names shared by the server's providers and the VS Code client. Dependency-free on purpose:
 * the client bundles these constants (through server/protocol.ts) and nothing else of the server.
 */

/** VS Code commands the client registers and code lenses invoke. */
export const LENS_COMMANDS = { showResults: 'netscenario.showResults', solve: 'netscenario.solveNow' } as const;

/** Code action kind of "apply the chosen weights" (the client's Apply Chosen Weights command asks for it). */
export const APPLY_WEIGHTS_KIND = 'refactor.rewrite.netscenario.applyWeights';
