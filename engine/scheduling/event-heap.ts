/**
 * A binary min-heap of (time, id) events in typed arrays, for the packet-level simulation: each id
 * (a flow's next arrival, a worker's batch completion) is in the heap at most once, so the capacity
 * is fixed. Equal times pop in id order, which keeps a run deterministic.
 */
export class EventHeap {
  private readonly times: Float64Array;
  private readonly ids: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; only valid when size > 0. */
  get nextTime(): number {
    return this.times[0];
  }

  push(time: number, id: number): void {
    const { times, ids } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] < time || (times[parent] === time && ids[parent] < id)) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Removes the earliest event and returns its id (its time was nextTime). */
  pop(): number {
    const { times, ids } = this;
    const top = ids[0];
    const last = --this.count;
    const time = times[last];
    const id = ids[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (times[right] < times[child] || (times[right] === times[child] && ids[right] < ids[child]))) child = right;
      if (time < times[child] || (time === times[child] && id < ids[child])) break;
      times[i] = times[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    ids[i] = id;
    return top;
  }
}
