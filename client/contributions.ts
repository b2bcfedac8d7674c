/**
 * Names that package.json's contributions and the extension code must spell alike (a test checks
 * package.json against them). No VS Code import: the tests load this file.
 */

/** Context key, true while the active scenario is being solved: Cancel Solve is offered only then. */
export const SOLVING_CONTEXT = 'netscenario.solving';
