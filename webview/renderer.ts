// Draws the map on a <canvas>: the points into a pixel buffer, then the few
// highlights (selection lines, rings) with ordinary canvas calls on top.
//
// Why pixels and not fillRect: measured in Debian's headless Chromium on the
// project's 2-core machine (software raster), 100,000 fillRect calls batched by
// colour take ~120 ms and one path of rects per colour ~150 ms, while writing
// the same points into an ImageData buffer and one putImageData take ~1–5 ms.
// The buffer also lets every point be an anti-aliased disc at no extra cost.
// The canvas is redrawn only when something changes (see main.ts). Its
// background stays transparent (the page's background shows through), so
// only points and highlights have pixels.
//
// Where more points are in view than can be told apart (a million-symbol map
// at Fit), the canvas shows their density instead (density.ts): counted once
// into a pyramid of grids, so a frame only draws the image nearest a pixel
// per bin, moved and scaled. Zoomed in until few enough points are in view,
// it stamps each point again, only those in the grid cells in view (grid.ts).
import { color } from 'd3';
import { buildPyramid, levelFor, type DensityPyramid } from './density';
import type { Bounds, Transform } from './geometry';
import { countNear, forEachNear, type PointGrid } from './grid';
import { prepareStamp, stampPoints, type PreparedStamp, type Rgb } from './raster';
import { discStamp } from './stamp';
import type { Theme } from './theme';

export interface Scene {
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  /** Symbol indices per palette slot, in drawing order ("other" first, small groups last, on top). */
  readonly groups: readonly { readonly slot: number; readonly indices: Uint32Array }[];
  /** Colour per slot ("other" included). */
  readonly palette: readonly string[];
  readonly theme: Theme;
  readonly transform: Transform;
  /** Point radius in CSS pixels. */
  readonly radius: number;
  /** Highlighted points (search matches, a legend entry): when set, everything else is dimmed. */
  readonly highlight: ReadonlySet<number> | null;
  readonly selected: number;
  readonly neighbours: readonly number[];
  readonly hovered: number;
  /** World bounds of the points drawn (null without points): the density grid never reaches beyond them. */
  readonly bounds: Bounds | null;
  /** Big maps only (more than DENSITY_ABOVE points shown): the points by grid cell, so a frame touches only those in view. */
  readonly grid: PointGrid | null;
  /** Everything but the transform that decides the points' pixels: when any changes, a cached density image is stale. */
  readonly content: readonly unknown[];
}

/** How the last frame drew the points. */
export type PointMode = 'points' | 'density';

/** Maps above this many points draw them at one device pixel per CSS pixel (see setPointCount). */
const LARGE_MAP = 20_000;
/**
 * Above this many points in view, the canvas draws their density rather than
 * each point. At 200,000 points a 1280×740 view has about five pixels per
 * point, where one-pixel discs already touch and pile up; and stamping that
 * many takes ~14 ms (bench/render.ts, 100k in ~7 ms), half the 33 ms frame
 * budget of a million-point map (issue 19) on this 2-core machine. Maps below
 * it draw exactly as before.
 */
export const DENSITY_ABOVE = 200_000;
/**
 * On a map big enough to draw density (more than DENSITY_ABOVE points shown),
 * views with more than this many points in view draw each as one solid pixel
 * rather than an anti-aliased disc: there a disc is about a pixel anyway, and
 * its blended rim is most of the cost (160,000 discs took 138 ms a frame on
 * this machine under load, against the 33 ms budget).
 */
const DOTS_ABOVE = 50_000;
/** How much of a dimmed point's colour shows over the background. */
const DIM = 0.18;
/** Highlighted points get rings up to this many; beyond that the rings would only add clutter. */
const MAX_RINGS = 400;

function rgbOf(css: string, fallback: Rgb): Rgb {
  const c = color(css)?.rgb();
  return c ? { r: Math.round(c.r), g: Math.round(c.g), b: Math.round(c.b) } : fallback;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: Math.round(a.r + (b.r - a.r) * t), g: Math.round(a.g + (b.g - a.g) * t), b: Math.round(a.b + (b.b - a.b) * t) };
}

export class Renderer {
  private readonly ctx: CanvasRenderingContext2D;
  width = 0;
  height = 0;
  /** Points drawn by the last frame (those in view; in density, those the density image counts). */
  drawn = 0;
  /** How the last frame drew the points. */
  mode: PointMode = 'points';
  /** The density image and what it was made from (see drawDensity). */
  private density: { pyramid: DensityPyramid; canvases: HTMLCanvasElement[]; content: readonly unknown[]; colours: readonly Rgb[] } | null = null;
  /** Density frames that counted the points again (the rest reused the images). */
  densityBuilds = 0;
  private dpr = 1;
  private image: ImageData | null = null;
  private pixels = new Int32Array(0);
  private stamps = new Map<number, PreparedStamp>();
  private colourKey = '';
  private colours: Rgb[] = [];
  private dimColours: Rgb[] = [];
  private bg: Rgb = { r: 0, g: 0, b: 0 };
  private maskFor: ReadonlySet<number> | null = null;
  private mask = new Uint8Array(0);

  private readonly overlayCtx: CanvasRenderingContext2D;
  /** Device pixels per CSS pixel of the points canvas (see setPointCount). */
  private pointScale = 1;

  /**
   * `canvas` holds the points (and only them: its background stays
   * transparent); `overlay`, stacked above, the selection, rings and hover,
   * so hovering never re-stamps the points.
   */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
  ) {
    const ctx = canvas.getContext('2d', { alpha: true });
    const overlayCtx = overlay.getContext('2d', { alpha: true });
    if (!ctx || !overlayCtx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
    this.overlayCtx = overlayCtx;
  }

  /** Matches both canvases to their CSS size and the device pixel ratio. */
  resize(width: number, height: number, dpr: number): void {
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.overlay.width = Math.max(1, Math.round(width * dpr));
    this.overlay.height = Math.max(1, Math.round(height * dpr));
    this.overlay.style.width = `${width}px`;
    this.overlay.style.height = `${height}px`;
    this.sizePoints();
  }

  /**
   * Big maps draw their points at one device pixel per CSS pixel even on HiDPI
   * screens: stamping costs grow with the pixel count (measured: 100k points at
   * devicePixelRatio 2 took ~4× the time of ratio 1), and at that density a
   * point is a dot either way. Text, rings and lines stay sharp on the overlay.
   */
  setPointCount(n: number): void {
    const large = n > LARGE_MAP;
    if (large !== this.largeMap) {
      this.largeMap = large;
      this.sizePoints();
    }
  }

  private largeMap = false;

  /** Changes whenever the canvases are resized, so callers know the points need drawing again. */
  sizeVersion = 0;

  private sizePoints(): void {
    this.pointScale = this.largeMap ? Math.min(this.dpr, 1) : this.dpr;
    this.canvas.width = Math.max(1, Math.round(this.width * this.pointScale));
    this.canvas.height = Math.max(1, Math.round(this.height * this.pointScale));
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.image = null;
    this.sizeVersion++;
  }

  /** Stamps every point into the points canvas, or draws their density where too many are in view. */
  drawPoints(s: Scene): void {
    const W = this.canvas.width;
    const H = this.canvas.height;
    if (!this.image || this.image.width !== W || this.image.height !== H) {
      this.image = this.ctx.createImageData(W, H);
      this.pixels = new Int32Array(this.image.data.buffer);
    }
    this.prepareColours(s);
    const mask = this.highlightMask(s);
    const scale = this.pointScale;
    const { k, x, y } = s.transform;
    const view = { vx0: -x / k, vy0: -y / k, vx1: (this.width - x) / k, vy1: (this.height - y) / k };
    let dots = false;
    if (s.bounds && s.grid) {
      // The points in the cells the view touches: a bound a little above those in view, for the cost of a subtraction per row.
      const near = countNear(s.grid, view.vx0, view.vy0, view.vx1, view.vy1);
      if (near > DENSITY_ABOVE) {
        this.drawDensity(s, s.bounds, mask);
        this.drawn = near;
        this.mode = 'density';
        return;
      }
      dots = near > DOTS_ABOVE;
    }
    this.mode = 'points';
    this.pixels.fill(0);
    const R = s.radius * scale;
    const plain = dots ? this.dot() : this.stamp(R);
    if (mask) {
      this.drawn = this.stampAll(s, plain, mask, 0, this.dimColours);
      this.drawn += this.stampAll(s, this.stamp(Math.max(R * 1.6, 2.5 * scale)), mask, 1, this.colours);
    } else {
      this.drawn = this.stampAll(s, plain, null, 0, this.colours);
    }
    this.ctx.putImageData(this.image, 0, 0);
  }

  /** A point as one solid pixel. */
  private dot(): PreparedStamp {
    if (!this.dotStamp || this.dotStamp.width !== this.canvas.width) {
      this.dotStamp = prepareStamp({ dx: Int16Array.of(0), dy: Int16Array.of(0), cover: Float32Array.of(1), solid: 1, reach: 0 }, this.canvas.width);
    }
    return this.dotStamp;
  }

  private dotStamp: PreparedStamp | null = null;

  /**
   * Draws the density of the points: the pyramid's level nearest a pixel,
   * moved and scaled to the view. The pyramid is counted again only when what
   * is drawn changed (colours, positions, what is shown, a highlight), never
   * for panning or zooming. With a highlight, it is of the dimmed colours and
   * the highlighted points are stamped on top.
   */
  private drawDensity(s: Scene, bounds: Bounds, mask: Uint8Array | null): void {
    const scale = this.pointScale;
    const k = s.transform.k * scale;
    const colours = mask ? this.dimColours : this.colours;
    let d = this.density;
    const fresh = d !== null && d.colours === colours && d.content.length === s.content.length && d.content.every((v, i) => v === s.content[i]);
    if (!fresh) {
      const pyramid = buildPyramid(s.wx, s.wy, s.groups, colours, bounds);
      // One canvas per level, so a frame is one drawImage (the pixels are not kept twice).
      const canvases = pyramid.levels.map((level) => {
        const canvas = document.createElement('canvas');
        canvas.width = level.cells;
        canvas.height = level.cells;
        const c = canvas.getContext('2d');
        if (c) c.putImageData(new ImageData(new Uint8ClampedArray(level.pixels.buffer, 0, level.cells * level.cells * 4), level.cells, level.cells), 0, 0);
        return canvas;
      });
      d = this.density = { pyramid: { ...pyramid, levels: pyramid.levels.map((l) => ({ cells: l.cells, pixels: new Int32Array(0) })) }, canvases, content: s.content, colours };
      this.densityBuilds++;
    }
    const { pyramid, canvases } = d!;
    const level = levelFor(pyramid, k);
    const cells = pyramid.levels[level].cells;
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    // Only the part of the image in view: zoomed in, the whole image scaled would be many times the canvas.
    const tx = s.transform.x * scale;
    const ty = s.transform.y * scale;
    const perCell = (pyramid.span * k) / cells;
    const sx0 = Math.max(0, Math.floor((-tx / k - pyramid.x0) / pyramid.span * cells));
    const sy0 = Math.max(0, Math.floor((-ty / k - pyramid.y0) / pyramid.span * cells));
    const sx1 = Math.min(cells, Math.ceil(((this.canvas.width - tx) / k - pyramid.x0) / pyramid.span * cells));
    const sy1 = Math.min(cells, Math.ceil(((this.canvas.height - ty) / k - pyramid.y0) / pyramid.span * cells));
    if (sx1 > sx0 && sy1 > sy0) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(canvases[level], sx0, sy0, sx1 - sx0, sy1 - sy0, tx + pyramid.x0 * k + sx0 * perCell, ty + pyramid.y0 * k + sy0 * perCell, (sx1 - sx0) * perCell, (sy1 - sy0) * perCell);
    }
    if (mask && s.highlight && s.highlight.size > 0) {
      // The highlighted points over the dimmed density, as discs.
      const image = ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
      this.image = image;
      this.pixels = new Int32Array(image.data.buffer);
      const R = s.radius * scale;
      this.stampAll(s, this.stamp(Math.max(R * 1.6, 2.5 * scale)), mask, 1, this.colours);
      ctx.putImageData(image, 0, 0);
    }
  }

  private prepareColours(s: Scene): void {
    const key = `${s.theme.background}|${s.palette.join(',')}`;
    if (key === this.colourKey) return;
    this.colourKey = key;
    this.bg = rgbOf(s.theme.background, { r: 30, g: 30, b: 30 });
    this.colours = s.palette.map((c) => rgbOf(c, { r: 128, g: 128, b: 128 }));
    this.dimColours = this.colours.map((c) => mix(this.bg, c, DIM));
  }

  private highlightMask(s: Scene): Uint8Array | null {
    if (!s.highlight) return null;
    if (this.maskFor !== s.highlight || this.mask.length !== s.wx.length) {
      this.mask = new Uint8Array(s.wx.length);
      for (const i of s.highlight) if (i < this.mask.length) this.mask[i] = 1;
      this.maskFor = s.highlight;
    }
    return this.mask;
  }

  private stamp(radius: number): PreparedStamp {
    // Radii are quantised to quarter pixels so zooming reuses a handful of stamps.
    const q = Math.round(radius * 4) / 4;
    let st = this.stamps.get(q);
    if (!st || st.width !== this.canvas.width) {
      st = prepareStamp(discStamp(q), this.canvas.width);
      if (this.stamps.size > 64) this.stamps.clear();
      this.stamps.set(q, st);
    }
    return st;
  }

  /**
   * Stamps every visible point of every group. With a mask, only points whose
   * mask value equals `want` are drawn. Returns the points in view.
   */
  private stampAll(s: Scene, st: PreparedStamp, mask: Uint8Array | null, want: number, colours: readonly Rgb[]): number {
    const target = { pixels: this.pixels, width: this.canvas.width, height: this.canvas.height };
    const scale = this.pointScale;
    const k = s.transform.k * scale;
    const tx = s.transform.x * scale;
    const ty = s.transform.y * scale;
    let drawn = 0;
    if (s.grid) {
      // Only the cells in view (grown by a stamp's reach): zoomed in on a big map, a small share of its points.
      const { k: ck, x: cx, y: cy } = s.transform;
      const pad = (st.stamp.reach + 1) / (ck * scale);
      forEachNear(s.grid, -cx / ck - pad, -cy / ck - pad, (this.width - cx) / ck + pad, (this.height - cy) / ck + pad, (slot, indices) => {
        drawn += stampPoints(target, s.wx, s.wy, indices, k, tx, ty, st, colours[slot], mask, want);
      });
      return drawn;
    }
    for (const group of s.groups) {
      drawn += stampPoints(target, s.wx, s.wy, group.indices, k, tx, ty, st, colours[group.slot], mask, want);
    }
    return drawn;
  }

  /** Draws the highlights, selection and hover ring on the overlay canvas. */
  drawOverlay(s: Scene): void {
    const ctx = this.overlayCtx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (s.highlight && s.highlight.size <= MAX_RINGS) {
      const r = Math.max(s.radius * 1.6, 2.5) + 1.5;
      ctx.strokeStyle = s.theme.foreground;
      ctx.lineWidth = 1;
      ctx.globalAlpha = 0.7;
      ctx.beginPath();
      for (const i of s.highlight) this.circlePath(s, i, r);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    if (s.selected >= 0) this.drawSelection(s);
    if (s.hovered >= 0) this.ring(s, s.hovered, Math.max(s.radius, 2) + 3, s.theme.foreground, 1.5);
  }

  private drawSelection(s: Scene): void {
    const ctx = this.overlayCtx;
    const { k, x: tx, y: ty } = s.transform;
    const sx = tx + k * s.wx[s.selected];
    const sy = ty + k * s.wy[s.selected];
    ctx.strokeStyle = s.theme.focus;
    ctx.lineWidth = 1.25;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    for (const i of s.neighbours) {
      ctx.moveTo(sx, sy);
      ctx.lineTo(tx + k * s.wx[i], ty + k * s.wy[i]);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    const r = Math.max(s.radius, 2) + 2.5;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const i of s.neighbours) this.circlePath(s, i, r);
    ctx.stroke();
    this.ring(s, s.selected, r + 2, s.theme.background, 4);
    this.ring(s, s.selected, r + 2, s.theme.focus, 2);
  }

  private circlePath(s: Scene, i: number, r: number): void {
    const { k, x: tx, y: ty } = s.transform;
    const x = tx + k * s.wx[i];
    const y = ty + k * s.wy[i];
    this.overlayCtx.moveTo(x + r, y);
    this.overlayCtx.arc(x, y, r, 0, 2 * Math.PI);
  }

  private ring(s: Scene, i: number, r: number, stroke: string, width: number): void {
    const ctx = this.overlayCtx;
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.beginPath();
    this.circlePath(s, i, r);
    ctx.stroke();
  }

  /** Forces the canvas to rasterise now (the benchmark times real drawing, not just queued commands). */
  flush(): void {
    this.ctx.getImageData(0, 0, 1, 1);
  }
}
