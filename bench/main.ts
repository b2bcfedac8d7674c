/**
 * `npm run bench`: every benchmark, printed as medians and ratios measured in this one run.
 * `npm run bench -- language editor` runs only the named sections.
 */
import '../language/polyfills.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEditor } from './editor.js';
import { benchLanguage } from './language.js';
import { benchMemory } from './memory.js';
import { benchPackets } from './packets.js';
import { benchPlacement } from './placement.js';
import { benchScheduling } from './scheduling.js';
import { benchServices } from './services.js';
import { benchStudies } from './studies.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const print = (line: string) => process.stdout.write(`${line}\n`);

const sections: Record<string, () => Promise<void>> = {
  language: () => benchLanguage(print, examples),
  editor: () => benchEditor(print, examples),
  scheduling: () => benchScheduling(print),
  services: () => benchServices(print),
  placement: () => benchPlacement(print),
  memory: () => benchMemory(print, examples),
  packets: () => benchPackets(print, examples),
  studies: () => benchStudies(print),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  print(`\n== ${name} ==`);
  await run();
}
