import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const examples = join(import.meta.dirname, '../../examples');
const scratch = () => mkdtempSync(join(tmpdir(), 'nsc-check-'));
const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning|info): (.+)$/;

describe('nsc check', () => {
  it('accepts every example (cross-file references resolve through the folder) with exit 0 and no output', () => {
    const files = ['edge-site.nsc', 'fork-fixed-weights.nsc', 'mandala-study.nsc', 'metro-placement.nsc', 'paper-fork.nsc'].map((f) => join(examples, f));
    const { code, stdout, stderr } = nsc(['check', ...files]);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(0);
  });

  it('prints path:line:column: severity: message, 1-based, and exits 2 on errors', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bad.nsc'), 'curve C {\n  1 -> 1 s\n  2 -> 1 mss\n}\n');
    const { code, stdout } = nsc(['check', 'bad.nsc'], dir);
    expect(code).toBe(2);
    expect(stdout.trim().split('\n')).toEqual(["bad.nsc:3:10: error: Unknown unit 'mss': a training time is a time (ns, us, µs, ms, s). Did you mean 'ms'?"]);
  });

  it('reports only the named files, but loads their folder for references', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'remote.nsc'), 'switch Remote at Metro.acc1 {\n  worker w speed 1 GHz\n  module m cost 1 cycles\n  task t on w { m }\n}\n');
    writeFileSync(join(dir, 'broken.nsc'), 'curve C { }');
    // Without metro-placement.nsc in the folder, Metro.acc1 cannot resolve.
    const alone = nsc(['check', 'remote.nsc'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toMatch(/^remote\.nsc:1:18: error: .*'Metro\.acc1'/m);
    expect(alone.stdout).not.toContain('broken.nsc');
    // --workspace points at another folder holding the topology.
    const withWorkspace = nsc(['check', join(dir, 'remote.nsc'), '--workspace', examples]);
    expect(withWorkspace.stdout).toBe('');
    expect(withWorkspace.code).toBe(0);
  });

  it('exits 2 with a message for a file that cannot be read', () => {
    const { code, stdout, stderr } = nsc(['check', 'no-such-file.nsc'], scratch());
    expect(code).toBe(2);
    expect(stdout).toBe('no-such-file.nsc:1:1: error: cannot read file: no such file\n');
    expect(stderr).toBe('');
  });

  it('turns arbitrary bytes into diagnostics, never a stack trace', () => {
    const dir = scratch();
    // Deterministic pseudo-random bytes, including NUL, control characters and invalid UTF-8.
    const bytes = Buffer.alloc(4096);
    let state = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(join(dir, 'noise.nsc'), bytes);
    const { code, stdout, stderr } = nsc(['check', 'noise.nsc'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(DIAGNOSTIC_LINE);
    // Control characters are shown as U+XXXX, never written raw to the terminal.
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('reports a truncated file at its end', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'cut.nsc'), 'switch S {\n  worker w0 speed 1 GHz\n  module a cost 1 cycles\n  task t on w0 { a');
    const { code, stdout } = nsc(['check', 'cut.nsc'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("cut.nsc:4:19: error: Expected '}' but found the end of the file.\n");
  });

  it('checks a 3,000-node topology with 6,000 links without diagnostics', () => {
    const dir = scratch();
    const lines = ['topology Big {'];
    for (let i = 0; i < 3000; i++) lines.push(`  node n${i} tier access${i % 10 === 0 ? ' accelerator' : ''}`);
    for (let i = 1; i < 3000; i++) lines.push(`  link n${i - 1} -- n${i} latency ${(i % 7) + 1} us`);
    for (let i = 2; i < 3000; i += 1) if (i % 2 === 0) lines.push(`  link n${i - 2} -- n${i} latency 3 us`);
    lines.push('}');
    writeFileSync(join(dir, 'big.nsc'), lines.join('\n'));
    const { code, stdout, stderr } = nsc(['check', 'big.nsc'], dir);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
    expect(code).toBe(0);
  });

  it('rejects an unknown command with exit 2 and usage', () => {
    const { code, stderr } = nsc(['frobnicate', 'x.nsc']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
    expect(stderr).toContain('Usage:');
  });
});
