/** Public API of the scheduling engine (seed: realtime-nf-scheduling.txt). */
export { DEFAULT_CONTROLLER } from './model.js';
export type { ControllerSettings, Flow, Module, ServiceHop, ServiceModel, SwitchModel, Task, Worker } from './model.js';
export { solveNetwork, type Network, type NetworkResults } from './joint.js';
export { solveSwitch, type SolveSwitchOptions } from './solve.js';
export { simulateSwitch, type SimulateOptions } from './simulate.js';
export type { FlowResult, HopResult, JointOptimumResult, OptimumResult, RouteSegment, ServiceResult, Simulation, SimulationRow, SwitchResult, TaskBudget } from './result.js';
