/** Small directed-graph helpers shared by validation (structure checks) and the engines. */

export type Adjacency = readonly (readonly number[])[];

export function adjacency(vertexCount: number, edges: readonly (readonly [number, number])[]): number[][] {
  const next: number[][] = Array.from({ length: vertexCount }, () => []);
  for (const [from, to] of edges) if (!next[from].includes(to)) next[from].push(to);
  return next;
}

/** A cycle as a vertex list (first vertex repeated at the end), or undefined when the graph is acyclic. */
export function findCycle(next: Adjacency): number[] | undefined {
  const state = new Uint8Array(next.length); // 0 new, 1 on the stack, 2 done
  const parent = new Int32Array(next.length).fill(-1);
  for (let start = 0; start < next.length; start++) {
    if (state[start] !== 0) continue;
    // Iterative DFS: scenario graphs may be long chains, recursion could overflow.
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [vertex, edgeIndex] = top;
      if (edgeIndex >= next[vertex].length) {
        state[vertex] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const to = next[vertex][edgeIndex];
      if (state[to] === 1) {
        const cycle = [to];
        for (let v = vertex; v !== to; v = parent[v]) cycle.push(v);
        cycle.push(to);
        return cycle.reverse();
      }
      if (state[to] === 0) {
        state[to] = 1;
        parent[to] = vertex;
        stack.push([to, 0]);
      }
    }
  }
  return undefined;
}

/**
 * Number of distinct paths from `source` to `target` in a DAG, capped at `cap` (we only need to tell
 * 0, 1 and "several"), and one path when there is exactly one.
 */
export function pathsBetween(next: Adjacency, source: number, target: number, cap = 2): { count: number; path?: number[] } {
  // Paths to `target` from each vertex, counted after its successors (iterative DFS: a dataflow may be
  // a chain of thousands of modules, too deep for recursion). A vertex in progress counts 0: this
  // guards against cycles, which validation reports separately.
  const paths = new Map<number, number>([[source, 0]]);
  const stack: [vertex: number, nextEdge: number][] = [[source, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [vertex, edge] = top;
    if (vertex !== target && edge < next[vertex].length) {
      top[1]++;
      const to = next[vertex][edge];
      if (!paths.has(to)) {
        paths.set(to, 0);
        stack.push([to, 0]);
      }
      continue;
    }
    stack.pop();
    paths.set(vertex, vertex === target ? 1 : next[vertex].reduce((total, to) => Math.min(cap, total + (paths.get(to) ?? 0)), 0));
  }
  const total = paths.get(source) ?? 0;
  if (total !== 1) return { count: total };
  const path = [source];
  for (let v: number | undefined = source; v !== undefined && v !== target;) {
    // paths(source) is 1, so each vertex on the way has exactly one successor leading on.
    v = next[v].find((to) => paths.get(to) === 1);
    if (v !== undefined) path.push(v);
  }
  return { count: 1, path };
}

/** Vertices reachable from `start` using only vertices in `allowed`. */
export function reachableWithin(next: Adjacency, start: number, allowed: ReadonlySet<number>): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  for (let vertex = stack.pop(); vertex !== undefined; vertex = stack.pop()) {
    for (const to of next[vertex]) {
      if (allowed.has(to) && !seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/** The connected parts of an undirected graph, each a list of vertices in increasing order, largest part first. */
export function connectedParts(vertexCount: number, edges: readonly (readonly [number, number])[]): number[][] {
  const neighbours: number[][] = Array.from({ length: vertexCount }, () => []);
  for (const [a, b] of edges) {
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const part = new Int32Array(vertexCount).fill(-1);
  const parts: number[][] = [];
  for (let start = 0; start < vertexCount; start++) {
    if (part[start] >= 0) continue;
    const members = [start];
    part[start] = parts.length;
    for (let i = 0; i < members.length; i++) {
      for (const next of neighbours[members[i]]) {
        if (part[next] >= 0) continue;
        part[next] = parts.length;
        members.push(next);
      }
    }
    parts.push(members.sort((x, y) => x - y));
  }
  return parts.sort((x, y) => y.length - x.length || x[0] - y[0]);
}
