/**
 * Names that package.json's contributions and the extension code must spell alike (a test checks
 * package.json against them). No VS Code import: the tests load this file.
 */

/** The results panel's webview type; `onWebviewPanel:` + this activates the extension to restore one. */
export const RESULTS_VIEW_TYPE = 'netscenario.results';

/** Context key, true while the active scenario is being solved: Cancel Solve is offered only then. */
export const SOLVING_CONTEXT = 'netscenario.solving';
