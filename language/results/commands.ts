/**
 * Names shared by the server's providers and the VS Code client. Dependency-free on purpose:
 * the client bundles these constants (through server/protocol.ts) and nothing else of the server.
 */

/** VS Code commands the client registers (code lenses name them only for a client that declares them). */
export const CLIENT_COMMANDS = { showResults: 'netscenario.showResults', solve: 'netscenario.solveNow' } as const;

/**
 * Commands the server runs itself (workspace/executeCommand), so code lenses work in any client:
 * solve a document now (arguments: uri), and reveal a place (arguments: uri, range) through the
 * client's window/showDocument.
 */
export const SERVER_COMMANDS = { solve: 'netscenario.server.solve', reveal: 'netscenario.server.reveal' } as const;

/** Code action kind of "apply the chosen weights" (the client's Apply Chosen Weights command asks for it). */
export const APPLY_WEIGHTS_KIND = 'refactor.rewrite.netscenario.applyWeights';
