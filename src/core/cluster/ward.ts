// A tree of regions over the map: Ward agglomeration of map positions,
// restricted to neighbours on the map.
//
// Why Ward: it merges, at every step, the two groups whose union adds least
// to the within-group spread, so the tree it builds can be cut at any number
// of groups and every cut is a set of compact regions of comparable size.
// That is what a reader of a map wants at each zoom level: a handful of
// countries, then provinces inside each. Density methods (the grid basins
// used before, HDBSCAN) name the clumps UMAP draws but give one region for a
// map that is one large blob, which most workspaces of a few hundred symbols
// are. Merging only groups that are neighbours on the map keeps each region
// in one piece; islands that no neighbour edge reaches merge last.
//
// Cost: at most MAX_LEAVES leaves (points, or at larger sizes the occupied
// cells of a grid over the map), each with NEIGHBOURS edges, merged through a
// heap: tens of milliseconds at any map size.
//
// Hand-written because the npm clustering packages (ml-hclust,
// hierarchical-clustering) compute a full n × n distance matrix: O(n²) memory
// and time, and no connectivity constraint.
import { boundsOf } from '../project/bounds';
import { knn2d } from './knn2d';

/** Above this many points, leaves are the occupied cells of a grid (their points' centroid and count). */
const MAX_LEAVES = 4096;
/** Map neighbours each leaf may merge with; 8 keeps a blob connected without long jumps across gaps. */
const NEIGHBOURS = 8;

export interface Dendrogram {
  /** Leaf of each point. */
  readonly leafOf: Int32Array;
  /** Number of leaves; nodes 0..leaves-1 are leaves, leaves..leaves+merges-1 merges. */
  readonly leaves: number;
  /** Children of each merge node (indexed by node - leaves). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Ward cost of each merge (the increase in total within-group squared distance). */
  readonly height: Float64Array;
  /** Points under each node (leaves and merges). */
  readonly size: Float64Array;
  /** The root (the last merge), or the only leaf. */
  readonly root: number;
}

/** Where the tree starts: single points, or at larger sizes grid cells (centroid and count). */
export interface Leaves {
  readonly leafOf: Int32Array;
  readonly leaves: number;
  readonly cx: Float64Array;
  readonly cy: Float64Array;
  readonly weight: Float64Array;
}

/** Builds the tree over `leaves` (see makeLeaves); at least one leaf. Deterministic. */
export function wardTree({ leafOf, leaves, cx, cy, weight }: Leaves): Dendrogram {
  const total = 2 * leaves - 1;
  const sx = new Float64Array(total);
  const sy = new Float64Array(total);
  const size = new Float64Array(total);
  sx.set(cx);
  sy.set(cy);
  size.set(weight);
  const left = new Int32Array(Math.max(0, leaves - 1));
  const right = new Int32Array(Math.max(0, leaves - 1));
  const height = new Float64Array(Math.max(0, leaves - 1));
  const alive = new Uint8Array(total);
  alive.fill(1, 0, leaves);
  let next = leaves;

  // The active nodes, for linking islands when the neighbour graph runs out.
  let active: number[] = Array.from({ length: leaves }, (_, i) => i);
  while (active.length > 1) {
    // Neighbour graph over the active nodes' centroids.
    const m = active.length;
    const at = new Float64Array(m * 2);
    for (let a = 0; a < m; a++) {
      at[2 * a] = sx[active[a]!]!;
      at[2 * a + 1] = sy[active[a]!]!;
    }
    const nn = knn2d(at, m, Math.min(NEIGHBOURS, m - 1));
    const k = Math.min(NEIGHBOURS, m - 1);
    const adjacency = new Map<number, Set<number>>();
    const link = (a: number, b: number) => {
      let s = adjacency.get(a);
      if (!s) adjacency.set(a, (s = new Set()));
      s.add(b);
    };
    const heap = new EdgeHeap();
    for (let a = 0; a < m; a++) {
      for (let p = 0; p < k; p++) {
        const b = nn[a * k + p]!;
        if (b < 0) continue;
        const u = active[a]!;
        const v = active[b]!;
        link(u, v);
        link(v, u);
        // An edge found from both ends is pushed twice; the second pop finds its ends merged and is skipped.
        heap.push(ward(u, v), Math.min(u, v), Math.max(u, v));
      }
    }
    // Merge the cheapest live edge until none is left.
    while (heap.size > 0) {
      const [, u, v] = heap.pop();
      if (!alive[u] || !alive[v]) continue;
      const w = next++;
      const i = w - leaves;
      left[i] = u;
      right[i] = v;
      height[i] = ward(u, v);
      size[w] = size[u]! + size[v]!;
      sx[w] = (sx[u]! * size[u]! + sx[v]! * size[v]!) / size[w]!;
      sy[w] = (sy[u]! * size[u]! + sy[v]! * size[v]!) / size[w]!;
      alive[u] = 0;
      alive[v] = 0;
      alive[w] = 1;
      const around = new Set<number>();
      for (const x of adjacency.get(u) ?? []) if (alive[x]) around.add(x);
      for (const x of adjacency.get(v) ?? []) if (alive[x]) around.add(x);
      adjacency.delete(u);
      adjacency.delete(v);
      adjacency.set(w, around);
      for (const x of around) {
        const s = adjacency.get(x)!;
        s.delete(u);
        s.delete(v);
        s.add(w);
        heap.push(ward(w, x), Math.min(w, x), Math.max(w, x));
      }
    }
    const remaining: number[] = [];
    for (const a of active) if (alive[a]) remaining.push(a);
    for (let w = leaves; w < next; w++) if (alive[w]) remaining.push(w);
    // Islands: each round links the remaining groups by their own neighbour graph, so the loop ends.
    active = [...new Set(remaining)].sort((a, b) => a - b);
  }
  return { leafOf, leaves, left, right, height, size, root: next - 1 };

  function ward(u: number, v: number): number {
    const dx = sx[u]! - sx[v]!;
    const dy = sy[u]! - sy[v]!;
    return ((size[u]! * size[v]!) / (size[u]! + size[v]!)) * (dx * dx + dy * dy);
  }
}

export function makeLeaves(xy: ArrayLike<number>, n: number): Leaves {
  if (n <= MAX_LEAVES) {
    const cx = new Float64Array(n);
    const cy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      cx[i] = xy[2 * i]!;
      cy[i] = xy[2 * i + 1]!;
    }
    return { leafOf: Int32Array.from({ length: n }, (_, i) => i), leaves: n, cx, cy, weight: new Float64Array(n).fill(1) };
  }
  // A square grid fine enough that the occupied cells stay under MAX_LEAVES
  // on a map that fills about half its bounding box (UMAP maps fill 30-60 %).
  const { minX, maxX, minY, maxY } = boundsOf(xy, n);
  const extent = Math.max(maxX - minX, maxY - minY) || 1;
  const side = Math.floor(Math.sqrt(MAX_LEAVES * 2));
  const cellLeaf = new Int32Array(side * side).fill(-1);
  const leafOf = new Int32Array(n);
  const sums: number[] = [];
  let leaves = 0;
  for (let i = 0; i < n; i++) {
    const gx = Math.min(side - 1, Math.floor(((xy[2 * i]! - minX) / extent) * side));
    const gy = Math.min(side - 1, Math.floor(((xy[2 * i + 1]! - minY) / extent) * side));
    const c = gy * side + gx;
    if (cellLeaf[c]! < 0) {
      cellLeaf[c] = leaves++;
      sums.push(0, 0, 0);
    }
    const l = cellLeaf[c]!;
    leafOf[i] = l;
    sums[3 * l] += xy[2 * i]!;
    sums[3 * l + 1] += xy[2 * i + 1]!;
    sums[3 * l + 2]++;
  }
  const cx = new Float64Array(leaves);
  const cy = new Float64Array(leaves);
  const weight = new Float64Array(leaves);
  for (let l = 0; l < leaves; l++) {
    weight[l] = sums[3 * l + 2]!;
    cx[l] = sums[3 * l]! / weight[l]!;
    cy[l] = sums[3 * l + 1]! / weight[l]!;
  }
  return { leafOf, leaves, cx, cy, weight };
}

/** A binary min-heap of (cost, u, v), ties by u then v so merges never depend on insertion order. */
class EdgeHeap {
  private cost: number[] = [];
  private u: number[] = [];
  private v: number[] = [];

  get size(): number {
    return this.cost.length;
  }

  push(c: number, u: number, v: number): void {
    this.cost.push(c);
    this.u.push(u);
    this.v.push(v);
    let i = this.cost.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): [number, number, number] {
    const top: [number, number, number] = [this.cost[0]!, this.u[0]!, this.v[0]!];
    const last = this.cost.length - 1;
    this.swap(0, last);
    this.cost.pop();
    this.u.pop();
    this.v.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.cost.length && this.less(l, m)) m = l;
      if (r < this.cost.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return (
      this.cost[a]! < this.cost[b]! ||
      (this.cost[a] === this.cost[b] && (this.u[a]! < this.u[b]! || (this.u[a] === this.u[b] && this.v[a]! < this.v[b]!)))
    );
  }

  // Plain temporaries: a destructuring swap allocates an array per swap until the code is optimised.
  private swap(a: number, b: number): void {
    const cost = this.cost[a]!;
    this.cost[a] = this.cost[b]!;
    this.cost[b] = cost;
    const u = this.u[a]!;
    this.u[a] = this.u[b]!;
    this.u[b] = u;
    const v = this.v[a]!;
    this.v[a] = this.v[b]!;
    this.v[b] = v;
  }
}
