/**
 * The package as the marketplace and VS Code see it: package.json's contributions agree with the
 * names the extension code uses, the README documents every setting and command, its links stay
 * inside the repository, and the .vsix holds what the installed extension loads and nothing else.
 * Runs on the files `npm test` has just built (dist/).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { describe, expect, it } from 'vitest';
import { RESULTS_VIEW_TYPE, SOLVING_CONTEXT } from '../../client/contributions.js';
import { scenarioOfState } from '../../client/messages.js';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Command {
  command: string;
  title: string;
}
interface Setting {
  default: unknown;
}

describe('package.json contributions', () => {
  it('restore the results panel: the extension activates for its webview type', () => {
    expect(manifest.activationEvents).toContain(`onWebviewPanel:${RESULTS_VIEW_TYPE}`);
  });

  it('offer Cancel Solve in the command palette only while solving, Import Topology always, and the other commands for any scenario', () => {
    const palette = manifest.contributes.menus.commandPalette as { command: string; when?: string }[];
    const when = Object.fromEntries(palette.map((m) => [m.command, m.when]));
    expect(when['netscenario.cancelSolve']).toBe(`editorLangId == netscenario && ${SOLVING_CONTEXT}`);
    // Importing makes the first .nsc file: no scenario needs to be open.
    expect(palette.some((m) => m.command === 'netscenario.importTopology')).toBe(true);
    expect(when['netscenario.importTopology']).toBeUndefined();
    for (const { command } of manifest.contributes.commands as Command[]) {
      if (command !== 'netscenario.cancelSolve' && command !== 'netscenario.importTopology') expect(when[command], command).toBe('editorLangId == netscenario');
    }
  });

  it('name the repository the README links resolve against', () => {
    const repository = 'https://github.com/netscenario/netscenario';
    expect(manifest.repository.url).toBe(`${repository}.git`);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
    expect(manifest.homepage.startsWith(repository)).toBe(true);
  });
});

describe('the panel state a webview keeps across a window reload', () => {
  it('gives back the scenario URI', () => {
    expect(scenarioOfState({ scenario: 'file:///home/me/edge-site.nsc' })).toBe('file:///home/me/edge-site.nsc');
    expect(scenarioOfState({ scenario: 'vscode-remote://ssh-remote+box/srv/a.nsc' })).toBe('vscode-remote://ssh-remote+box/srv/a.nsc');
  });

  it('is not one when it is missing, damaged or not a URI', () => {
    for (const state of [undefined, null, 42, 'file:///a.nsc', {}, { scenario: 7 }, { scenario: '' }, { scenario: '/home/me/a.nsc' }, { scenario: '1http://x' }]) {
      expect(scenarioOfState(state), JSON.stringify(state)).toBeUndefined();
    }
  });
});

/** The rows `| `name` | … |` of the README table whose header starts with `| header |`. */
function tableRows(header: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${header} |`));
  expect(start, `README table '${header}'`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('the README', () => {
  it('lists every setting with its default', () => {
    const settings = manifest.contributes.configuration.properties as Record<string, Setting>;
    const documented = Object.fromEntries(tableRows('setting').map(([name, value]) => [name.replaceAll('`', ''), value.replaceAll('`', '')]));
    expect(Object.keys(documented).sort()).toEqual(Object.keys(settings).sort());
    for (const [name, setting] of Object.entries(settings)) expect(documented[name], name).toBe(String(setting.default));
  });

  it('lists every command by its palette title', () => {
    const titles = (manifest.contributes.commands as Command[]).map((c) => `NetScenario: ${c.title}`);
    expect(
      tableRows('command')
        .map(([title]) => title)
        .sort(),
    ).toEqual(titles.sort());
  });

  it("quick start's switch is examples/paper-fork.nsc (which the example tests check and solve)", () => {
    const block = /^ {3}```\n([\s\S]*?)\n {3}```$/m.exec(readme);
    expect(block, 'the quick start code block').not.toBeNull();
    const quickStart = block![1].split('\n').map((l) => l.slice(3));
    const example = readFileSync(join(root, 'examples/paper-fork.nsc'), 'utf8')
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('//'));
    expect(quickStart).toEqual(example);
  });

  it('links only to files of the repository, and its images exist', () => {
    const links = [...readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, image, target]) => ({ image: image === '!', target }));
    expect(links.length).toBeGreaterThan(0);
    for (const { image, target } of links) {
      if (/^https?:/.test(target)) continue;
      // vsce rewrites relative links to the repository's URLs: they must stay inside it.
      expect(normalize(target).startsWith('..'), target).toBe(false);
      if (image) expect(existsSync(join(root, target)), target).toBe(true);
    }
    expect(readme).not.toMatch(/\.\.\/|seeds\//);
  });
});

const EXTENSION_BUNDLES = ['extension.cjs', 'highs.wasm', 'server.mjs', 'solve-worker.js', 'third-party-notices.txt', 'webview.css', 'webview.js'];
const CLI_BUNDLES = ['nsc.mjs', 'study-worker.js'];
/** What the bundles are made of: all devDependencies, since nothing installed needs node_modules. */
const BUNDLED_PACKAGES = ['chart.js', 'highs', 'langium', 'vscode-languageclient', 'vscode-languageserver', 'vscode-uri'];

describe('the .vsix (npm run package)', () => {
  it('holds the bundles, the page assets, the notices, README, CHANGELOG and LICENSE, and no sources, maps or node_modules', async () => {
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    expect(readdirSync(join(root, 'dist')).sort()).toEqual([...EXTENSION_BUNDLES, ...CLI_BUNDLES].sort());
    const dist = EXTENSION_BUNDLES.map((f) => `dist/${f}`);
    // The CLI's bundles are for the npm package (test/cli/install.test.ts), not the extension.
    for (const file of CLI_BUNDLES) expect(files).not.toContain(`dist/${file}`);
    for (const file of [
      ...dist,
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'language-configuration.json',
      'syntaxes/netscenario.tmLanguage.json',
      'snippets/netscenario.json',
      manifest.icon,
    ]) {
      expect(files, file).toContain(file);
    }
    const unwanted = files.filter((f) => /\.(map|ts)$/.test(f) || /^(node_modules|out|test|docs|examples|client|server|engine|language|cli|bench|scripts)\//.test(f));
    expect(unwanted).toEqual([]);
  });

  it('bundles that point at no source map', () => {
    for (const bundle of ['extension.cjs', 'server.mjs', 'solve-worker.js', 'webview.js', ...CLI_BUNDLES]) {
      expect(readFileSync(join(root, 'dist', bundle), 'utf8'), bundle).not.toContain('sourceMappingURL');
    }
  });

  it('credits every bundled package in the notices, with its licence text', () => {
    const notices = readFileSync(join(root, 'dist/third-party-notices.txt'), 'utf8');
    for (const name of BUNDLED_PACKAGES) expect(notices, name).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    expect(notices).toContain('Permission is hereby granted');
    expect(notices).toContain('Apache License');
  });
});
