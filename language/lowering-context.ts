/** What lowering reads beyond a document's AST, from the language services of its workspace. */
import type { LoweringContext } from './lowering.js';
import type { NetScenarioServices } from './netscenario-module.js';
import { serviceLookup } from './referrers.js';

export function loweringContext(services: NetScenarioServices): LoweringContext {
  return { services: serviceLookup(services), traces: services.traffic.TraceFiles.lookup };
}
