// A uniform grid over a big map's points, so that a frame touches only the
// points in view: each colour group's points sorted by grid cell (row by row),
// with where each cell starts. The cells of one row in view are then one run
// of that order, so counting the points in view costs a subtraction per row,
// and drawing them a slice per row.
//
// Hand-written, not d3-quadtree: the quadtree (pointer.ts keeps one for
// hover) visits nodes through callbacks and its nodes are objects; this is
// two counting passes into typed arrays, rebuilt in tens of milliseconds for
// a million points, and a view's points come out as contiguous index slices
// that the stamping loop (raster.ts) takes as they are.
import type { Bounds } from './geometry';

/** Cells per side. 256² cells: a million points average 15 a cell, and a view at 8× Fit spans ~30 cells a side. */
const CELLS = 256;

export interface GridGroup {
  readonly slot: number;
  /** The group's point indices, sorted by cell. */
  readonly order: Uint32Array;
  /** order[start[c] .. start[c + 1]) are the points in cell c (row-major). */
  readonly start: Uint32Array;
}

export interface PointGrid {
  readonly x0: number;
  readonly y0: number;
  /** Cells per world unit. */
  readonly scale: number;
  readonly cells: number;
  readonly groups: readonly GridGroup[];
}

export function buildGrid(
  xs: Float64Array,
  ys: Float64Array,
  groups: readonly { readonly slot: number; readonly indices: Uint32Array }[],
  bounds: Bounds,
): PointGrid {
  const span = Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0, 1e-9);
  // A little over the span, so the far edge falls inside the last cell.
  const scale = CELLS / (span * (1 + 1e-9));
  const { x0, y0 } = bounds;
  const cellOf = (i: number): number => {
    const cx = Math.min(CELLS - 1, Math.max(0, ((xs[i] - x0) * scale) | 0));
    const cy = Math.min(CELLS - 1, Math.max(0, ((ys[i] - y0) * scale) | 0));
    return cy * CELLS + cx;
  };
  const out: GridGroup[] = [];
  for (const g of groups) {
    const idx = g.indices;
    const start = new Uint32Array(CELLS * CELLS + 1);
    const cell = new Uint32Array(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const c = cellOf(idx[j]);
      cell[j] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < CELLS * CELLS; c++) start[c + 1] += start[c];
    const fill = start.slice(0, CELLS * CELLS);
    const order = new Uint32Array(idx.length);
    for (let j = 0; j < idx.length; j++) order[fill[cell[j]]++] = idx[j];
    out.push({ slot: g.slot, order, start });
  }
  return { x0, y0, scale, cells: CELLS, groups: out };
}

/** The cells a world rectangle touches: columns cx0..cx1 and rows cy0..cy1, inclusive (empty when cx0 > cx1). */
function cellRange(g: PointGrid, vx0: number, vy0: number, vx1: number, vy1: number): [number, number, number, number] {
  const clamp = (v: number): number => Math.min(g.cells - 1, Math.max(0, Math.floor(v)));
  const fx0 = (vx0 - g.x0) * g.scale;
  const fy0 = (vy0 - g.y0) * g.scale;
  const fx1 = (vx1 - g.x0) * g.scale;
  const fy1 = (vy1 - g.y0) * g.scale;
  if (fx1 < 0 || fy1 < 0 || fx0 >= g.cells || fy0 >= g.cells) return [1, 1, 0, 0];
  return [clamp(fx0), clamp(fy0), clamp(fx1), clamp(fy1)];
}

/** Points in the cells the rectangle touches: at least those inside it, at most a cell's width more around its edge. */
export function countNear(g: PointGrid, vx0: number, vy0: number, vx1: number, vy1: number): number {
  const [cx0, cy0, cx1, cy1] = cellRange(g, vx0, vy0, vx1, vy1);
  let n = 0;
  for (const group of g.groups) {
    for (let cy = cy0; cy <= cy1; cy++) n += group.start[cy * g.cells + cx1 + 1] - group.start[cy * g.cells + cx0];
  }
  return n;
}

/**
 * Calls `visit` with each group's slot and its points in the cells the
 * rectangle touches, one slice per row, groups in their drawing order.
 */
export function forEachNear(
  g: PointGrid,
  vx0: number,
  vy0: number,
  vx1: number,
  vy1: number,
  visit: (slot: number, indices: Uint32Array) => void,
): void {
  const [cx0, cy0, cx1, cy1] = cellRange(g, vx0, vy0, vx1, vy1);
  for (const group of g.groups) {
    for (let cy = cy0; cy <= cy1; cy++) {
      const a = group.start[cy * g.cells + cx0];
      const b = group.start[cy * g.cells + cx1 + 1];
      if (b > a) visit(group.slot, group.order.subarray(a, b));
    }
  }
}
