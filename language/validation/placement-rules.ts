/** Topology, curve, placement and study rules (seed: AIF placement). */
import type { ValidationAcceptor } from 'langium';
import { quantityToBase } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import { allOf, firstOf, placementTopology, topologyLinks, topologyNodes } from '../syntax.js';
import { checkRequiredClauses, checkSingleClauses, syntaxIsComplete } from './clauses.js';
import { checkUniqueNames } from './names.js';

/** The value of a quantity in base units when it is well-formed, else undefined (its own check reports why). */
export function valueOf(quantity: ast.Quantity | undefined): number | undefined {
  if (!quantity) return undefined;
  const value = quantityToBase(quantity.numerator, quantity.denominator, quantity.unit);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

export function checkExplicitTopology(topology: ast.ExplicitTopology, accept: ValidationAcceptor): void {
  checkUniqueNames(topologyNodes(topology), 'node', accept);
  const seen = new Set<string>();
  for (const link of topologyLinks(topology)) {
    const a = link.a?.ref;
    const b = link.b?.ref;
    if (!link.latency && syntaxIsComplete(link)) accept('error', `A link needs a latency, e.g. 'latency 0.5 ms'.`, { node: link });
    if (valueOf(link.latency) === 0)
      accept('warning', 'A latency of 0: this link adds no delay at all. Write its real one-way latency, even a small one.', { node: link, property: 'latency' });
    if (!a || !b) continue;
    if (a === b) {
      accept('error', `A link cannot connect '${a.name}' to itself.`, { node: link });
      continue;
    }
    const key = [a.name, b.name].sort().join('\u0000');
    if (seen.has(key)) accept('error', `'${a.name}' and '${b.name}' are already linked.`, { node: link });
    seen.add(key);
  }
  if (topologyNodes(topology).length === 0) accept('warning', `Topology '${topology.name}' has no nodes.`, { node: topology, property: 'name' });
}

const MANDALA_KEYWORDS: Record<string, string> = {
  MandalaAccess: "'access'",
  MandalaDiameter: "'diameter'",
  MandalaAccelerators: "'accelerators'",
  MandalaSeed: "'seed'",
};

export function checkMandala(topology: ast.MandalaTopology, accept: ValidationAcceptor): void {
  checkSingleClauses(
    topology.settings,
    (s) => (ast.isMandalaLatency(s) ? `latency ${s.tiers}` : s.$type),
    (k) => MANDALA_KEYWORDS[k] ?? `'${k}'`,
    accept,
  );
  checkRequiredClauses(topology, topology.settings, new Map([['MandalaAccess', 'access']]), accept);
  const accessSetting = firstOf(topology.settings, 'MandalaAccess');
  const access = valueOf(accessSetting?.count);
  if (accessSetting && access !== undefined && Number.isInteger(access) && access % 8 !== 0) {
    accept('error', `The number of access nodes must be a positive multiple of 8 (N/4 aggregation, N/4 core and N/8 application nodes); ${access} is not.`, {
      node: accessSetting,
      property: 'count',
    });
  }
  for (const latency of allOf(topology.settings, 'MandalaLatency')) {
    const min = valueOf(latency.min);
    const max = valueOf(latency.max);
    if (min !== undefined && max !== undefined && min > max) {
      accept('error', `The latency range is empty: ${latency.tiers} goes from a larger to a smaller value.`, { node: latency });
    }
  }
}

export function checkCurve(curve: ast.Curve, accept: ValidationAcceptor): void {
  if (curve.points.length === 0) {
    accept('error', `Curve '${curve.name}' needs at least one point 'k -> time'.`, { node: curve, property: 'name' });
    return;
  }
  let previous: { k: number; time: number } | undefined;
  let warnedRise = false;
  for (const point of curve.points) {
    const k = valueOf(point.k);
    const time = valueOf(point.time);
    if (k === undefined || time === undefined) continue;
    if (previous && k <= previous.k) {
      accept('error', `The numbers of AIFs must increase strictly: ${k} follows ${previous.k}.`, { node: point, property: 'k' });
    } else if (previous && time > previous.time && !warnedRise) {
      accept('warning', `Training time rises from ${previous.time} s at k = ${previous.k} to ${time} s at k = ${k}: more AIFs usually train faster.`, {
        node: point,
        property: 'time',
      });
      warnedRise = true;
    }
    previous = { k, time };
  }
}

const PLACEMENT_KEYWORDS: Record<ast.PlacementClause['$type'], string> = {
  PlacementTopology: 'topology',
  PlacementCurve: 'curve',
  RoundsClause: 'rounds',
  TargetClause: 'target',
  AccelerationClause: 'acceleration',
  AcceleratorsMaxClause: 'accelerators max',
  ExchangeClause: 'exchange',
  MaxLatencyClause: 'max latency',
  ObjectiveClause: 'objective',
  ServerClause: 'server in',
  ExcludeClause: 'exclude',
  MinAifsClause: 'min aifs',
};

const REQUIRED_PLACEMENT = new Map<string, string>([
  ['PlacementTopology', 'topology'],
  ['PlacementCurve', 'curve'],
  ['RoundsClause', 'rounds'],
  ['TargetClause', 'target'],
]);

export function checkPlacement(placement: ast.Placement, accept: ValidationAcceptor): void {
  checkSingleClauses(
    placement.clauses,
    (c) => c.$type,
    (k) => `'${PLACEMENT_KEYWORDS[k as ast.PlacementClause['$type']]}'`,
    accept,
  );
  checkRequiredClauses(placement, placement.clauses, REQUIRED_PLACEMENT, accept);
  const topology = placementTopology(placement);
  for (const clause of [...allOf(placement.clauses, 'ServerClause'), ...allOf(placement.clauses, 'ExcludeClause')]) {
    clause.nodes.forEach((ref, index) => {
      const node = ref.ref;
      if (ast.isMandalaTopology(topology)) {
        accept('error', `Nodes of the generated topology '${topology.name}' cannot be named here; use an explicit topology to restrict nodes.`, {
          node: clause,
          property: 'nodes',
          index,
        });
      } else if (node && topology && node.$container !== topology) {
        accept('error', `'${ref.$refText}' is not a node of topology '${topology.name}'.`, { node: clause, property: 'nodes', index });
      }
    });
  }
  if (ast.isExplicitTopology(topology)) checkPlacementCapacity(placement, topology, accept);
}

/** Requirements that the topology can never satisfy: worth a warning while typing, before any solve. */
function checkPlacementCapacity(placement: ast.Placement, topology: ast.ExplicitTopology, accept: ValidationAcceptor): void {
  const nodes = topologyNodes(topology);
  const available = nodes.filter((n) => n.accelerator).length;
  const maxClause = firstOf(placement.clauses, 'AcceleratorsMaxClause');
  const max = valueOf(maxClause?.value);
  if (maxClause && max !== undefined && max > available) {
    accept(
      'warning',
      `Only ${available} node${available === 1 ? '' : 's'} of '${topology.name}' ha${available === 1 ? 's' : 've'} an accelerator; at most ${available} can be used.`,
      {
        node: maxClause,
        property: 'value',
      },
    );
  }
  const minClause = firstOf(placement.clauses, 'MinAifsClause');
  const min = valueOf(minClause?.value);
  if (minClause && min !== undefined && min > nodes.length - 1) {
    accept('warning', `'${topology.name}' has ${nodes.length} nodes: with one for the FL server, at most ${Math.max(0, nodes.length - 1)} AIFs fit.`, {
      node: minClause,
      property: 'value',
    });
  }
}

const STUDY_KEYWORDS: Record<ast.StudyClause['$type'], string> = {
  StudyPlacement: 'placement',
  StudyRounds: 'rounds',
  StudyTargets: 'target',
  StudyObjectives: 'objective',
  StudyInstances: 'instances',
  StudyRegenerate: 'regenerate topology',
};

export function checkStudy(study: ast.Study, accept: ValidationAcceptor): void {
  checkSingleClauses(
    study.clauses,
    (c) => c.$type,
    (k) => `'${STUDY_KEYWORDS[k as ast.StudyClause['$type']]}'`,
    accept,
  );
  checkRequiredClauses(study, study.clauses, new Map([['StudyPlacement', 'placement']]), accept);
  const base = firstOf(study.clauses, 'StudyPlacement');
  const placement = base?.placement?.ref;
  const topology = placement && placementTopology(placement);
  const regenerate = firstOf(study.clauses, 'StudyRegenerate');
  if (regenerate && topology && !ast.isMandalaTopology(topology)) {
    accept(
      'error',
      `Only a generated ('mandala') topology can be regenerated per instance; '${topology.name}' is written out. Without 'regenerate topology' every instance keeps it and draws its accelerators anew.`,
      {
        node: regenerate,
      },
    );
  }
  const instances = firstOf(study.clauses, 'StudyInstances');
  const min = valueOf(instances?.min);
  const max = valueOf(instances?.max);
  if (instances && min !== undefined && max !== undefined && min > max) {
    accept('error', `The accelerator share range is empty: ${min * 100}% is above ${max * 100}%.`, { node: instances, property: 'min' });
  }
}
