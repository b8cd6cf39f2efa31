// Regions that follow the previous map's: after a refined layout (or an
// incremental update) the map is clustered anew (index.ts), which numbers the
// top level by size and names every region afresh. A region that did not
// change should keep what the user learnt: its colour (the webview colours the
// top level by id) and its name. So each new region is matched with the
// previous map's region of the same level that shares most of its symbols, and
// where they match well the new one takes the old id (top level) and name.
// The regions themselves (members, levels, anchors' points) are index.ts's.
import type { Cluster } from '../types';
import { MAX_TOP_REGIONS } from '../../shared/types';
import { MAX_LEVELS } from './cut';
import type { ClusterResult } from './index';

/**
 * Member overlap (Jaccard: shared / either) from which a new region counts as
 * the previous one. Above 0.5 a region can match at most one other, so the
 * matching is unambiguous; the issue that asked for this named 0.5.
 */
export const FOLLOW_MIN_JACCARD = 0.5;

/** A previous map's regions, and which symbol each of its points was. */
export interface PreviousRegions {
  readonly ids: readonly string[];
  /** Top-level region per point (-1 none). */
  readonly assignment: ArrayLike<number>;
  /** Every level's regions (id = index, the top level first). */
  readonly regions: readonly Cluster[];
  /** Finest region per point (-1 none). */
  readonly leaf: ArrayLike<number>;
}

/**
 * `next` (the regions of the map whose points are the symbols `ids`) with the
 * ids and names of the `previous` regions they match. Top-level ids of
 * matched regions are kept (when the new top level is large enough to hold
 * them); the other regions take the free ids, largest first. Names are kept at
 * every level unless that would give two regions of a level one name.
 */
export function followRegions(next: ClusterResult, ids: readonly string[], previous: PreviousRegions): ClusterResult {
  const top = next.clusters.length;
  if (top === 0 || previous.regions.length === 0) return next;
  const oldIndex = new Map<string, number>();
  previous.ids.forEach((id, i) => oldIndex.set(id, i));
  const oldOf = Int32Array.from(ids, (id) => oldIndex.get(id) ?? -1);

  const newChains = chains(next.regions, next.leaf, ids.length);
  const oldChains = chains(previous.regions, previous.leaf, previous.ids.length);
  const match = new Int32Array(next.regions.length).fill(-1);
  for (let level = 0; level < MAX_LEVELS; level++) matchLevel(level, next.regions, previous.regions, newChains, oldChains, oldOf, match);

  // Top-level ids: a matched region keeps its old id when it is a valid id of the new top level.
  const newId = new Int32Array(top).fill(-1);
  const taken = new Uint8Array(top);
  for (let r = 0; r < top; r++) {
    const old = match[r]!;
    if (old >= 0 && old < top && !taken[old]) {
      newId[r] = old;
      taken[old] = 1;
    }
  }
  let free = 0;
  for (let r = 0; r < top; r++) {
    if (newId[r]! >= 0) continue;
    while (taken[free]) free++;
    newId[r] = free;
    taken[free] = 1;
  }
  const remap = (region: number) => (region >= 0 && region < top ? newId[region]! : region);

  const labels = keptLabels(next.regions, previous.regions, match);
  const colours = keptColours(top, previous.regions, match);
  const regions = next.regions.map((r, i) => ({ ...r, id: remap(i), label: labels[i]!, parent: remap(r.parent), ...(i < top ? { colour: colours[i]! } : {}) }));
  regions.sort((a, b) => a.id - b.id);
  return {
    assignment: next.assignment.map(remap),
    clusters: regions.filter((r) => r.level === 0),
    regions,
    leaf: next.leaf.map(remap),
  };
}

/** Each point's region at each level (-1 none): its finest region and that region's ancestors. */
function chains(regions: readonly Cluster[], leaf: ArrayLike<number>, n: number): Int32Array[] {
  const out = Array.from({ length: MAX_LEVELS }, () => new Int32Array(n).fill(-1));
  for (let i = 0; i < n; i++) {
    for (let r = leaf[i]!; r >= 0; r = regions[r]!.parent) {
      const level = regions[r]!.level;
      if (level < out.length) out[level]![i] = r;
    }
  }
  return out;
}

/** Matches the regions of one level by member overlap, best pairs first, each region at most once. */
function matchLevel(
  level: number,
  nextRegions: readonly Cluster[],
  oldRegions: readonly Cluster[],
  newChains: Int32Array[],
  oldChains: Int32Array[],
  oldOf: Int32Array,
  match: Int32Array,
): void {
  const newOf = newChains[level]!;
  const oldAt = oldChains[level]!;
  const newSize = new Map<number, number>();
  const oldSize = new Map<number, number>();
  for (const r of newOf) if (r >= 0) newSize.set(r, (newSize.get(r) ?? 0) + 1);
  for (const r of oldAt) if (r >= 0) oldSize.set(r, (oldSize.get(r) ?? 0) + 1);
  const shared = new Map<number, number>();
  const width = oldRegions.length;
  for (let i = 0; i < newOf.length; i++) {
    const r = newOf[i]!;
    const o = oldOf[i]!;
    if (r < 0 || o < 0 || oldAt[o]! < 0) continue;
    const key = r * width + oldAt[o]!;
    shared.set(key, (shared.get(key) ?? 0) + 1);
  }
  const pairs: { r: number; o: number; jaccard: number }[] = [];
  for (const [key, count] of shared) {
    const r = Math.floor(key / width);
    const o = key % width;
    const jaccard = count / (newSize.get(r)! + oldSize.get(o)! - count);
    if (jaccard >= FOLLOW_MIN_JACCARD && nextRegions[r]!.level === level && oldRegions[o]!.level === level) pairs.push({ r, o, jaccard });
  }
  pairs.sort((a, b) => b.jaccard - a.jaccard || a.r - b.r || a.o - b.o);
  const used = new Set<number>();
  for (const { r, o } of pairs) {
    if (match[r]! >= 0 || used.has(o)) continue;
    match[r] = o;
    used.add(o);
  }
}

/**
 * Each top-level region's colour: a matched region's old one (whatever id it
 * now has: the top level may have shrunk below it); a new region takes a
 * colour no region of the previous map had, so it is not mistaken for one
 * that went away, and only when the palette has none left, the lowest free.
 */
function keptColours(top: number, oldRegions: readonly Cluster[], match: Int32Array): number[] {
  const colourOf = (old: Cluster) => old.colour ?? old.id;
  const colours = new Array<number>(top).fill(-1);
  const taken = new Set<number>();
  for (let r = 0; r < top; r++) {
    const old = match[r]!;
    if (old < 0) continue;
    const colour = colourOf(oldRegions[old]!);
    if (taken.has(colour)) continue;
    colours[r] = colour;
    taken.add(colour);
  }
  const before = new Set(oldRegions.filter((o) => o.level === 0).map(colourOf));
  const pick = (allowed: (c: number) => boolean): number => {
    let c = 0;
    while (taken.has(c) || !allowed(c)) c++;
    return c;
  };
  for (let r = 0; r < top; r++) {
    if (colours[r]! >= 0) continue;
    const unused = pick((c) => !before.has(c));
    colours[r] = unused < MAX_TOP_REGIONS ? unused : pick(() => true);
    taken.add(colours[r]!);
  }
  return colours;
}

/**
 * Each region's name: a matched region's old one, unless another region of
 * its level is named that (then its new name, and so on until no level has a
 * name twice; the new names are distinct per level, and so were the old).
 */
function keptLabels(nextRegions: readonly Cluster[], oldRegions: readonly Cluster[], match: Int32Array): string[] {
  const keep = nextRegions.map((_, i) => match[i]! >= 0);
  const labelOf = (i: number) => (keep[i] ? oldRegions[match[i]!]!.label : nextRegions[i]!.label);
  for (let changed = true; changed; ) {
    changed = false;
    const holder = new Map<string, number>();
    for (let i = 0; i < nextRegions.length; i++) {
      const key = `${nextRegions[i]!.level}\u0000${labelOf(i)}`;
      const other = holder.get(key);
      if (other === undefined) {
        holder.set(key, i);
        continue;
      }
      // The one using an old name gives it up (two old names cannot clash: they were distinct per level).
      const yielding = keep[i] ? i : other;
      if (keep[yielding]) {
        keep[yielding] = false;
        changed = true;
      }
    }
  }
  return nextRegions.map((_, i) => labelOf(i));
}
