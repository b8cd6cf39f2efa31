// Which names the map shows at the current zoom: regions, then points.
//
// Regions nest (see src/core/cluster): at Fit the top level is named; a
// region whose names would have room opens when it spreads wide enough on
// screen, and its sub-regions are named instead, so zooming in reveals the
// next level where the user looks and nowhere else. When few enough points
// are in view, their own names appear wherever there is room. Pure (no DOM).
import type { Cluster } from '../src/shared/types';
import type { LabelCandidate } from './labels';

/** A region opens (its sub-regions are named instead) once its spread on screen passes this many px. */
export const OPEN_SPREAD_PX = 110;
/**
 * …and only once the view is zoomed in at least this far from the whole-map
 * zoom (Fit is at most 1.2×): at Fit the top level is always what is named,
 * however wide its regions spread on a large screen.
 */
export const OPEN_MIN_ZOOM = 1.5;
/** Points are named once no more than this many are in view (more would be a wall of text)… */
export const NAME_POINTS_IN_VIEW = 600;
/** …and the view is zoomed in at least this far from Fit: at Fit the regions' names are the map's legend. */
export const NAME_MIN_ZOOM = 2;

/** A region as the page draws it: where its name goes and how far it spreads, in world units. */
export interface RegionView {
  readonly id: number;
  readonly level: number;
  readonly parent: number;
  readonly label: string;
  readonly size: number;
  /** World position of the name: a member in the region's densest part. */
  readonly x: number;
  readonly y: number;
  /** Root-mean-square distance of its members from their mean, world units. */
  readonly spread: number;
  /** Ids of its sub-regions that have a name. */
  readonly children: readonly number[];
}

/**
 * Region views from the regions and the symbols' finest regions. A region's
 * members include its sub-regions' members. The name sits on the member the
 * host chose (the one at the region's x, y in map coordinates), followed as
 * layouts move it.
 */
export function regionViews(
  regions: readonly Cluster[],
  finest: ArrayLike<number>,
  mapX: ArrayLike<number>,
  mapY: ArrayLike<number>,
  wx: ArrayLike<number>,
  wy: ArrayLike<number>,
): RegionView[] {
  const count = regions.length;
  const byId = new Map(regions.map((r, i) => [r.id, i]));
  const parentOf = regions.map((r) => (r.parent >= 0 ? (byId.get(r.parent) ?? -1) : -1));
  const sx = new Float64Array(count);
  const sy = new Float64Array(count);
  const sxx = new Float64Array(count);
  const size = new Float64Array(count);
  const anchor = new Int32Array(count).fill(-1);
  const anchorD = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < finest.length; i++) {
    let r = byId.get(finest[i]!) ?? -1;
    // Up the chain: a point counts for its region and every region around it.
    for (let guard = 0; r >= 0 && guard < 8; guard++, r = parentOf[r]!) {
      const x = wx[i]!;
      const y = wy[i]!;
      sx[r] += x;
      sy[r] += y;
      sxx[r] += x * x + y * y;
      size[r]++;
      const d = (mapX[i]! - regions[r]!.x) ** 2 + (mapY[i]! - regions[r]!.y) ** 2;
      if (d < anchorD[r]!) {
        anchorD[r] = d;
        anchor[r] = i;
      }
    }
  }
  const children: number[][] = regions.map(() => []);
  regions.forEach((r, i) => {
    if (parentOf[i]! >= 0 && r.label) children[parentOf[i]!]!.push(r.id);
  });
  return regions.map((r, i) => {
    const n = size[i]!;
    const mx = n ? sx[i]! / n : 0;
    const my = n ? sy[i]! / n : 0;
    const spread = n ? Math.sqrt(Math.max(0, sxx[i]! / n - mx * mx - my * my)) : 0;
    const a = anchor[i]!;
    return { id: r.id, level: r.level, parent: r.parent, label: r.label, size: n, x: a >= 0 ? wx[a]! : mx, y: a >= 0 ? wy[a]! : my, spread, children: children[i]! };
  });
}

/**
 * The regions to name at zoom `k` (screen px per world unit): top-level
 * regions, each replaced by its sub-regions once it spreads wider than
 * OPEN_SPREAD_PX on screen, recursively. Each named region covers its
 * members once; no region is named together with a region inside it.
 */
export function regionsToName(views: readonly RegionView[], k: number, zoomRatio = Infinity): RegionView[] {
  const byId = new Map(views.map((v) => [v.id, v]));
  const out: RegionView[] = [];
  const visit = (v: RegionView) => {
    if (v.children.length > 0 && v.spread * k > OPEN_SPREAD_PX && zoomRatio >= OPEN_MIN_ZOOM) {
      for (const c of v.children) visit(byId.get(c)!);
    } else if (v.label) {
      out.push(v);
    }
  };
  for (const v of views) if (v.parent < 0) visit(v);
  return out;
}

/** Label candidates for regions, in screen px under the transform (x, y, k). */
export function regionCandidates(views: readonly RegionView[], t: { readonly x: number; readonly y: number; readonly k: number }, zoomRatio: number): LabelCandidate[] {
  return regionsToName(views, t.k, zoomRatio).map((v) => ({
    id: v.id,
    text: v.label,
    x: t.x + t.k * v.x,
    y: t.y + t.k * v.y,
    weight: v.size,
    style: 'region' as const,
  }));
}
