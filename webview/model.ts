// The map's data: the symbols in order, their world positions, and the
// cluster names. Pure (no DOM): it applies `map`, `update` and `layout`
// messages and answers lookups; drawing lives in renderer.ts.
import type { Cluster, MapSymbol } from '../src/shared/types';
import type { MapPayload } from '../src/shared/protocol';
import { boundsOf, normaliserFor, toWorldX, toWorldY, type Normaliser } from './geometry';
import { regionViews, type RegionView } from './regions';

export class MapModel {
  symbols: MapSymbol[] = [];
  /** World positions, parallel to `symbols`. */
  wx = new Float64Array(0);
  wy = new Float64Array(0);
  root = '';
  modelId = '';
  private index = new Map<string, number>();
  private clusterLabels = new Map<number, string>();
  private clusterColours = new Map<number, number>();
  /** Regions at every level as the host sent them (empty while a first layout is drawn). */
  regions: readonly Cluster[] = [];
  /**
   * Identical copies (same name, kind, container and doc comment: a package's
   * esm, cjs and bundled builds) draw as one point: `rep[i]` is the index of
   * the copy that stands for symbol i (i itself when it is unique or first),
   * and `copies` lists each group's members by its representative.
   */
  rep = new Int32Array(0);
  copies = new Map<number, number[]>();
  private normaliser: Normaliser = normaliserFor(null);

  get size(): number {
    return this.symbols.length;
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  get(id: string): MapSymbol | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.symbols[i];
  }

  clusterLabel(id: number): string {
    const label = this.clusterLabels.get(id);
    return label || (id < 0 ? 'unclustered' : `cluster ${id}`);
  }

  /**
   * A top-level region's palette slot: kept across layouts by the host, so a
   * region that did not change keeps its colour even when its id changed;
   * undefined for symbols in no region.
   */
  clusterColour(id: number): number | undefined {
    if (!Number.isInteger(id) || id < 0) return undefined;
    return this.clusterColours.get(id) ?? id;
  }

  /** Replaces everything (first load, rebuild). Duplicate ids keep the last. */
  setMap(map: MapPayload): void {
    this.root = map.root;
    this.modelId = map.model.id;
    this.clusterLabels = new Map(map.clusters.map((c: Cluster) => [c.id, c.label]));
    this.clusterColours = new Map(map.clusters.map((c: Cluster) => [c.id, c.colour ?? c.id]));
    this.regions = map.regions;
    // One pass: index by id (a repeated id replaces the earlier symbol in
    // place) and gather the data bounds. Maps reach 100k symbols, so no
    // intermediate arrays.
    const symbols: MapSymbol[] = [];
    const index = new Map<string, number>();
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const s of map.symbols) {
      const at = index.get(s.id);
      if (at === undefined) {
        index.set(s.id, symbols.length);
        symbols.push(s);
      } else {
        symbols[at] = s;
      }
      if (s.x < x0) x0 = s.x;
      if (s.x > x1) x1 = s.x;
      if (s.y < y0) y0 = s.y;
      if (s.y > y1) y1 = s.y;
    }
    this.symbols = symbols;
    this.index = index;
    this.normaliser = normaliserFor(x0 <= x1 ? { x0, y0, x1, y1 } : null);
    this.placeAll();
    this.groupCopies();
  }

  /**
   * Upserts and removes symbols, keeping the others where they are and the
   * world scale unchanged, so the view does not jump. Existing symbols keep
   * their place in the order; new ones are appended.
   */
  applyUpdate(upserted: readonly MapSymbol[], removed: readonly string[]): void {
    const gone = new Set(removed);
    const next: MapSymbol[] = [];
    for (const s of this.symbols) if (!gone.has(s.id)) next.push(s);
    const at = new Map<string, number>();
    next.forEach((s, i) => at.set(s.id, i));
    for (const s of upserted) {
      const i = at.get(s.id);
      if (i === undefined) {
        at.set(s.id, next.length);
        next.push(s);
      } else {
        next[i] = s;
      }
    }
    this.symbols = next;
    this.reindex();
    this.placeAll();
    this.groupCopies();
  }

  /** Symbols standing for themselves and their copies: the points the map draws. */
  get points(): number {
    return this.rep.length - this.copyCount;
  }
  private copyCount = 0;

  private groupCopies(): void {
    const n = this.symbols.length;
    // Symbols by a hash of the four fields that make copies identical, each
    // bucket checked field by field. A string key joining the four fields
    // was the slowest step of a million-symbol map's arrival (a million
    // joined strings, each hashed whole by the Map).
    const buckets = new Map<number, number | number[]>();
    const rep = new Int32Array(n);
    const copies = new Map<number, number[]>();
    let copyCount = 0;
    for (let i = 0; i < n; i++) {
      const s = this.symbols[i];
      const h = copyHash(s);
      const at = buckets.get(h);
      let r = -1;
      if (at !== undefined) {
        for (const j of typeof at === 'number' ? [at] : at) {
          if (sameCopy(this.symbols[j], s)) {
            r = j;
            break;
          }
        }
      }
      if (r < 0) {
        rep[i] = i;
        if (at === undefined) buckets.set(h, i);
        else if (typeof at === 'number') buckets.set(h, [at, i]);
        else at.push(i);
        continue;
      }
      rep[i] = r;
      copyCount++;
      const list = copies.get(r);
      if (list) list.push(i);
      else copies.set(r, [r, i]);
    }
    this.rep = rep;
    this.copies = copies;
    this.copyCount = copyCount;
  }

  /**
   * Replaces positions from an intermediate layout (x, y per symbol in the
   * current order). The world scale is recomputed so a layout that is still
   * spreading out stays framed. Returns false, changing nothing, when the
   * length does not match the symbols.
   */
  applyLayout(xy: ArrayLike<number>): boolean {
    const n = this.symbols.length;
    if (xy.length !== n * 2) return false;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = xy[2 * i];
      ys[i] = xy[2 * i + 1];
    }
    this.normaliser = normaliserFor(boundsOf(xs, ys));
    this.symbols = this.symbols.map((s, i) => ({ ...s, x: xs[i], y: ys[i] }));
    this.placeAll();
    return true;
  }

  /** Regions with their names' places and spreads from the current positions, so they follow layouts and updates. */
  regionViews(): RegionView[] {
    const n = this.symbols.length;
    const finest = new Int32Array(n);
    const mx = new Float64Array(n);
    const my = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = this.symbols[i];
      finest[i] = s.region;
      mx[i] = s.x;
      my[i] = s.y;
    }
    return regionViews(this.regions, finest, mx, my, this.wx, this.wy);
  }

  private reindex(): void {
    this.index = new Map(this.symbols.map((s, i) => [s.id, i]));
  }

  private placeAll(): void {
    const n = this.symbols.length;
    this.wx = new Float64Array(n);
    this.wy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.wx[i] = toWorldX(this.normaliser, this.symbols[i].x);
      this.wy[i] = toWorldY(this.normaliser, this.symbols[i].y);
    }
  }
}

/** Same name, kind, container and doc comment: copies of one symbol (see MapModel.rep). */
function sameCopy(a: MapSymbol, b: MapSymbol): boolean {
  return a.name === b.name && a.kind === b.kind && a.container === b.container && a.comment === b.comment;
}

/** FNV-1a over the fields sameCopy compares, 32 bits: equal symbols hash alike, and a collision only costs a comparison. */
function copyHash(s: MapSymbol): number {
  let h = 0x811c9dc5;
  for (const text of [s.name, s.kind, s.container, s.comment]) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193); // a field separator, so ('ab', '') and ('a', 'b') differ
  }
  return h >>> 0;
}
