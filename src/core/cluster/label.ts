// Names for regions, in the code's own words, and where each name sits.
//
// A region is named by the terms of its members' names that set it apart
// from the region it is part of (for the top level, from the whole map): the
// share p of its members whose name uses a term, times log(p / q), q the
// share among the enclosing region's members. This is class-based TF-IDF
// read as each term's part of a relative entropy: a term every sibling uses
// (`constructor`, `dispose`) scores about 0 however common, and a term only
// this region uses scores highest. Terms are single words and the phrases of
// two or three words that members' names spell in that order (`deep clone`,
// `day of week`), a phrase preferred over its words: it reads as a name, not
// a bag of words.
import { TermTable } from './terms';
import type { WordLists } from './words';

/** A phrase scores this much more than a single word: "deep clone" beats "clone" when both describe the region alike. */
const PHRASE_BONUS = 1.3;
/** A second term joins the label when it scores at least this share of the first. */
const SECOND_TERM_SHARE = 0.75;
/** A term only found in what a symbol is defined in (class, file, folder) counts this much. */
const CONTEXT_WEIGHT = 0.5;
/** The mean-shift kernel's radius, in units of the region's spread (its RMS distance from the centroid). */
const KERNEL_RADIUS = 1.2;
/** Mean-shift steps towards the densest part of a region (converges in a handful on map data). */
const ANCHOR_STEPS = 8;
/** Mean-shift starts besides the centroid: enough to find a region's main clump, cheap at 100k points (each start costs ANCHOR_STEPS passes over the region). */
const ANCHOR_STARTS = 4;
/** A mean-shift step shorter than this share of the region's spread ends the climb. */
const ANCHOR_SETTLED = 1e-3;
/** Members read per region when finding its peak. */
const ANCHOR_SAMPLE = 400;

export interface LabelledRegion {
  readonly label: string;
  /** Where the label sits: a member in the densest part of the region. */
  readonly anchor: number;
}

export interface LabelRegion {
  readonly level: number;
  /** Index of the enclosing region, -1 at the top. */
  readonly parent: number;
  /** Point indices. */
  readonly members: readonly number[];
}

/**
 * Labels and anchors for `regions` (top level first, parents before their
 * children). No two regions of one level get the same label: a region whose
 * best term a larger region of its level took uses its next best.
 */
export function labelRegions(regions: readonly LabelRegion[], source: WordLists, xy: ArrayLike<number>, n: number): LabelledRegion[] {
  const { words, start: listStart, nameOf, contextOf } = source;
  const table = new TermTable(source.vocabulary);
  // Names repeat (copies, overloads) and so do contexts (every symbol of a
  // file shares its file and folder words): each distinct list is turned into
  // terms once, and a symbol's terms are its name's plus its context's that
  // the name does not have.
  const lists = listStart.length - 1;
  const nameTerms: (Int32Array | undefined)[] = new Array(lists);
  const contextTerms: (ContextTerms | undefined)[] = new Array(lists);
  let room = 0;
  for (let i = 0; i < n; i++) {
    const name = nameOf[i]!;
    let ids = nameTerms[name];
    if (!ids) nameTerms[name] = ids = table.termsOf(words, listStart[name]!, listStart[name + 1]!, false);
    room += ids.length;
    const where = contextOf[i]!;
    if (where < 0) continue;
    let ctx = contextTerms[where];
    if (!ctx) {
      const plain = table.termsOf(words, listStart[where]!, listStart[where + 1]!, false);
      contextTerms[where] = ctx = { plain, marked: plain.map((t) => table.twin(t, true)) };
    }
    room += ctx.plain.length;
  }
  // Each symbol's term ids, all in one typed array sized up front: symbol
  // i's are flat[start[i]] to flat[start[i + 1]] (a growing plain array, and
  // one typed array per symbol, each cost more than the counting).
  const start = new Int32Array(n + 1);
  const flatRoom = new Int32Array(room);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const ids = nameTerms[nameOf[i]!]!;
    flatRoom.set(ids, end);
    end += ids.length;
    const ctx = contextOf[i]! < 0 ? undefined : contextTerms[contextOf[i]!];
    if (ctx) {
      const { plain, marked } = ctx;
      // Both lists are a few terms long: a plain scan beats a set.
      for (let c = 0; c < plain.length; c++) {
        const t = plain[c]!;
        let inName = false;
        for (let k = 0; k < ids.length && !inName; k++) inName = ids[k] === t;
        if (!inName) flatRoom[end++] = marked[c]!;
      }
    }
    start[i + 1] = end;
  }
  const flat = flatRoom.subarray(0, end);
  // What each term is, read once per term instead of from its string at every region.
  const termCount = table.size;
  const termWeight = new Float64Array(termCount);
  for (let t = 0; t < termCount; t++) termWeight[t] = (table.isPhrase(t) ? PHRASE_BONUS : 1) * (table.isMarked(t) ? CONTEXT_WEIGHT : 1);
  // Counting: a dense count per term for the region being scored and one for
  // the region it is compared with (its parent, or the whole map), reset
  // through the list of terms touched. Maps per region cost most of a second
  // at 100k symbols; this costs one pass over each level's memberships.
  const everything = new Int32Array(termCount);
  for (let j = 0; j < flat.length; j++) everything[flat[j]!]!++;
  const counts = new Int32Array(termCount);
  const reference = new Int32Array(termCount);
  const fill = (into: Int32Array, members: readonly number[], touched: number[]) => {
    for (let m = 0; m < members.length; m++) {
      const i = members[m]!;
      for (let j = start[i]!; j < start[i + 1]!; j++) {
        const t = flat[j]!;
        if (into[t] === 0) touched.push(t);
        into[t]!++;
      }
    }
  };
  const shortlists: Shortlist[] = new Array(regions.length);
  const byParent = new Map<number, number[]>();
  regions.forEach((region, r) => {
    const list = byParent.get(region.parent);
    if (list) list.push(r);
    else byParent.set(region.parent, [r]);
  });
  // A region's counts, kept from when it was scored until its own children
  // are: they are then the reference, scattered back instead of counted again
  // over all its members (two passes of five over the memberships).
  const kept = new Map<number, { ids: Int32Array; uses: Int32Array }>();
  for (const [parent, children] of byParent) {
    let ref: Int32Array = everything;
    let refSize = n;
    let refIds: Int32Array | undefined;
    if (parent >= 0) {
      const saved = kept.get(parent);
      kept.delete(parent);
      if (saved) {
        refIds = saved.ids;
        for (let j = 0; j < refIds.length; j++) reference[refIds[j]!] = saved.uses[j]!;
      } else {
        const touched: number[] = [];
        fill(reference, regions[parent]!.members, touched);
        refIds = Int32Array.from(touched);
      }
      ref = reference;
      refSize = regions[parent]!.members.length;
    }
    for (const r of children) {
      const touched: number[] = [];
      fill(counts, regions[r]!.members, touched);
      shortlists[r] = shortlist(regions[r]!.members.length, touched, counts, ref, refSize, table, termWeight);
      if (byParent.has(r)) {
        const ids = Int32Array.from(touched);
        kept.set(r, { ids, uses: ids.map((t) => counts[t]!) });
      }
      for (let j = 0; j < touched.length; j++) counts[touched[j]!] = 0;
    }
    if (refIds) for (let j = 0; j < refIds.length; j++) reference[refIds[j]!] = 0;
  }

  const labels: string[] = new Array(regions.length).fill('');
  const usedAtLevel = new Map<number, Set<string>>();
  // Larger regions choose first within a level, so the clearest name goes to the biggest region.
  const order = regions.map((_, r) => r).sort((a, b) => regions[a]!.level - regions[b]!.level || regions[b]!.members.length - regions[a]!.members.length || a - b);
  for (const r of order) {
    const region = regions[r]!;
    const size = region.members.length;
    const list = shortlists[r];
    if (size === 0 || !list) continue;
    const parentWords = new Set(region.parent < 0 ? [] : labels[region.parent]!.split(/[ ,]+/).filter(Boolean));
    let used = usedAtLevel.get(region.level);
    if (!used) usedAtLevel.set(region.level, (used = new Set()));
    // The enclosing region's name is already on the map around this one.
    const free = list.scored.filter((x) => !used!.has(x.term) && !x.term.split(' ').every((w) => parentWords.has(w)));
    let label = '';
    const first = free[0];
    if (first) {
      label = first.term;
      // A second term shares no word with the first: "deep clone, clone" says nothing more.
      const firstWords = new Set(first.term.split(' '));
      const squashed = first.term.replace(/ /g, '');
      const second = free.find(
        (x) =>
          x !== first &&
          x.score >= SECOND_TERM_SHARE * first.score &&
          !x.term.split(' ').some((w) => firstWords.has(w)) &&
          // "web gl" and "webgl", "geometry" and "geometries", "light" and "lighting": one name spelt two ways.
          !sameStem(x.term.replace(/ /g, ''), squashed),
      );
      if (second) {
        // Two words the members' names also spell together read as that phrase ("clone, deep" → "deep clone").
        const together = [`${first.term} ${second.term}`, `${second.term} ${first.term}`]
          .map((phrase) => ({ phrase, uses: list.phraseUses.get(phrase) ?? 0 }))
          .sort((a, b) => b.uses - a.uses)[0]!;
        label = together.uses >= list.minUses && together.uses * 2 >= first.uses ? together.phrase : `${first.term}, ${second.term}`;
      }
    } else {
      // Nothing sets it apart: its most common term no other region of the level uses.
      const common = list.common.find((x) => !used!.has(x.term));
      if (common && common.uses >= list.minUses) label = common.term;
    }
    if (label && used.has(label)) label = '';
    if (label) {
      used.add(label);
      for (const part of label.split(', ')) used.add(part);
    }
    labels[r] = label;
  }
  return regions.map((region, r) => ({ label: labels[r]!, anchor: anchorOf(region.members, xy) }));
}

/**
 * One mean-shift step from (x, y) over the points (px, py) with the
 * biweight kernel of squared radius r2: the weighted mean goes to `to`;
 * false when no point is within reach. A function of its own, and numbers
 * in typed arrays, so it is optimised early: until then every intermediate
 * number is allocated.
 */
function shift(px: Float64Array, py: Float64Array, m: number, x: number, y: number, r2: number, to: Float64Array): boolean {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (let k = 0; k < m; k++) {
    const dx = px[k]! - x;
    const dy = py[k]! - y;
    const u = 1 - (dx * dx + dy * dy) / r2;
    if (u <= 0) continue;
    const w = u * u;
    sx += w * px[k]!;
    sy += w * py[k]!;
    sw += w;
  }
  if (sw === 0) return false;
  to[0] = sx / sw;
  to[1] = sy / sw;
  return true;
}

/** Two spellings of one word: equal but for an ending of a few letters ("geometry"/"geometries", "light"/"lighting"). */
function sameStem(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= Math.max(4, Math.min(a.length, b.length) - 2);
}

/** A region's best terms, computed once so that naming the regions in order of size is cheap. */
interface Shortlist {
  /** Best first by score; at most SHORTLIST. */
  readonly scored: readonly ScoredTerm[];
  /** Most used first (for a region nothing sets apart); at most SHORTLIST. */
  readonly common: readonly ScoredTerm[];
  /** Uses of the two-word phrases its best single words spell, either way round. */
  readonly phraseUses: ReadonlyMap<string, number>;
  readonly minUses: number;
}

/** A context's terms: as they are (to tell which the name already has) and marked as context. */
interface ContextTerms {
  readonly plain: Int32Array;
  readonly marked: Int32Array;
}

interface ScoredTerm {
  readonly term: string;
  readonly score: number;
  readonly uses: number;
}

/** Terms kept per region: enough to skip those a larger region of its level took. */
const SHORTLIST = 32;

function shortlist(
  size: number,
  touched: readonly number[],
  counts: Int32Array,
  reference: Int32Array,
  referenceSize: number,
  table: TermTable,
  termWeight: Float64Array,
): Shortlist {
  // A term used once in a big region says nothing about it.
  const minUses = size >= 10 ? 2 : 1;
  const best = new TopK(SHORTLIST);
  const common = new TopK(SHORTLIST);
  for (let j = 0; j < touched.length; j++) {
    const t = touched[j]!;
    const uses = counts[t]!;
    common.offer(uses, t);
    if (uses < minUses) continue;
    const p = uses / size;
    const q = (reference[t] || uses) / referenceSize;
    const score = p * Math.log(p / q) * termWeight[t]!;
    if (score > 0) best.offer(score, t);
  }
  const plain = (t: number) => table.text(t);
  const bestTerms = best.sorted((a, b) => (plain(a) < plain(b) ? -1 : 1));
  const scored = bestTerms.map(({ key, t }) => ({ term: plain(t), score: key, uses: counts[t]! }));
  const phraseUses = new Map<string, number>();
  const singles = bestTerms.filter(({ t }) => !table.isPhrase(t)).slice(0, 8);
  for (const a of singles) {
    for (const b of singles) {
      if (a === b) continue;
      const id = table.pair(table.wordOf(a.t), table.wordOf(b.t));
      if (id !== undefined && counts[id]! > 0) phraseUses.set(`${plain(a.t)} ${plain(b.t)}`, counts[id]!);
    }
  }
  return {
    scored,
    common: common.sorted((a, b) => (plain(a) < plain(b) ? -1 : 1)).map(({ key, t }) => ({ term: plain(t), score: 0, uses: key })),
    phraseUses,
    minUses,
  };
}

/** The k largest keys offered, ties broken by `tie` when sorted. Hand-written: a few lines, and no allocation per offer. */
class TopK {
  private readonly keys: number[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly k: number) {}

  offer(key: number, id: number): void {
    if (this.keys.length === this.k && key <= this.keys[this.k - 1]!) return;
    let at = this.keys.length < this.k ? this.keys.length : this.k - 1;
    if (this.keys.length < this.k) {
      this.keys.push(key);
      this.ids.push(id);
    }
    while (at > 0 && this.keys[at - 1]! < key) {
      this.keys[at] = this.keys[at - 1]!;
      this.ids[at] = this.ids[at - 1]!;
      at--;
    }
    this.keys[at] = key;
    this.ids[at] = id;
  }

  sorted(tie: (a: number, b: number) => number): { key: number; t: number }[] {
    return this.keys.map((key, i) => ({ key, t: this.ids[i]! })).sort((a, b) => b.key - a.key || tie(a.t, b.t));
  }
}

/**
 * A member in the densest part of the region: mean-shift with a biweight
 * kernel about the region's spread wide, from the members' centroid and from
 * a few members spread through the region, keeping the end point where the
 * members are densest, then the member nearest it. The centroid of a curved
 * or two-lobed region can lie over empty space, and one start can settle on
 * a small outlying clump; the densest of several peaks cannot do either.
 * (The biweight, (1 - d²/r²)², finds the same peaks as a Gaussian of about
 * half its radius, without an exp() per member per step: those were a
 * quarter of the regions' CPU at 100k points.)
 */
export function anchorOf(all: readonly number[], xy: ArrayLike<number>): number {
  if (all.length === 0) return -1;
  // A large region's density is read from an even sample: the peak is the same, at a fraction of the cost.
  const every = Math.ceil(all.length / ANCHOR_SAMPLE);
  const m = Math.ceil(all.length / every);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  let cx = 0;
  let cy = 0;
  for (let j = 0, k = 0; j < all.length; j += every, k++) {
    const i = all[j]!;
    cx += px[k] = xy[2 * i]!;
    cy += py[k] = xy[2 * i + 1]!;
  }
  cx /= m;
  cy /= m;
  let spread = 0;
  for (let k = 0; k < m; k++) spread += (px[k]! - cx) ** 2 + (py[k]! - cy) ** 2;
  spread = Math.sqrt(spread / m);
  const r2 = KERNEL_RADIUS ** 2 * spread ** 2 || 1;
  const settled = (spread * ANCHOR_SETTLED) ** 2;
  const starts: [number, number][] = [[cx, cy]];
  const step = Math.max(1, Math.floor(m / ANCHOR_STARTS));
  for (let k = 0; k < m && starts.length <= ANCHOR_STARTS; k += step) starts.push([px[k]!, py[k]!]);
  const to = new Float64Array(2);
  let best: [number, number] = [cx, cy];
  let bestDensity = -Infinity;
  for (let [x, y] of starts) {
    for (let round = 0; round < ANCHOR_STEPS; round++) {
      if (!shift(px, py, m, x, y, r2, to)) break;
      const moved = (to[0]! - x) ** 2 + (to[1]! - y) ** 2;
      x = to[0]!;
      y = to[1]!;
      // Settled: the nearest member to the peak will not change.
      if (moved < settled) break;
    }
    const d = density(px, py, m, x, y, r2);
    if (d > bestDensity) {
      bestDensity = d;
      best = [x, y];
    }
  }
  return nearestMember(all, xy, best[0], best[1]);
}

/** The member nearest (x, y), the lowest index among equals. */
export function nearestMember(all: readonly number[], xy: ArrayLike<number>, x: number, y: number): number {
  let nearest = all[0]!;
  let nearestD = Infinity;
  for (let j = 0; j < all.length; j++) {
    const i = all[j]!;
    const dx = xy[2 * i]! - x;
    const dy = xy[2 * i + 1]! - y;
    const d = dx * dx + dy * dy;
    if (d < nearestD || (d === nearestD && i < nearest)) {
      nearestD = d;
      nearest = i;
    }
  }
  return nearest;
}

/** The biweight density of the points (px, py) at (x, y), as shift() weighs them. */
function density(px: Float64Array, py: Float64Array, m: number, x: number, y: number, r2: number): number {
  let sum = 0;
  for (let k = 0; k < m; k++) {
    const dx = px[k]! - x;
    const dy = py[k]! - y;
    const u = 1 - (dx * dx + dy * dy) / r2;
    if (u > 0) sum += u * u;
  }
  return sum;
}
