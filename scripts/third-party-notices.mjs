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
 * A package that declares MIT in its manifest but ships no licence file (fast-xml-parser's
 * @nodable/entities): the MIT licence's text with the manifest's author as the copyright holder.
 */
function mitFromManifest(manifest) {
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  if (manifest.license !== 'MIT' || !author) return undefined;
  return [
    `MIT License (the package declares MIT and ships no licence file; its author: ${author})`,
    '',
    `Copyright (c) ${author}`,
    '',
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:',
    '',
    'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.',
  ].join('\n');
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
  const sections = [...dirs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const text = licenseText(dir) ?? mitFromManifest(manifest);
      if (!text) throw new Error(`${name}: no license file in ${dir}; add its notice by hand before shipping it`);
      return `${name} ${manifest.version} (${manifest.license})\n\n${text}`;
    });
  const header = 'NetScenario bundles the following npm packages into dist/. Their licences follow.';
  writeFileSync(outfile, `${header}\n\n${sections.join(`\n\n${'-'.repeat(78)}\n\n`)}\n`);
}
