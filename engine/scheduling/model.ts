/**
 * Plain input model of the scheduling engine (seed: realtime-nf-scheduling.txt).
 * SI units: cycles, cycles/second, packets/second, seconds. Everything is referred to by index.
 * Produced by lowering (language/lowering.ts); no AST in here.
 */
import type { Topology } from '../placement/model.js';

export interface Worker {
  readonly name: string;
  /** T_i, cycles per second. */
  readonly speed: number;
}

export interface Module {
  readonly name: string;
  /** c_v, cycles per packet (>= 0). */
  readonly cost: number;
}

export interface Task {
  readonly name: string;
  /** Index into `SwitchModel.workers`. */
  readonly worker: number;
  /** Indices into `SwitchModel.modules`; the first one is the task's root. */
  readonly modules: readonly number[];
  /** A fixed WFQ weight in [0,1] from the source: evaluated as given instead of optimised. */
  readonly fixedWeight?: number;
}

export interface Flow {
  readonly name: string;
  /** Module indices along the flow's path, in order. */
  readonly path: readonly number[];
  /** rho_f, offered load, packets per second. */
  readonly offered: number;
  /** R_f, packets per second; undefined = no rate SLO. */
  readonly rateSlo?: number;
  /** D_f, seconds; undefined = no delay SLO. */
  readonly delaySlo?: number;
}

export interface ControllerSettings {
  /** alpha of Algorithm 1 (weight of the delay term against queue pressure). */
  readonly alpha: number;
  /** Step size of the projected gradient. */
  readonly step: number;
  /** n_s: points tried by the polyline line search (Algorithm 2). */
  readonly tries: number;
  /** Number of control periods the simulator runs. */
  readonly periods: number;
  /** Relative tolerance (fraction) under which the controller stops moving weights. */
  readonly tolerance: number;
}

/**
 * From control period `period` on, flow `flow` offers `offered` and/or has new SLOs (the `traffic`
 * block of a switch). The switch as declared is the load before the first change.
 */
export interface TrafficChange {
  readonly period: number;
  /** Index into `SwitchModel.flows`. */
  readonly flow: number;
  readonly offered?: number;
  readonly rateSlo?: number;
  readonly delaySlo?: number;
}

export const DEFAULT_CONTROLLER: ControllerSettings = { alpha: 1, step: 0.025, tries: 5, periods: 50, tolerance: 0.01 };

export interface SwitchModel {
  readonly name: string;
  readonly workers: readonly Worker[];
  /** B, packets. */
  readonly batch: number;
  /** Q, packets. */
  readonly queue: number;
  readonly modules: readonly Module[];
  /** Dataflow edges [from, to] as module indices; acyclic. */
  readonly edges: readonly (readonly [number, number])[];
  readonly tasks: readonly Task[];
  readonly flows: readonly Flow[];
  readonly controller: ControllerSettings;
  /** Changes of load and SLOs over control periods, in period order; only the simulation uses them. */
  readonly traffic?: readonly TrafficChange[];
}

/** One switch a service crosses, and the flow its traffic is there. */
export interface ServiceHop {
  /** The switch's name (unique across the workspace). */
  readonly switch: string;
  /** The name of the hop flow in that switch. */
  readonly flow: string;
  /** The switch's node: an index into the service's topology. */
  readonly node: number;
}

/**
 * A service: traffic that enters the topology at `from`, crosses the hops' switches in order along
 * shortest-latency routes, and leaves at `to`, with end-to-end SLOs (docs/models.md).
 */
export interface ServiceModel {
  readonly name: string;
  readonly topology: Topology;
  readonly from: number;
  readonly to: number;
  readonly hops: readonly ServiceHop[];
  /** rho, pps: the service's offered load, which is every hop flow's. */
  readonly offered: number;
  /** pps; undefined = no end-to-end rate SLO. */
  readonly rateSlo?: number;
  /** Seconds, end to end; undefined = no delay SLO. */
  readonly delaySlo?: number;
}
