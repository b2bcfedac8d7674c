// The licences of the npm packages bundled into dist/: MIT and Apache-2.0 ask that their notices
// travel with every copy, and minifying drops most of them from the code. Reads which packages the
// bundles contain from esbuild's metafiles, then each package's own license file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/@scope/name/lib/x.js` -> `@scope/name` (the innermost node_modules wins). */
function packageOf(input) {
  const parts = input.split('node_modules/');
  if (parts.length < 2) return undefined;
  const segments = parts.at(-1).split('/');
  return segments[0].startsWith('@') ? `${segments[0]}/${segments[1]}` : segments[0];
}

/** The directory of a bundled input's package (nested installs keep their own copy). */
function packageDir(input, name) {
  return input.slice(0, input.lastIndexOf('node_modules/') + 'node_modules/'.length) + name;
}

function licenseText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined;
}

/**
 * Writes one text file with, per bundled package (sorted by name): name, version, licence and the
 * licence text. `extra` names packages used without being bundled (copied files).
 */
export function writeThirdPartyNotices(outfile, metafiles, extra = []) {
  const dirs = new Map(extra.map((name) => [name, join('node_modules', name)]));
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const name = packageOf(input);
      if (name && !dirs.has(name)) dirs.set(name, packageDir(input, name));
    }
  }
  const sections = [...dirs].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text = licenseText(dir);
    if (!text) throw new Error(`${name}: no license file in ${dir}; add its notice by hand before shipping it`);
    return `${name} ${manifest.version} (${manifest.license})\n\n${text}`;
  });
  const header = 'NetScenario bundles the following npm packages into dist/. Their licences follow.';
  writeFileSync(outfile, `${header}\n\n${sections.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`);
}
