// The map's data: the symbols in order, their world positions, and the
// cluster names. Pure (no DOM): it applies `map`, `update` and `layout`
// messages and answers lookups; drawing lives in renderer.ts.
import type { Cluster, MapSymbol } from '../src/core/types';
import type { MapPayload } from '../src/shared/protocol';
import { boundsOf, normaliserFor, toWorldX, toWorldY, type Normaliser } from './geometry';

export interface ClusterCentre {
  readonly id: number;
  readonly label: string;
  readonly size: number;
  /** Mean world position of the cluster's symbols. */
  readonly x: number;
  readonly y: number;
  /** Root-mean-square distance of its symbols from that centre (world units). */
  readonly spread: number;
}

export class MapModel {
  symbols: MapSymbol[] = [];
  /** World positions, parallel to `symbols`. */
  wx = new Float64Array(0);
  wy = new Float64Array(0);
  root = '';
  modelId = '';
  private index = new Map<string, number>();
  private clusterLabels = new Map<number, string>();
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

  /** Replaces everything (first load, rebuild). Duplicate ids keep the last. */
  setMap(map: MapPayload): void {
    this.root = map.root;
    this.modelId = map.model.id;
    this.clusterLabels = new Map(map.clusters.map((c: Cluster) => [c.id, c.label]));
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
  }

  /**
   * Replaces positions from an intermediate layout (x, y per symbol in the
   * current order). The world scale is recomputed so a layout that is still
   * spreading out stays framed. Returns false, changing nothing, when the
   * length does not match the symbols.
   */
  applyLayout(xy: readonly number[]): boolean {
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

  /** Cluster centres from the current positions, so they follow layouts and updates. */
  clusterCentres(): ClusterCentre[] {
    const acc = new Map<number, { x: number; y: number; xx: number; yy: number; n: number }>();
    for (let i = 0; i < this.symbols.length; i++) {
      const c = this.symbols[i].cluster;
      if (c < 0) continue;
      const a = acc.get(c) ?? { x: 0, y: 0, xx: 0, yy: 0, n: 0 };
      const x = this.wx[i];
      const y = this.wy[i];
      a.x += x;
      a.y += y;
      a.xx += x * x;
      a.yy += y * y;
      a.n++;
      acc.set(c, a);
    }
    return [...acc.entries()].map(([id, a]) => {
      const x = a.x / a.n;
      const y = a.y / a.n;
      // E[d²] = E[x²] − x̄² + E[y²] − ȳ², clamped against rounding below zero.
      const spread = Math.sqrt(Math.max(0, a.xx / a.n - x * x + a.yy / a.n - y * y));
      // The label as the host named it: '' when unnamed, and unnamed clusters get no label on the map.
      return { id, label: this.clusterLabels.get(id) ?? '', size: a.n, x, y, spread };
    });
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
