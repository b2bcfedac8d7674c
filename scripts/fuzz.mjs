// Long fuzz campaigns (npm run fuzz): the properties of test/fuzz/ with many more cases than npm test
// runs. `npm run fuzz -- --edits 5000 --runs 2000 --seed 7`: --edits random edits against the real
// server, --runs cases per in-process property, --seed to vary or reproduce a run (fast-check prints
// the seed and path of a failure); --server or --in-process runs only that half; --solve-on change makes
// the server solve after every change instead of on save.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    server: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
    'solve-on': { type: 'string', default: 'save' },
  },
});
for (const name of ['edits', 'runs', 'seed']) {
  if (!/^\d+$/.test(values[name])) {
    console.error(`fuzz: --${name} must be a whole number, not '${values[name]}'`);
    process.exit(2);
  }
}
if (!['save', 'change'].includes(values['solve-on'])) {
  console.error(`fuzz: --solve-on must be save or change, not '${values['solve-on']}'`);
  process.exit(2);
}
const files = values.server === values['in-process'] ? ['test/fuzz/'] : [values.server ? 'test/fuzz/server.test.ts' : 'test/fuzz/in-process.test.ts'];
const halves = [
  values['in-process'] || !values.server ? `${values.runs} cases per in-process property` : '',
  values.server || !values['in-process'] ? `${values.edits} edits against the server (solving on ${values['solve-on']})` : '',
];
console.log(`fuzz: seed ${values.seed}, ${halves.filter(Boolean).join(', ')}`);
const { status } = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NSC_FUZZ_SEED: values.seed, NSC_FUZZ_EDITS: values.edits, NSC_FUZZ_RUNS: values.runs, NSC_FUZZ_SOLVE_ON: values['solve-on'] },
});
process.exit(status ?? 1);
