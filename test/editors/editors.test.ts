/**
 * The editor snippets of docs/editors.md, taken from the document itself:
 * - Neovim runs headless with the Lua snippet on a file with errors and must receive the server's
 *   diagnostics and a keyword hover (Neovim < 0.10 gets the newer API it lacks defined first);
 * - Emacs loads the Eglot snippet: it must register the mode and the server command;
 * - the Helix TOML must parse and declare the server for `.nsc` files.
 * Each part is skipped, saying why, when its editor (or Python, for TOML) is not installed. The
 * `netscenario-language-server` command of the snippets is a wrapper around the built server.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceEntries } from '../support/language-reference.js';
import { SERVER } from '../support/lsp-session.js';

const DOC = readFileSync(join(import.meta.dirname, '../../docs/editors.md'), 'utf8');

/** The one fenced block of `language` in docs/editors.md. */
function snippet(language: string): string {
  const blocks = [...DOC.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))];
  expect(blocks, `one ${language} block in docs/editors.md`).toHaveLength(1);
  return blocks[0][1];
}

const installed = (command: string, args = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
const skipUnless = (available: boolean, what: string) => {
  if (!available) console.warn(`skipped: ${what} is not installed`);
  return it.skipIf(!available);
};

/** A folder with a scenario that has errors, and a PATH on which `netscenario-language-server` runs the built server. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'nsc-editors-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'ws'));
  const wrapper = join(dir, 'bin', 'netscenario-language-server');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const file = join(dir, 'ws', 'bad.nsc');
  writeFileSync(file, 'placement P {\n  rounds 0\n}\n');
  return { dir, file, env: { ...process.env, PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH}` } };
}

// Defines what the snippet uses and Neovim < 0.10 lacks, from the API those versions have.
const NEOVIM_SHIM = `
if vim.fn.has('nvim-0.8') == 0 then vim.g.do_filetype_lua = 1 end
vim.fs = vim.fs or {}
vim.fs.dirname = vim.fs.dirname or function(path) return vim.fn.fnamemodify(path, ':h') end
vim.fs.root = vim.fs.root or function(buf, markers)
  local found = vim.fn.finddir(markers[1], vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h') .. ';')
  if found == '' then return nil end
  return vim.fn.fnamemodify(found, ':p:h:h')
end
vim.lsp.start = vim.lsp.start or function(config)
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
  return id
end
`;

// Waits for diagnostics, asks for the hover on the first word (the keyword 'placement'), writes both as JSON and quits.
const NEOVIM_PROBE = `
vim.api.nvim_create_autocmd('VimEnter', { callback = function() vim.defer_fn(function()
  vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
  local result = { version = vim.version().major .. '.' .. vim.version().minor, filetype = vim.bo.filetype, diagnostics = {} }
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(result.diagnostics, { line = d.lnum, message = d.message }) end
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 0, character = 1 } }
  for _, response in pairs(vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}) do
    if response.result then result.hover = response.result.contents end
  end
  local out = io.open(os.getenv('NSC_PROBE_OUT'), 'w'); out:write(vim.fn.json_encode(result)); out:close()
  vim.cmd('qa!')
end, 10) end })
`;

describe('docs/editors.md', () => {
  skipUnless(installed('nvim'), 'Neovim (nvim)')('Neovim: the Lua snippet starts the server; diagnostics and a keyword hover arrive', () => {
    const { dir, file, env } = fixture();
    const config = join(dir, 'init.lua');
    writeFileSync(config, [NEOVIM_SHIM, snippet('lua'), NEOVIM_PROBE].join('\n'));
    const out = join(dir, 'probe.json');
    const run = spawnSync('nvim', ['--headless', '-u', config, file], { env: { ...env, NSC_PROBE_OUT: out }, encoding: 'utf8', timeout: 90_000 });
    expect(run.status, run.stderr).toBe(0);
    const probe = JSON.parse(readFileSync(out, 'utf8'));
    console.info(`Neovim ${probe.version}: ${probe.diagnostics.length} diagnostics`);
    expect(probe.filetype).toBe('netscenario');
    // The validator's messages for this file: three missing clauses, and rounds below 1.
    expect(probe.diagnostics).toEqual(
      expect.arrayContaining([
        { line: 0, message: "'P' needs 'topology', 'curve', 'target'." },
        { line: 1, message: 'The number of rounds must be at least 1.' },
      ]),
    );
    const entry = referenceEntries().get('Placement.placement')!;
    expect(probe.hover).toEqual({ kind: 'markdown', value: `**${entry.title}**\n\n${entry.body}` });
  });

  skipUnless(installed('emacs'), 'Emacs')('Eglot: the snippet registers the mode for .nsc and the server command', () => {
    const { dir } = fixture();
    const el = join(dir, 'netscenario.el');
    writeFileSync(el, snippet('elisp'));
    const check = `(progn
      (package-initialize)
      (unless (require 'eglot nil t) (princ "no-eglot") (kill-emacs 0))
      (load ${JSON.stringify(el)})
      (princ (format "%S|%S" (assoc-default "x.nsc" auto-mode-alist #'string-match) (alist-get 'netscenario-mode eglot-server-programs))))`;
    const run = spawnSync('emacs', ['--batch', '--eval', check], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    if (run.stdout === 'no-eglot') {
      console.warn('skipped the Eglot part: Eglot is not installed for this Emacs');
      return;
    }
    expect(run.stdout).toBe('netscenario-mode|("netscenario-language-server" "--stdio")');
  });

  skipUnless(installed('python3', ['-c', 'import tomllib']), 'Python 3.11 (tomllib), used to parse TOML')(
    'Helix: languages.toml parses and declares the server for .nsc files',
    () => {
      const parse = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: snippet('toml'), encoding: 'utf8' });
      expect(parse.status, parse.stderr).toBe(0);
      const config = JSON.parse(parse.stdout);
      expect(config['language-server'].netscenario).toEqual({ command: 'netscenario-language-server', args: ['--stdio'] });
      expect(config.language).toHaveLength(1);
      expect(config.language[0]).toMatchObject({ name: 'netscenario', 'file-types': ['nsc'], 'language-servers': ['netscenario'], 'comment-token': '//' });
    },
  );
});
