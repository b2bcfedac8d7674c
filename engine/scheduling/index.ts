/** Public API of the scheduling engine (seed: realtime-nf-scheduling.txt). */
export { DEFAULT_CONTROLLER } from './model.js';
export type { ControllerSettings, Flow, Module, SwitchModel, Task, Worker } from './model.js';
export { solveSwitch, type SolveSwitchOptions } from './solve.js';
export { simulateSwitch, type SimulateOptions } from './simulate.js';
export type { FlowResult, OptimumResult, Simulation, SimulationRow, SwitchResult, TaskBudget } from './result.js';
