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
 * a tight group would otherwise fill the screen).
 */
export function fitTransform(
  b: Bounds,
  width: number,
  height: number,
  padding: number,
  maxK: number,
): Transform {
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

/** Point radius in CSS pixels: smaller on crowded maps, growing gently as you zoom in. */
export function pointRadius(count: number, k: number, fitK: number): number {
  // Base sizes picked by eye: 100k points at radius 1 still show structure,
  // a few hundred points want to be seen and hovered easily.
  const base = count > 50_000 ? 1 : count > 10_000 ? 1.5 : count > 2_000 ? 2.2 : count > 500 ? 3.2 : 4;
  const zoom = Math.max(1, k / Math.max(fitK, 1e-9));
  return Math.min(base * Math.pow(zoom, 0.35), 8);
}
