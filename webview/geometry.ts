// Coordinate math for the map, pure so tests can check it without a DOM.
//
// Three spaces: data (x, y as the projection wrote them, any scale), world (data
// scaled uniformly into a WORLD × WORLD square, so zoom limits and point radii
// do not depend on the projection's units) and screen (CSS pixels, world mapped
// through the d3-zoom transform: screen = t + k · world).

/** Side of the world square. Any size works; 1000 keeps numbers readable. */
export const WORLD = 1000;

export interface Bounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Transform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

/** Bounds of the points (all of them, or those at `indices`); null when there are none. */
export function boundsOf(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  indices?: Iterable<number>,
): Bounds | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const visit = (i: number): void => {
    const x = xs[i];
    const y = ys[i];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  };
  if (indices) for (const i of indices) visit(i);
  else for (let i = 0; i < xs.length; i++) visit(i);
  return x0 <= x1 ? { x0, y0, x1, y1 } : null;
}

/** Maps data coordinates into the world square, keeping the aspect ratio, centred. */
export interface Normaliser {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

export function normaliserFor(b: Bounds | null): Normaliser {
  if (!b) return { scale: 1, dx: WORLD / 2, dy: WORLD / 2 };
  const span = Math.max(b.x1 - b.x0, b.y1 - b.y0);
  // A single point (or all on one spot) has no span: put it in the middle.
  const scale = span > 0 ? WORLD / span : 1;
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return { scale, dx: WORLD / 2 - cx * scale, dy: WORLD / 2 - cy * scale };
}

export function toWorldX(n: Normaliser, x: number): number {
  return x * n.scale + n.dx;
}

export function toWorldY(n: Normaliser, y: number): number {
  return y * n.scale + n.dy;
}

/**
 * The transform that shows `b` centred in a `width` × `height` view with
 * `padding` pixels around it, never zooming in beyond `maxK` (a lone point or
 * a tight group would otherwise fill the screen). `rightInset` pixels on the
 * right are kept clear (the legend sits there).
 */
export function fitTransform(
  b: Bounds,
  fullWidth: number,
  height: number,
  padding: number,
  maxK: number,
  rightInset = 0,
): Transform {
  // Never let the inset take more than a third of the view.
  const width = fullWidth - Math.min(rightInset, fullWidth / 3);
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  const bw = b.x1 - b.x0;
  const bh = b.y1 - b.y0;
  let k = Math.min(bw > 0 ? w / bw : Infinity, bh > 0 ? h / bh : Infinity, maxK);
  if (!Number.isFinite(k) || k <= 0) k = maxK;
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}

/** The transform with world point (wx, wy) at the centre of the view, at zoom k. */
export function centreOn(wx: number, wy: number, k: number, width: number, height: number): Transform {
  return { k, x: width / 2 - wx * k, y: height / 2 - wy * k };
}

/**
 * Share of the bounds `b` (world) that the view shows: an estimate of how
 * many of the points are on screen, good enough to size them.
 */
export function visibleShare(b: Bounds | null, t: Transform, width: number, height: number): number {
  if (!b) return 1;
  const vx0 = -t.x / t.k;
  const vy0 = -t.y / t.k;
  const vx1 = (width - t.x) / t.k;
  const vy1 = (height - t.y) / t.k;
  // A flat or single-point map still has some area, so the share stays finite.
  const pad = 1e-3 * WORLD;
  const bw = Math.max(b.x1 - b.x0, pad);
  const bh = Math.max(b.y1 - b.y0, pad);
  const ow = Math.max(0, Math.min(vx1, b.x0 + bw) - Math.max(vx0, b.x0));
  const oh = Math.max(0, Math.min(vy1, b.y0 + bh) - Math.max(vy0, b.y0));
  return Math.min(1, (ow * oh) / (bw * bh));
}

/**
 * Point radius in CSS pixels from the number of points on screen: 1 px at
 * 100k (dense maps still show their structure), about 2 px at 6k, 4.5 px for a
 * few dozen. The fourth root makes zooming in grow points gently and without
 * steps. Constants picked by eye on the render harness's screenshots.
 */
export function pointRadius(visible: number): number {
  return Math.min(4.5, Math.max(1, 17.8 * Math.pow(Math.max(visible, 1), -0.25)));
}

/** Where an axis's coordinates go: spread over the map's own extent, so the view needs no new zoom. */
export function spread(values: ArrayLike<number>, lo: number, hi: number): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  const out = new Float64Array(values.length);
  const span = max - min;
  for (let i = 0; i < values.length; i++) out[i] = span > 0 ? lo + ((values[i]! - min) / span) * (hi - lo) : (lo + hi) / 2;
  return out;
}
