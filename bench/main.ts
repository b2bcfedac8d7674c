/** `npm run bench`: every benchmark, printed as medians and ratios measured in this one run. */
import '../language/polyfills.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLanguage } from './language.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const print = (line: string) => process.stdout.write(`${line}\n`);

print('== language ==');
await benchLanguage(print, join(root, 'examples'));
