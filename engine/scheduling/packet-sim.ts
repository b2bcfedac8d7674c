/**
 * A packet-level, discrete-event simulation of a switch as the NF scheduling paper models it (§II-B,
 * §III-B), to check the delay estimate against measured delays as the paper's Fig. 2 does on BESS:
 * - packets of flow f arrive at rate rho_f (Poisson, or evenly spaced) at the input queue of the
 *   first task on f's path; a full queue drops them (the NIC drops);
 * - every task has one FIFO input queue of Q packets; a worker runs one task at a time without
 *   pre-emption: it takes up to B packets from the head of the queue and runs them through the
 *   task's modules, tau_{t,f} cycles each, at T_i cycles per second; when the batch ends, every
 *   packet moves to the input queue of the next task on its flow's path, or leaves the switch;
 * - back-pressure: a packet joins a batch only if the queue it goes to next has room (counting the
 *   packets of running batches bound for it), so nothing is dropped inside the switch (Assumption 2,
 *   enforced by back-pressure as in BESS);
 * - WFQ between the tasks of a worker by stride scheduling over cycles (Lemma 1): the worker runs
 *   the eligible task with the smallest pass and adds the batch's cycles / w_t to it. A task that was
 *   idle or blocked rejoins at the worker's virtual time (the pass of the batch that started last):
 *   it gets its share from then on, without credit for the time it sat out (start-time fair
 *   queuing). Tasks of weight 0 run only when no weighted task is eligible.
 * A packet's delay runs from its arrival to the end of the batch of its last task.
 *
 * Everything per packet lives in typed arrays (a pool with a free list; queues are linked lists
 * through it), events in a fixed-size binary heap, and the loop allocates nothing per packet.
 */
import { EventHeap } from './event-heap.js';
import type { SwitchModel } from './model.js';
import { deriveSeed, mulberry32, type Random } from '../placement/prng.js';
import { buildStructure } from './structure.js';

export type ArrivalProcess = 'poisson' | 'constant';

export interface PacketSimOptions {
  /** Packets measured: the first `packets` arrivals over all flows. */
  readonly packets: number;
  readonly seed?: number;
  /** Poisson arrivals (default), or evenly spaced ones from time 0. */
  readonly arrivals?: ArrivalProcess;
  /** Share of the measured packets, the first to arrive, left out of the statistics (the empty switch filling up). Default 0.1. */
  readonly warmUp?: number;
}

export interface DelayStatistics {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface FlowMeasurement {
  /** Packets of the flow that arrived after the warm-up. */
  readonly arrived: number;
  readonly delivered: number;
  /** Dropped at the full input queue of the flow's first task. */
  readonly dropped: number;
  /** Delivered packets per second of the measurement window. */
  readonly throughput: number;
  /** Over the delivered packets (nearest-rank percentiles); null when none was delivered. */
  readonly delay: DelayStatistics | null;
}

export interface PacketMeasurement {
  /** Seconds from the first to the last arrival after the warm-up. */
  readonly window: number;
  /** Per flow, in model order. */
  readonly flows: readonly FlowMeasurement[];
  /** Batches run, all workers together. */
  readonly batches: number;
}

export const DEFAULT_WARM_UP = 0.1;
const NO_PACKET = -1;

/** Measures the switch at `weights` (per task; each worker's sum 1). Deterministic for a seed. */
export function simulatePackets(model: SwitchModel, weights: readonly number[], options: PacketSimOptions): PacketMeasurement {
  return new PacketSwitch(model, weights, options).run();
}

class PacketSwitch {
  // ---- the model, flattened
  private readonly flows: number;
  private readonly batch: number;
  private readonly queueSize: number;
  /** Per flow, its hops (the tasks of its path in order) in hopTask/hopCycles from hopStart[f]. */
  private readonly hopStart: Int32Array;
  private readonly hopEnd: Int32Array;
  private readonly hopTask: Int32Array;
  private readonly hopCycles: Float64Array;
  private readonly taskWorker: Int32Array;
  private readonly weight: Float64Array;
  private readonly speed: Float64Array;
  private readonly tasksOfWorker: readonly Int32Array[];
  /** Per task, the workers of the tasks that feed its queue (they may be waiting for its room). */
  private readonly feederWorkers: readonly Int32Array[];
  private readonly gap: Float64Array;
  private readonly random: readonly Random[];
  private readonly poisson: boolean;

  // ---- packets: a pool of slots, queues are linked lists through `next`
  private capacity = 0;
  private flowOf = new Int32Array(0);
  private hopOf = new Int32Array(0);
  private arrivalOf = new Float64Array(0);
  /** Arrival number for a measured packet, -1 for the packets that keep the load up at the end. */
  private idOf = new Int32Array(0);
  private next = new Int32Array(0);
  private free = NO_PACKET;

  // ---- task queues and WFQ state
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly length: Int32Array;
  /** Slots promised to packets of running batches. */
  private readonly reserved: Int32Array;
  private readonly pass: Float64Array;

  // ---- workers
  private readonly busy: Uint8Array;
  /** Something changed for the worker (a packet for one of its tasks, room downstream of one): it may start a batch. */
  private readonly dirty: Uint8Array;
  private readonly batchOf: Int32Array;
  private readonly batchLength: Int32Array;
  private batches = 0;

  // ---- measurement
  private readonly measured: number;
  private readonly warmUpId: number;
  private readonly delays: Float64Array;
  private readonly flowOfId: Int32Array;
  private readonly arrivalTimes: Float64Array;
  private arrivals = 0;
  private inFlight = 0;
  private readonly events: EventHeap;

  constructor(model: SwitchModel, weights: readonly number[], options: PacketSimOptions) {
    const structure = buildStructure(model);
    const F = model.flows.length;
    const T = model.tasks.length;
    const W = model.workers.length;
    this.flows = F;
    this.batch = model.batch;
    this.queueSize = model.queue;
    this.hopStart = new Int32Array(F);
    this.hopEnd = new Int32Array(F);
    const hops = structure.visits.reduce((sum, v) => sum + v.length, 0);
    this.hopTask = new Int32Array(hops);
    this.hopCycles = new Float64Array(hops);
    let h = 0;
    structure.visits.forEach((visits, f) => {
      this.hopStart[f] = h;
      for (const { task, tau } of visits) {
        this.hopTask[h] = task;
        this.hopCycles[h++] = tau;
      }
      this.hopEnd[f] = h;
    });
    this.taskWorker = Int32Array.from(model.tasks, (t) => t.worker);
    this.weight = Float64Array.from(weights);
    this.speed = Float64Array.from(model.workers, (w) => w.speed);
    this.tasksOfWorker = structure.tasksOfWorker.map((tasks) => Int32Array.from(tasks));
    const feeders = model.tasks.map(() => new Set<number>());
    structure.visits.forEach((visits) => visits.forEach((v, k) => k > 0 && feeders[v.task].add(this.taskWorker[visits[k - 1].task])));
    this.feederWorkers = feeders.map((set) => Int32Array.from(set));
    this.gap = Float64Array.from(model.flows, (f) => 1 / f.offered);
    const seed = options.seed ?? 1;
    this.random = model.flows.map((_, f) => mulberry32(deriveSeed(seed, f)));
    this.poisson = (options.arrivals ?? 'poisson') === 'poisson';

    this.head = new Int32Array(T).fill(NO_PACKET);
    this.tail = new Int32Array(T).fill(NO_PACKET);
    this.length = new Int32Array(T);
    this.reserved = new Int32Array(T);
    this.pass = new Float64Array(T);

    this.busy = new Uint8Array(W);
    this.dirty = new Uint8Array(W);
    this.batchOf = new Int32Array(W * this.batch);
    this.batchLength = new Int32Array(W);

    this.measured = options.packets;
    this.warmUpId = Math.min(options.packets - 1, Math.floor((options.warmUp ?? DEFAULT_WARM_UP) * options.packets));
    this.delays = new Float64Array(options.packets).fill(NaN);
    this.flowOfId = new Int32Array(options.packets);
    this.arrivalTimes = new Float64Array(options.packets);
    // Ids 0..F-1: a flow's next arrival; F..F+W-1: a worker's batch completion.
    this.events = new EventHeap(F + W);
    this.grow(Math.min(options.packets, 1 << 14));
  }

  run(): PacketMeasurement {
    const { events, flows } = this;
    for (let f = 0; f < flows; f++) {
      if (this.hopEnd[f] > this.hopStart[f]) events.push(this.poisson ? this.interval(f) : 0, f);
    }
    while (events.size > 0) {
      const now = events.nextTime;
      const id = events.pop();
      if (id < flows) this.arrive(id, now);
      else this.complete(id - flows, now);
      this.startIdleWorkers(now);
    }
    return this.measurement();
  }

  private interval(f: number): number {
    return this.poisson ? -Math.log(1 - this.random[f]()) * this.gap[f] : this.gap[f];
  }

  /**
   * Arrivals go on past the measured packets, so the last measured ones see the same load as the
   * others, until every measured packet has left (at most as many again, then the switch drains).
   */
  private arrive(f: number, now: number): void {
    const n = this.arrivals++;
    const first = this.hopTask[this.hopStart[f]];
    if (n < this.measured) {
      this.flowOfId[n] = f;
      this.arrivalTimes[n] = now;
    }
    if (this.room(first) > 0) {
      const p = this.allocate();
      this.flowOf[p] = f;
      this.hopOf[p] = this.hopStart[f];
      this.arrivalOf[p] = now;
      this.idOf[p] = n < this.measured ? n : -1;
      if (n < this.measured) this.inFlight++;
      this.enqueue(first, p);
    }
    const generating = this.arrivals < this.measured || (this.inFlight > 0 && this.arrivals < 2 * this.measured);
    if (generating) this.events.push(now + this.interval(f), f);
  }

  private complete(w: number, now: number): void {
    const base = w * this.batch;
    for (let k = 0; k < this.batchLength[w]; k++) {
      const p = this.batchOf[base + k];
      const hop = ++this.hopOf[p];
      if (hop === this.hopEnd[this.flowOf[p]]) {
        const id = this.idOf[p];
        if (id >= 0) {
          this.delays[id] = now - this.arrivalOf[p];
          this.inFlight--;
        }
        this.release(p);
      } else {
        const task = this.hopTask[hop];
        this.reserved[task]--;
        this.enqueue(task, p);
      }
    }
    this.batchLength[w] = 0;
    this.busy[w] = 0;
    this.dirty[w] = 1;
  }

  /** Starting a batch frees room in a queue, which may wake the workers that feed it: repeat until none is waiting. */
  private startIdleWorkers(now: number): void {
    const { dirty, busy } = this;
    for (let waiting = true; waiting;) {
      waiting = false;
      for (let w = 0; w < busy.length; w++) {
        if (!dirty[w]) continue;
        dirty[w] = 0;
        if (!busy[w]) this.start(w, now);
      }
      for (let w = 0; w < busy.length && !waiting; w++) waiting = dirty[w] === 1 && busy[w] === 0;
    }
  }

  /** Free slots of task t's queue: Q minus its packets and those on their way to it. */
  private room(t: number): number {
    return this.queueSize - this.length[t] - this.reserved[t];
  }

  /** Whether t's head packet can join a batch: its next queue (if any) has room. */
  private eligible(t: number): boolean {
    const p = this.head[t];
    if (p === NO_PACKET) return false;
    const hop = this.hopOf[p] + 1;
    return hop === this.hopEnd[this.flowOf[p]] || this.room(this.hopTask[hop]) > 0;
  }

  /**
   * Passes of weighted tasks are kept relative to the worker's virtual time (0): after each choice
   * all are shifted by the chosen pass, so they stay small and a cheap task's increments are never
   * lost in the rounding of a large pass. A pass below 0 (the task sat out) rejoins at 0.
   */
  private start(w: number, now: number): void {
    const tasks = this.tasksOfWorker[w];
    const { pass, weight } = this;
    let chosen = -1;
    let weighted = false;
    for (let k = 0; k < tasks.length; k++) {
      const t = tasks[k];
      if (!this.eligible(t)) continue;
      const isWeighted = weight[t] > 0;
      if (isWeighted && pass[t] < 0) pass[t] = 0;
      if (chosen < 0 || (isWeighted && !weighted) || (isWeighted === weighted && pass[t] < pass[chosen])) {
        chosen = t;
        weighted = isWeighted;
      }
    }
    if (chosen < 0) return;
    if (weighted) {
      const shift = pass[chosen];
      for (let k = 0; k < tasks.length; k++) if (weight[tasks[k]] > 0) pass[tasks[k]] -= shift;
    }
    const cycles = this.takeBatch(w, chosen);
    pass[chosen] += weighted ? cycles / weight[chosen] : cycles;
    this.busy[w] = 1;
    this.batches++;
    this.events.push(now + cycles / this.speed[w], this.flows + w);
  }

  /** Moves up to B packets from t's head into w's batch (stopping at one whose next queue is full); returns their cycles. */
  private takeBatch(w: number, t: number): number {
    const base = w * this.batch;
    let cycles = 0;
    let taken = 0;
    while (taken < this.batch && this.eligible(t)) {
      const p = this.head[t];
      this.head[t] = this.next[p];
      if (this.head[t] === NO_PACKET) this.tail[t] = NO_PACKET;
      this.length[t]--;
      const hop = this.hopOf[p];
      cycles += this.hopCycles[hop];
      if (hop + 1 < this.hopEnd[this.flowOf[p]]) this.reserved[this.hopTask[hop + 1]]++;
      this.batchOf[base + taken++] = p;
    }
    this.batchLength[w] = taken;
    // t's queue has room again: a task that feeds it may be waiting for that.
    const feeders = this.feederWorkers[t];
    for (let k = 0; k < feeders.length; k++) this.dirty[feeders[k]] = 1;
    return cycles;
  }

  private enqueue(t: number, p: number): void {
    this.next[p] = NO_PACKET;
    if (this.tail[t] === NO_PACKET) this.head[t] = p;
    else this.next[this.tail[t]] = p;
    this.tail[t] = p;
    this.length[t]++;
    this.dirty[this.taskWorker[t]] = 1;
  }

  private allocate(): number {
    if (this.free === NO_PACKET) this.grow(this.capacity * 2);
    const p = this.free;
    this.free = this.next[p];
    return p;
  }

  private release(p: number): void {
    this.next[p] = this.free;
    this.free = p;
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    const widen = <A extends Int32Array | Float64Array>(array: A, make: (n: number) => A): A => {
      const wider = make(capacity);
      wider.set(array);
      return wider;
    };
    this.flowOf = widen(this.flowOf, (n) => new Int32Array(n));
    this.hopOf = widen(this.hopOf, (n) => new Int32Array(n));
    this.arrivalOf = widen(this.arrivalOf, (n) => new Float64Array(n));
    this.idOf = widen(this.idOf, (n) => new Int32Array(n));
    this.next = widen(this.next, (n) => new Int32Array(n));
    for (let p = capacity - 1; p >= old; p--) this.release(p);
    this.capacity = capacity;
  }

  private measurement(): PacketMeasurement {
    const first = this.warmUpId;
    const last = this.measured - 1;
    const window = this.arrivalTimes[last] - this.arrivalTimes[first];
    const arrived = new Int32Array(this.flows);
    for (let n = first; n <= last; n++) arrived[this.flowOfId[n]]++;
    const delays = Array.from(arrived, (count) => new Float64Array(count));
    const delivered = new Int32Array(this.flows);
    for (let n = first; n <= last; n++) {
      const f = this.flowOfId[n];
      const d = this.delays[n];
      if (!Number.isNaN(d)) delays[f][delivered[f]++] = d;
    }
    return {
      window,
      batches: this.batches,
      flows: Array.from(arrived, (count, f) => ({
        arrived: count,
        delivered: delivered[f],
        dropped: count - delivered[f],
        throughput: window > 0 ? delivered[f] / window : 0,
        delay: statistics(delays[f].subarray(0, delivered[f])),
      })),
    };
  }
}

/** Mean and nearest-rank percentiles (the p-th is the smallest value with at least p % at or below it). */
export function statistics(values: Float64Array): DelayStatistics | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = values.slice().sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * n) - 1)];
  return { mean: sum / n, p50: rank(0.5), p99: rank(0.99), max: sorted[n - 1] };
}
