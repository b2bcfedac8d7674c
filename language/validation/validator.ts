/** Registers every validation rule of docs/language.md; each rule lives with its declaration kind. */
import { AstUtils, type ValidationChecks } from 'langium';
import type { NetScenarioAstType } from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import { checkQuantity } from './quantities.js';
import { checkController, checkSwitch } from './switch-rules.js';
import { checkSwitchRange } from './switch-range.js';
import { checkCurve, checkExplicitTopology, checkMandala, checkPlacement, checkStudy } from './placement-rules.js';
import { checkUniqueDeclarations } from './names.js';
import { checkTopologyUse } from './topology-use.js';
import { checkService } from './service-rules.js';
import { loweringContext } from '../lowering-context.js';
import { checkTraffic } from './traffic-rules.js';

export function registerValidationChecks(services: NetScenarioServices): void {
  const registry = services.validation.ValidationRegistry;
  const indexManager = services.shared.workspace.IndexManager;
  const traces = services.traffic.TraceFiles;
  // Validation and lowering are synchronous: the trace files a document names are read first.
  registry.registerBeforeDocument((root) => traces.readAll(AstUtils.getDocument(root)));
  const context = loweringContext(services);
  const checks: ValidationChecks<NetScenarioAstType> = {
    Scenario: (scenario, accept) => checkUniqueDeclarations(scenario, indexManager, accept),
    Quantity: checkQuantity,
    ExplicitTopology: (topology, accept) => {
      checkExplicitTopology(topology, accept);
      checkTopologyUse(topology, services, accept);
    },
    MandalaTopology: (topology, accept) => {
      checkMandala(topology, accept);
      checkTopologyUse(topology, services, accept);
    },
    Curve: checkCurve,
    Placement: checkPlacement,
    Switch: (sw, accept) => {
      // The numeric range needs a well-formed model: only a switch the structural rules accept.
      let errors = 0;
      checkSwitch(sw, context.services, (severity, message, info) => {
        if (severity === 'error') errors++;
        accept(severity, message, info);
      });
      if (errors === 0) checkSwitchRange(sw, context, accept);
    },
    Service: (service, accept) => checkService(service, context, accept),
    Controller: checkController,
    Traffic: (traffic, accept) => checkTraffic(traffic, context, accept),
    Study: checkStudy,
  };
  registry.register(checks);
}
