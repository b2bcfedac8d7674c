/**
 * Hovers from the current results: a flow's delay budget per task, a service's end-to-end budget
 * leg by leg, a placement's round-time budget per AIF, a node's roles with its latency to the FL
 * server, a task's weight, how the controller copes with a traffic change (once the details are
 * in). On a keyword
 * its reference entry follows (alone where there is no result), in the format the client renders.
 */
import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { achievableText, changeText, recoveryText, violationText } from '../../engine/scheduling/phase-text.js';
import type { FlowResult, PhaseResult, Simulation } from '../../engine/scheduling/result.js';
import { atLeast, atMost, formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import { keywordDocAt, keywordMarkdown } from '../lsp/keyword-docs.js';
import { valueOf } from '../validation/placement-rules.js';
import { markup } from '../lsp/markup.js';
import type { PlacementOutcome, ServiceOutcome, SwitchOutcome } from './model.js';
import { roleIn } from './roles.js';
import type { ResultStore } from './store.js';

const time = (s: number | null | undefined) => formatQuantity(s, 'time');
const rate = (pps: number | null | undefined) => formatQuantity(pps, 'rate');
const percent = (share: number | null) => (share === null ? '∞' : `${(share * 100).toFixed(1)}%`);
/** Names come from the user's file: keep them from being read as markdown. */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const tableOf = (header: readonly string[], rows: readonly (readonly string[])[]) => [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

export class ResultHoverProvider implements HoverProvider {
  private readonly store: ResultStore;

  constructor(private readonly services: NetScenarioServices) {
    this.store = services.results.Store;
  }

  getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
    if (!leaf) return undefined;
    const keyword = keywordDocAt(leaf);
    const parts = [this.describe(leaf.astNode, document), keyword && keywordMarkdown(keyword)].filter((part): part is string => !!part);
    return parts.length > 0 ? { contents: markup(parts.join('\n\n---\n\n'), this.services.client.Support.markdownHover) } : undefined;
  }

  private describe(node: AstNode, document: LangiumDocument): string | undefined {
    const results = this.store.current(document);
    const flow = AstUtils.getContainerOfType(node, ast.isFlow);
    const task = AstUtils.getContainerOfType(node, ast.isTask);
    const placement = AstUtils.getContainerOfType(node, ast.isPlacement);
    const topologyNode = AstUtils.getContainerOfType(node, ast.isTopologyNode);
    const sw = AstUtils.getContainerOfType(node, ast.isSwitch);
    const switchOutcome = sw && results?.switches.find((s) => s.name === sw.name);
    const service = AstUtils.getContainerOfType(node, ast.isService);
    if (service) {
      const outcome = results?.services.find((s) => s.name === service.name);
      return outcome && serviceHover(outcome);
    }
    const traffic = AstUtils.getContainerOfType(node, ast.isTraffic);
    if (traffic) return switchOutcome?.simulation ? trafficHover(traffic, AstUtils.getContainerOfType(node, ast.isTrafficChange), switchOutcome.simulation) : undefined;
    if (flow && switchOutcome) return flowHover(flow.name, switchOutcome);
    if (task && switchOutcome) return taskHover(task, switchOutcome);
    if (placement) {
      const outcome = results?.placements.find((p) => p.name === placement.name);
      return outcome && placementHover(outcome);
    }
    if (topologyNode) return this.nodeHover(topologyNode);
    return undefined;
  }

  private nodeHover(node: ast.TopologyNode): string | undefined {
    const topology = node.$container;
    const lines: string[] = [];
    for (const results of this.store.allCurrent(this.services.shared.workspace.LangiumDocuments)) {
      for (const outcome of results.placements.filter((p) => p.topology.name === topology.name)) {
        const role = roleIn(outcome, node.name);
        const latency = outcome.latencyToServer[node.name];
        const server = outcome.result.server;
        if (server === null) continue;
        lines.push(`- ${code(outcome.name)}: ${role?.role ?? 'not used'}${role?.role === 'FL server' ? '' : ` · d to FL server ${code(server)} = ${time(latency)}`}`);
      }
    }
    const header = `**node ${code(node.name)}**${node.tier ? ` · ${node.tier}` : ''}${node.accelerator ? ' · has an accelerator' : ''}`;
    return lines.length > 0 ? `${header}\n\n${lines.join('\n')}` : undefined;
  }
}

function flowHover(name: string, outcome: SwitchOutcome): string | undefined {
  const flow = outcome.result.flows.find((f) => f.name === name);
  if (!flow) return undefined;
  const rows = flow.budget.map((b) => [
    code(b.task),
    time(b.blocking),
    time(b.queuing),
    time(b.processing),
    time(b.queuing === null ? null : b.blocking + b.queuing + b.processing),
  ]);
  const slack = flow.delay !== null && flow.delaySlo !== null ? 1 - flow.delay / flow.delaySlo : null;
  return [
    `**flow ${code(flow.name)}** · ${outcome.result.weightsSource} weights`,
    '',
    `delay ≈ **${time(flow.delay)}**${flow.delaySlo !== null ? ` of ${time(flow.delaySlo)} (slack ${percent(slack)}) ${flow.meetsDelay ? '✓' : '✗'}` : ''}`,
    `rate ≈ **${rate(flow.rate)}**${flow.rateSlo !== null ? ` (SLO ≥ ${rate(flow.rateSlo)}) ${flow.meetsRate ? '✓' : '✗'}` : ` (offered ${rate(flow.designRate)})`}`,
    '',
    tableOf(['task', 'blocking', 'queuing', 'processing', 'total'], [...rows, ['**total**', '', '', '', `**${time(flow.delay)}**`]]),
    '',
    bestValues(flow),
  ].join('\n');
}

/**
 * The end-to-end budget: each leg of the route with its propagation, then each switch with its
 * hop flow's blocking, queuing and processing; they add up to the end-to-end delay.
 */
function serviceHover(outcome: ServiceOutcome): string {
  const r = outcome.result;
  const rows: string[][] = [];
  r.route.forEach((leg, i) => {
    rows.push([leg.nodes.length > 1 ? `links ${leg.nodes.map(code).join(' → ')}` : `at ${code(leg.nodes[0])}, no links`, '', '', '', time(leg.latency), time(leg.latency)]);
    const hop = r.hops[i];
    if (hop) rows.push([`${code(`${hop.switch}.${hop.flow}`)} at ${code(hop.node)}`, time(hop.blocking), time(hop.queuing), time(hop.processing), '', time(hop.delay)]);
  });
  const slack = r.delay !== null && r.delaySlo !== null ? 1 - r.delay / r.delaySlo : null;
  const joint = r.optimum;
  return [
    `**service ${code(r.name)}** · ${code(r.from)} to ${code(r.to)} on ${code(r.topology)} · **${r.status}**`,
    '',
    `delay ≈ **${time(r.delay)}**${r.delaySlo !== null ? ` of ${time(r.delaySlo)} (slack ${percent(slack)}) ${r.meetsDelay ? '✓' : '✗'}` : ''}`,
    `rate ≈ **${rate(r.rate)}**${r.rateSlo !== null ? ` (SLO ≥ ${rate(r.rateSlo)}) ${r.meetsRate ? '✓' : '✗'}` : ` (offered ${rate(r.offered)})`}`,
    '',
    tableOf(['leg', 'blocking', 'queuing', 'processing', 'propagation', 'total'], [...rows, ['**total**', '', '', '', time(r.propagation), `**${time(r.delay)}**`]]),
    '',
    `best achievable: delay ${atLeast(r.achievableDelay, 'time')}, rate ${atMost(r.achievableRate, 'rate')}`,
    `optimised jointly: ${joint.switches.map(code).join(', ')} with ${joint.services.map(code).join(', ')} · s* = ${percent(joint.slack)}`,
  ].join('\n');
}

function bestValues(flow: FlowResult): string {
  return `best achievable: delay ${atLeast(flow.achievableDelay, 'time')}, rate ${atMost(flow.achievableRate, 'rate')}`;
}

function taskHover(task: ast.Task, outcome: SwitchOutcome): string | undefined {
  const weight = outcome.result.weights[task.name];
  if (weight === undefined) return undefined;
  const optimal = outcome.result.optimum.weights[task.name];
  return [
    `**task ${code(task.name)}** on ${code(task.worker?.$refText ?? '?')}`,
    '',
    `weight ${outcome.result.weightsSource === 'fixed' ? `= ${weight} (fixed)` : `≈ ${weight.toFixed(4)} (chosen)`}${outcome.result.weightsSource === 'fixed' && optimal !== undefined ? ` · optimal ≈ ${optimal.toFixed(4)}` : ''}`,
  ].join('\n');
}

/**
 * On a change: how the controller copes with the phase it starts; on the clause: every phase.
 * Flow names are identifiers, so the change texts need no markdown escaping.
 */
function trafficHover(traffic: ast.Traffic, change: ast.TrafficChange | undefined, simulation: Simulation): string | undefined {
  if (change) {
    const period = valueOf(change.period);
    const index = simulation.phases.findIndex((p) => p.start === period);
    if (index < 0) return `**traffic change at period ${period}** · not reached in the ${simulation.rows.length} periods simulated`;
    return phaseHover(simulation.phases[index], simulation.phases[index - 1]);
  }
  const rows = simulation.phases.slice(1).map((p) => [String(p.start), changeText(p), recoveryText(p), String(p.violationPeriods), percent(p.optimalSlack)]);
  if (rows.length === 0) return undefined;
  return [
    `**traffic** of ${code(traffic.$container.name)}${traffic.file !== undefined ? ` from ${code(traffic.file)}` : ''} · ${simulation.violationPeriods} of ${simulation.rows.length} periods miss an SLO`,
    '',
    tableOf(['period', 'change', 'SLOs', 'periods missing an SLO', 's*'], rows),
  ].join('\n');
}

function phaseHover(phase: PhaseResult, before: PhaseResult | undefined): string {
  const best = phase.never === 'infeasible' ? achievableText(phase) : undefined;
  const margin = `best SLO margin under this load (s*) ${percent(phase.optimalSlack)}${before ? `, before it ${percent(before.optimalSlack)}` : ''}`;
  return [
    `**traffic change at period ${phase.start}** · ${changeText(phase)}`,
    `${recoveryText(phase)} · ${violationText(phase)}`,
    ...(best ? [`best achievable, each alone: ${best}`] : []),
    margin,
  ].join('\n\n');
}

function placementHover(outcome: PlacementOutcome): string {
  const r = outcome.result;
  const head = `**placement ${code(outcome.name)}** · ${r.objective} · **${r.status}**`;
  if (r.status !== 'feasible' || r.trainingTime === null || r.roundLimit === null) {
    const x = r.relaxations;
    return [
      head,
      '',
      r.reason ?? '',
      '',
      `feasible with target ≥ ${atLeast(x.minTarget, 'time')}, or rounds ≤ ${x.maxRounds ?? '–'}, or ${x.extraAccelerators ?? 'no number of'} extra accelerators`,
    ].join('\n');
  }
  const gain = (1 - outcome.acceleration) * r.trainingTime;
  const rows = r.aifs.map((aif) => {
    const accelerated = r.accelerated.includes(aif);
    const round = r.roundTimes[aif];
    return [
      code(aif),
      time(r.trainingTime),
      accelerated ? `−${time(gain)}` : '–',
      time(outcome.latencyToServer[aif]),
      time(round),
      time(r.roundLimit === null ? null : r.roundLimit - round),
    ];
  });
  return [
    `${head} · FL server ${code(r.server ?? '?')} · k = ${r.k}`,
    '',
    tableOf(['AIF', 'training p_k', 'acceleration gain', 'exchange d_ij', 'round', 'slack to T/R'], rows),
    '',
    `T/R = ${time(outcome.target)} / ${outcome.rounds} = ${time(r.roundLimit)} · loop = R × max round = ${outcome.rounds} × ${time(r.maxRoundTime)} = **${time(r.loopTime)}** of ${time(outcome.target)}`,
  ].join('\n');
}
