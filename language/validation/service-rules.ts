/**
 * Service rules (docs/language.md "Services"): its clauses, that every switch it crosses is placed
 * on the topology it runs on, that a route exists between each pair of consecutive stops, that its
 * hop flows carry one offered load, and (a warning) that its delay SLO is not below the propagation
 * of its route alone, which no weights can make up for.
 */
import type { ValidationAcceptor } from 'langium';
import { itinerary } from '../../engine/routing.js';
import { serviceRangeIssue } from '../../engine/scheduling/numeric-range.js';
import { formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import { attemptLowering, lowerSwitch, lowerTopology, serviceOffered } from '../lowering.js';
import type { LoweringContext } from '../lowering.js';
import { firstOf, topologyNodes } from '../syntax.js';
import { checkRequiredClauses, checkSingleClauses } from './clauses.js';
import { valueOf } from './placement-rules.js';

const SERVICE_KEYWORDS: Record<ast.ServiceClause['$type'], string> = {
  ServiceEnds: 'from … to',
  ServiceVia: 'via',
  ServiceOffered: 'offered',
  ServiceRateSlo: 'rate >=',
  ServiceDelaySlo: 'delay <=',
};

const rate = (pps: number) => formatQuantity(pps, 'rate');
const time = (seconds: number) => formatQuantity(seconds, 'time');
/** Offered loads written in different units may still be equal. */
const sameLoad = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(a, b);

export function checkService(service: ast.Service, context: LoweringContext, accept: ValidationAcceptor): void {
  checkSingleClauses(
    service.clauses,
    (c) => c.$type,
    (k) => `'${SERVICE_KEYWORDS[k as ast.ServiceClause['$type']]}'`,
    accept,
  );
  checkRequiredClauses(
    service,
    service.clauses,
    new Map([
      ['ServiceEnds', 'from … to'],
      ['ServiceVia', 'via'],
    ]),
    accept,
  );
  const ends = firstOf(service.clauses, 'ServiceEnds');
  const via = firstOf(service.clauses, 'ServiceVia');
  if (!via) return;
  checkOffered(service, via, accept);
  const topology = ends?.source?.ref?.$container;
  const placed = checkHops(via, ast.isExplicitTopology(topology) ? topology : undefined, accept);
  if (!ends || !ast.isExplicitTopology(topology)) return;
  const target = ends.target?.ref;
  if (target && target.$container !== topology) {
    accept('error', `'${ends.target.$refText}' is not a node of topology '${topology.name}', where the service enters: a service runs on one topology.`, {
      node: ends,
      property: 'target',
    });
  }
  if (placed && target?.$container === topology) checkRoute(service, ends, via, topology, context, accept);
}

/**
 * No flow is crossed twice, and each hop's switch is placed (on the service's topology, when that is
 * known); true when all are placed there.
 */
function checkHops(via: ast.ServiceVia, topology: ast.ExplicitTopology | undefined, accept: ValidationAcceptor): boolean {
  let placed = true;
  const seen = new Set<ast.Flow>();
  via.hops.forEach((hop, index) => {
    const flow = hop.ref;
    if (!flow) {
      placed = false;
      return;
    }
    const sw = flow.$container;
    const at = { node: via, property: 'hops', index } as const;
    if (seen.has(flow)) accept('error', `'${hop.$refText}' is already a hop of this service; each flow is crossed once.`, at);
    seen.add(flow);
    const node = sw.location?.ref;
    if (!sw.location) {
      accept('error', `Switch '${sw.name}' is not placed: add 'at ${topology?.name ?? 'TOPOLOGY'}.NODE' to it, so the service can be routed through it.`, at);
      placed = false;
    } else if (node && topology && node.$container !== topology) {
      accept('error', `Switch '${sw.name}' is at '${sw.location.$refText}', not on topology '${topology.name}' where the service runs.`, at);
      placed = false;
    } else if (!node) placed = false;
  });
  return placed;
}

/** The service's traffic is the same at every hop: one offered load, written in the service or its hop flows. */
function checkOffered(service: ast.Service, via: ast.ServiceVia, accept: ValidationAcceptor): void {
  const own = firstOf(service.clauses, 'ServiceOffered');
  const offered = serviceOffered(service);
  if (!own && offered === undefined && via.hops.length > 0 && via.hops.every((hop) => hop.ref && !hop.ref.offered)) {
    accept('error', `Service '${service.name}' needs an offered load: write 'offered RATE' in it, or in its hop flows.`, { node: service, property: 'name' });
    return;
  }
  if (offered === undefined) return;
  via.hops.forEach((hop, index) => {
    const stated = valueOf(hop.ref?.offered);
    if (stated === undefined || sameLoad(stated, offered)) return;
    const other = own ? `service '${service.name}' offers ${rate(offered)}` : `'${via.hops.find((h) => h.ref?.offered)?.$refText ?? ''}' offers ${rate(offered)}`;
    accept('error', `'${hop.$refText}' offers ${rate(stated)}, but ${other}: a service's traffic is the same at every hop; make them equal, or leave the load to the service.`, {
      node: via,
      property: 'hops',
      index,
    });
  });
}

/** A path between each pair of consecutive stops, and a delay SLO that the propagation alone does not exceed. */
function checkRoute(service: ast.Service, ends: ast.ServiceEnds, via: ast.ServiceVia, topology: ast.ExplicitTopology, context: LoweringContext, accept: ValidationAcceptor): void {
  const lowered = attemptLowering(() => lowerTopology(topology));
  if (!lowered) return; // a link without latency: the topology reports it
  const nodes = topologyNodes(topology);
  const flows = via.hops.map((hop) => hop.ref).filter((flow): flow is ast.Flow => flow !== undefined);
  const locations = flows.map((flow) => flow.$container.location?.ref).filter((node): node is ast.TopologyNode => node !== undefined);
  const [source, target] = [ends.source.ref, ends.target.ref];
  if (!source || !target || flows.length !== via.hops.length || locations.length !== flows.length) return; // checkHops reports what is missing
  const switches = flows.map((flow) => flow.$container);
  const stops = [source, ...locations, target];
  const found = itinerary(
    lowered,
    stops.map((node) => nodes.indexOf(node)),
  );
  if (!found.ok) {
    const i = found.missing;
    const [a, b] = [stops[i], stops[i + 1]];
    const describe = (k: number) => (k === 0 ? `'${a.name}'` : `'${stops[k].name}' (switch '${switches[k - 1].name}')`);
    const message = `No path on '${topology.name}' leads from ${describe(i)} to ${i + 1 === stops.length - 1 ? `'${b.name}'` : describe(i + 1)}; link them, or place the switch elsewhere.`;
    if (i === 0) accept('error', message, { node: ends, property: 'source' });
    else if (i === stops.length - 2) accept('error', message, { node: ends, property: 'target' });
    else accept('error', message, { node: via, property: 'hops', index: i });
    return;
  }
  const delayClause = firstOf(service.clauses, 'ServiceDelaySlo');
  const limit = valueOf(delayClause?.value);
  if (!delayClause || limit === undefined) return;
  const propagation = found.itinerary.latency;
  if (limit < propagation) {
    accept('warning', `The delay SLO of ${time(limit)} is below the ${time(propagation)} the route takes on its links alone: no weights can meet it.`, {
      node: delayClause,
      property: 'value',
    });
  }
  const hops = switches.flatMap((sw, k) => {
    const model = attemptLowering(() => lowerSwitch(sw, context));
    return model ? [{ model, flow: model.flows.findIndex((f) => f.name === flows[k].name) }] : [];
  });
  if (hops.length !== switches.length) return; // a switch that does not lower reports why itself
  const issue = serviceRangeIssue(service.name, hops, limit);
  if (issue) accept('error', issue, { node: delayClause, property: 'value' });
}
