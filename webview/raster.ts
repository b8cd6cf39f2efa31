// The inner loop of the point renderer: stamps anti-aliased discs into a
// 32-bit RGBA pixel buffer (an ImageData's, not premultiplied). Pure and
// DOM-free, so tests check its pixels and the benchmark can time it alone.
// Written for speed: 100k points must fit in a fraction of a 16 ms frame.
import type { Stamp } from './stamp';

/** Alpha 255 as the top byte of a signed 32-bit pixel. */
const OPAQUE = 0xff000000 | 0;

export interface PixelTarget {
  /**
   * The ImageData's buffer viewed as signed 32-bit pixels (little-endian RGBA):
   * signed, so every value stays a small integer for V8 (no boxing).
   */
  readonly pixels: Int32Array;
  readonly width: number;
  readonly height: number;
}

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** A stamp prepared for one buffer width: linear offsets and integer coverage (0..256). */
export interface PreparedStamp {
  readonly stamp: Stamp;
  readonly width: number;
  readonly offsets: Int32Array;
  readonly cover256: Uint16Array;
}

export function prepareStamp(stamp: Stamp, width: number): PreparedStamp {
  const n = stamp.dx.length;
  const offsets = new Int32Array(n);
  const cover256 = new Uint16Array(n);
  for (let e = 0; e < n; e++) {
    offsets[e] = stamp.dy[e] * width + stamp.dx[e];
    cover256[e] = Math.round(stamp.cover[e] * 256);
  }
  return { stamp, width, offsets, cover256 };
}

/**
 * Stamps the points `indices` (positions xs/ys mapped by screen = t + k·world,
 * in device pixels) in one colour. With a mask, only points whose mask value
 * is `want` are drawn. Returns how many points were in view.
 */
export function stampPoints(
  target: PixelTarget,
  xs: Float64Array,
  ys: Float64Array,
  indices: Uint32Array,
  k: number,
  tx: number,
  ty: number,
  st: PreparedStamp,
  colour: Rgb,
  mask: Uint8Array | null,
  want: number,
): number {
  const { pixels: px, width: W, height: H } = target;
  const { offsets, cover256 } = st;
  const { dx, dy, solid, reach } = st.stamp;
  const n = offsets.length;
  const r = colour.r;
  const g = colour.g;
  const b = colour.b;
  const rgb = (b << 16) | (g << 8) | r;
  const packed = OPAQUE | rgb;
  // Centres in this box need no per-pixel bounds checks.
  const loX = reach;
  const loY = reach;
  const hiX = W - reach;
  const hiY = H - reach;
  let drawn = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    if (mask !== null && mask[i] !== want) continue;
    const fx = tx + k * xs[i];
    const fy = ty + k * ys[i];
    if (fx < -reach || fy < -reach || fx >= W + reach || fy >= H + reach) continue;
    // Round half up; the box test above keeps these well inside int32.
    const x = Math.floor(fx + 0.5);
    const y = Math.floor(fy + 0.5);
    drawn++;
    const inside = x >= loX && y >= loY && x < hiX && y < hiY;
    const o = y * W + x;
    for (let e = 0; e < n; e++) {
      let q = o + offsets[e];
      if (!inside) {
        const X = x + dx[e];
        const Y = y + dy[e];
        if (X < 0 || Y < 0 || X >= W || Y >= H) continue;
        q = Y * W + X;
      }
      if (e < solid) {
        px[q] = packed;
        continue;
      }
      // The soft rim: blend over what is there. Written inline, in int32
      // arithmetic, because a helper call per pixel boxed its numbers and
      // cost more than the rest of the frame (CPU profile, 100k points).
      const a = cover256[e];
      const p = px[q];
      const a0 = p >>> 24;
      if (a0 === 0) {
        px[q] = (((a * 255) >> 8) << 24) | rgb;
      } else if (a0 === 255) {
        const r0 = p & 255;
        const g0 = (p >> 8) & 255;
        const b0 = (p >> 16) & 255;
        px[q] = OPAQUE | ((b0 + (((b - b0) * a) >> 8)) << 16) | ((g0 + (((g - g0) * a) >> 8)) << 8) | (r0 + (((r - r0) * a) >> 8));
      } else {
        // Soft rim over soft rim: full "over" compositing (rare).
        const af = a / 256;
        const w0 = (a0 / 255) * (1 - af);
        const out = af + w0;
        const r0 = p & 255;
        const g0 = (p >> 8) & 255;
        const b0 = (p >> 16) & 255;
        px[q] = ((out * 255) << 24) | (((b * af + b0 * w0) / out) << 16) | (((g * af + g0 * w0) / out) << 8) | ((r * af + r0 * w0) / out);
      }
    }
  }
  return drawn;
}
