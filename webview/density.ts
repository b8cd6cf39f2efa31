// Density: what the map draws where its points would pile on top of each
// other (a million symbols at Fit). The points are counted once into a fine
// square grid over the map, each bin keeping how many points it holds and
// the sum of their colours; coarser grids follow by adding 2×2 bins. Each
// grid is shaded into an image once, a bin in the mean colour of its points
// and more opaque the more it holds; a frame then only draws the image whose
// bins are nearest a screen pixel, moved and scaled (renderer.ts). Pure and
// DOM-free, so tests check its pixels and the benchmark can time it alone.
//
// Hand-written rather than a library's: d3's density estimators (d3-contour)
// blur and polygonise, which costs far more than one pass of integer counting
// over typed arrays, and the map needs pixels, not paths.
import type { Bounds } from './geometry';
import type { Rgb } from './raster';

/**
 * Bins across the finest grid. 1024: a map at Fit spans about the smaller
 * side of the view (700–1,000 pixels on common screens), so its bins are at
 * most a pixel there; closer in, a million points thin out to few enough in
 * view to draw as points (renderer.ts DENSITY_ABOVE) by about twice the Fit
 * zoom, and only the densest regions show this grid enlarged (smoothed). 2048
 * measured three times the cost to build (~0.45 s of CPU for a million points
 * on this busy 2-core machine, against ~0.15 s), for detail seen only there.
 */
export const FINEST = 1024;
/** Bins across the coarsest grid: below this a grid has no use on any screen. */
const COARSEST = 256;

/** Opacity of a bin holding one point: a lone point in a sparse area still shows. */
const MIN_ALPHA = 0.4;

/** One grid of the pyramid: `cells` × `cells` bins as RGBA pixels (little-endian, signed 32-bit, not premultiplied). */
export interface DensityLevel {
  readonly cells: number;
  readonly pixels: Int32Array<ArrayBuffer>;
}

/** The images of one square of the world (corner x0, y0; side `span` world units), finest first. */
export interface DensityPyramid {
  readonly x0: number;
  readonly y0: number;
  readonly span: number;
  readonly levels: readonly DensityLevel[];
  /** Points counted (all those in the groups and inside the bounds). */
  readonly counted: number;
}

/**
 * Counts the points `groups[g].indices` (world positions xs/ys), each group in
 * its colour `colours[groups[g].slot]`, into grids over `bounds` from
 * `finest` bins across down to COARSEST, and shades each.
 *
 * A bin's opacity grows with the logarithm of its count relative to the
 * grid's fullest bin, from MIN_ALPHA for one point to opaque: a log scale,
 * because on a code map the densest regions hold thousands of times more
 * symbols per pixel than the sparse ones, and a linear one would leave those
 * invisible.
 */
export function buildPyramid(
  xs: Float64Array,
  ys: Float64Array,
  groups: readonly { readonly slot: number; readonly indices: Uint32Array }[],
  colours: readonly Rgb[],
  bounds: Bounds,
  finest = FINEST,
): DensityPyramid {
  // A little over the bounds' larger side, so the far edge falls inside the last bin.
  const span = Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0, 1e-9) * (1 + 1e-9);
  const { x0, y0 } = bounds;
  let n = finest;
  // Counts and colour sums interleaved, four per bin, so that counting a
  // point touches one cache line (four separate arrays made the pass
  // memory-bound). 32 bits: 255 × 2^24 points per bin fits, far above any map.
  let sums: Uint32Array = new Uint32Array(n * n * 4);
  const scale = n / span;
  let counted = 0;
  for (const group of groups) {
    const c = colours[group.slot];
    const r = c.r;
    const g = c.g;
    const b = c.b;
    const idx = group.indices;
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j];
      const fx = (xs[i] - x0) * scale;
      const fy = (ys[i] - y0) * scale;
      if (!(fx >= 0 && fy >= 0 && fx < n && fy < n)) continue;
      const q = ((fy | 0) * n + (fx | 0)) << 2;
      sums[q]++;
      sums[q + 1] += r;
      sums[q + 2] += g;
      sums[q + 3] += b;
      counted++;
    }
  }
  const levels: DensityLevel[] = [];
  for (;;) {
    levels.push({ cells: n, pixels: shade(sums, n) });
    if (n <= COARSEST) break;
    sums = halve(sums, n);
    n >>= 1;
  }
  return { x0, y0, span, levels, counted };
}

/** The grid of n/2 bins across, each the sum of 2×2 bins of `sums`. */
function halve(sums: Uint32Array, n: number): Uint32Array {
  const h = n >> 1;
  const out = new Uint32Array(h * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < h; x++) {
      const o = (y * h + x) << 2;
      const a = ((2 * y) * n + 2 * x) << 2;
      const b = ((2 * y + 1) * n + 2 * x) << 2;
      for (let f = 0; f < 4; f++) out[o + f] = sums[a + f] + sums[a + 4 + f] + sums[b + f] + sums[b + 4 + f];
    }
  }
  return out;
}

function shade(sums: Uint32Array, n: number): Int32Array<ArrayBuffer> {
  const bins = n * n;
  const out = new Int32Array(bins);
  let max = 0;
  for (let q = 0; q < bins; q++) if (sums[q << 2] > max) max = sums[q << 2];
  if (max === 0) return out;
  // Opacity by count, looked up: most bins hold few points, so the table stays small.
  const table = new Uint8Array(Math.min(max, 4096) + 1);
  const logMax = Math.log(max + 1);
  for (let c = 1; c < table.length; c++) table[c] = Math.round(255 * (MIN_ALPHA + (1 - MIN_ALPHA) * (max === 1 ? 1 : Math.log(c + 1) / logMax)));
  const last = table.length - 1;
  for (let q = 0; q < bins; q++) {
    const s = q << 2;
    const c = sums[s];
    if (c === 0) continue;
    const a = c > last ? 255 : table[c];
    out[q] = (a << 24) | (((sums[s + 3] / c) | 0) << 16) | (((sums[s + 2] / c) | 0) << 8) | ((sums[s + 1] / c) | 0);
  }
  return out;
}

/**
 * The level to draw at `k` device pixels per world unit: the coarsest whose
 * bins are no bigger than a pixel (drawn shrunk at most 2×, so smoothing
 * keeps it even), or the finest when even its bins are bigger (drawn
 * enlarged).
 */
export function levelFor(p: DensityPyramid, k: number): number {
  const pixelsAcross = p.span * k;
  for (let l = p.levels.length - 1; l >= 0; l--) if (p.levels[l].cells >= pixelsAcross) return l;
  return 0;
}
