// The README's main job: nsc over every scenario in examples/. Exit 1 from nsc means "analysed,
// and some requirement is infeasible" — some examples are infeasible on purpose — so only
// exit codes above 1 fail this script.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.nsc'))
  .map((f) => `examples/${f}`);
const runs = [
  ['solve', ...examples],
  ['simulate', 'examples/paper-fork.nsc', '--periods', '12'],
  ['simulate', 'examples/edge-site-rush-hour.nsc', '--packets', '200000'],
  ['simulate', 'examples/edge-site-day.nsc', '--csv'],
  ['study', 'examples/mandala-study.nsc'],
];
let worst = 0;
for (const args of runs) {
  process.stdout.write(`\n$ nsc ${args.join(' ')}\n`);
  const { status } = spawnSync(process.execPath, ['out/cli/main.js', ...args], { stdio: 'inherit' });
  worst = Math.max(worst, status ?? 70);
}
process.exit(worst > 1 ? worst : 0);
