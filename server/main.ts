/**
 * The NetScenario language server: `node out/server/main.js --stdio`, or over IPC when the VS Code
 * client starts it. Validates every change (parse, link, validate) and publishes diagnostics.
 */
import '../language/polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createNetScenarioServices } from '../language/netscenario-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createNetScenarioServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
