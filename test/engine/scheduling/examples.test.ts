/**
 * The example switches, parsed and lowered by the real language front end, solved by the
 * engine: the verdicts and numbers of the hand-built models (fork.test.ts, controller.test.ts) must
 * come out of the example files too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceModel, SwitchModel } from '../../../engine/scheduling/index.js';
import { solveNetwork, solveSwitch } from '../../../engine/scheduling/index.js';
import { jointSlack, VOICE_PROPAGATION } from '../../support/metro-services.js';
import { buildWorkspace, createServices, lowered } from '../../language/helpers.js';

const examplesDir = join(import.meta.dirname, '../../../examples');
const FILES = ['paper-fork.nsc', 'fork-fixed-weights.nsc', 'edge-site.nsc', 'metro-services.nsc'];
const switches = new Map<string, SwitchModel>();
const services = new Map<string, ServiceModel>();

beforeAll(async () => {
  const files = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(examplesDir, f), 'utf8')]));
  // edge-site.nsc places its switch on Metro.agg1: the topology comes from metro-placement.nsc.
  files['metro-placement.nsc'] = readFileSync(join(examplesDir, 'metro-placement.nsc'), 'utf8');
  const languageServices = createServices();
  const documents = await buildWorkspace(languageServices, files);
  for (const file of FILES) {
    const scenario = lowered(documents.get(file)!, languageServices);
    for (const { model } of scenario.switches) switches.set(model.name, model);
    for (const { model } of scenario.services) services.set(model.name, model);
  }
});

describe('example switches through the language front end', () => {
  it('Fork (paper-fork.nsc) is feasible with 2/3 <= w1 <= 4/5', async () => {
    const result = await solveSwitch(switches.get('Fork')!);
    expect(result.status).toBe('feasible');
    expect(result.weights.t1).toBeGreaterThanOrEqual(2 / 3);
    expect(result.weights.t1).toBeLessThanOrEqual(4 / 5);
    expect(result.optimum.slack!).toBeCloseTo((13 - Math.sqrt(109)) / 30, 6);
  });

  it('ForkEqual fails f1 (1/4 pps, 6 s); ForkSkewed meets everything (f2 exactly)', async () => {
    const equal = await solveSwitch(switches.get('ForkEqual')!);
    expect(equal.weightsSource).toBe('fixed');
    expect(equal.status).toBe('infeasible');
    expect(equal.flows.map((f) => [f.name, f.meetsRate, f.meetsDelay])).toEqual([
      ['f1', false, false],
      ['f2', true, true],
    ]);
    expect(equal.flows[0].rate).toBeCloseTo(1 / 4, 12);
    expect(equal.flows[0].delay).toBeCloseTo(6, 12);
    const skewed = await solveSwitch(switches.get('ForkSkewed')!);
    expect(skewed.status).toBe('feasible');
    expect(skewed.flows[1].rate).toBeCloseTo(1 / 5, 12);
    expect(skewed.flows[1].delay).toBeCloseTo(6, 12);
  });

  it('EdgeUpf (edge-site.nsc) is feasible', async () => {
    const result = await solveSwitch(switches.get('EdgeUpf')!);
    expect(result.status).toBe('feasible');
    expect(result.weights.ingress).toBe(1);
    expect(result.optimum.slack!).toBeGreaterThan(0);
  });
});

describe('metro-services.nsc: what its header comment states', () => {
  it('each switch alone: voice gets 2/7 of its worker, slack 3/7 (AccessUpf) and 13/7 (CoreUpf); VoiceUplink then takes 2.196 ms', async () => {
    const [access, core] = await Promise.all([solveSwitch(switches.get('AccessUpf')!), solveSwitch(switches.get('CoreUpf')!)]);
    expect(access.optimum.slack!).toBeCloseTo(3 / 7, 6);
    expect(core.optimum.slack!).toBeCloseTo(13 / 7, 6);
    expect(access.weights.voice).toBeCloseTo(2 / 7, 6);
    expect(VOICE_PROPAGATION + access.flows[0].delay! + core.flows[0].delay!).toBeCloseTo(2.196e-3, 12);
    expect(services.get('VoiceUplink')!.delaySlo).toBeCloseTo(2.18e-3, 15);
  });

  it('optimised together, every SLO holds with a common slack of about 1.1%', async () => {
    const solved = await solveNetwork({ switches: [switches.get('AccessUpf')!, switches.get('CoreUpf')!], services: [...services.values()] });
    for (const result of [...solved.switches, ...solved.services]) expect(result.status, result.name).toBe('feasible');
    expect(solved.services[0].optimum.slack!).toBeCloseTo(jointSlack(), 6);
    expect(jointSlack()).toBeCloseTo(0.011, 3);
  });
});
