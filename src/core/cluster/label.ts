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
import { STOP_WORDS } from '../text/stopWords';

/** Identifier words too generic in code to name a region. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['get', 'set', 'is', 'has', 'new', 'init', 'make', 'do', 'on', 'handle', 'fn', 'cb', 'val', 'tmp', 'impl', 'internal', 'base', 'constructor', 'index', 'lib', 'src', 'js', 'ts', 'mjs', 'cjs', 'esm', 'dist', 'util', 'utils']);
/** A phrase scores this much more than a single word: "deep clone" beats "clone" when both describe the region alike. */
const PHRASE_BONUS = 1.3;
/** A second term joins the label when it scores at least this share of the first. */
const SECOND_TERM_SHARE = 0.75;
/** A term only found in what a symbol is defined in (class, file, folder) counts this much. */
const CONTEXT_WEIGHT = 0.5;
/** Marks an interned term as coming from the context. */
const CONTEXT_MARK = '\u0001';
/** Mean-shift steps towards the densest part of a region (converges in a handful on map data). */
const ANCHOR_STEPS = 8;
/** Mean-shift starts besides the centroid: enough to find a region's main clump, cheap at 100k points (each start costs ANCHOR_STEPS passes over the region). */
const ANCHOR_STARTS = 4;
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

/** The terms of one symbol's name words: label words, and phrases of 2-3 words in order. */
export function nameTerms(words: readonly string[]): string[] {
  const lower = words.map((w) => w.toLowerCase());
  const terms = new Set<string>();
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]!;
    if (!isLabelWord(w)) continue;
    terms.add(w);
    const next = lower[i + 1];
    if (next !== undefined && next !== w && isLabelWord(next)) terms.add(`${w} ${next}`);
    // "day of week", "array to string": a short link word inside a phrase is kept.
    const after = lower[i + 2];
    if (next !== undefined && after !== undefined && STOP_WORDS.has(next) && next.length <= 3 && isLabelWord(after)) terms.add(`${w} ${next} ${after}`);
  }
  return [...terms];
}

function isLabelWord(word: string): boolean {
  return word.length >= 2 && !/^\d+$/.test(word) && !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word);
}

/**
 * Labels and anchors for `regions` (top level first, parents before their
 * children). No two regions of one level get the same label: a region whose
 * best term a larger region of its level took uses its next best.
 */
export function labelRegions(
  regions: readonly LabelRegion[],
  source: { readonly words: readonly (readonly string[])[]; readonly context?: readonly (readonly string[])[] },
  xy: ArrayLike<number>,
  n: number,
): LabelledRegion[] {
  const { words, context } = source;
  // Intern each symbol's terms once.
  const termId = new Map<string, number>();
  const terms: string[] = [];
  // Each symbol's term ids, all in one array: symbol i's are flat[start[i]] to flat[start[i + 1]] (one typed array per symbol cost more in allocation than the counting).
  const start = new Int32Array(n + 1);
  const flatList: number[] = [];
  const intern = (t: string): number => {
    let id = termId.get(t);
    if (id === undefined) {
      termId.set(t, (id = terms.length));
      terms.push(t);
    }
    return id;
  };
  // Names repeat (copies, overloads) and so do contexts (every symbol of a
  // file shares its file and folder words): each distinct one is split once,
  // to term ids, and a symbol's terms are its name's plus its context's that
  // the name does not have (interning every symbol's terms was most of the
  // cost at 100k symbols).
  // Looked up by the array itself first (regionWords shares one array among
  // symbols with the same name or context), then by its words joined.
  const nameIds = new Map<string, Int32Array>();
  const nameById = new Map<readonly string[], Int32Array>();
  const contextIds = new Map<string, { plain: Int32Array; marked: Int32Array }>();
  const contextById = new Map<readonly string[], { plain: Int32Array; marked: Int32Array }>();
  for (let i = 0; i < n; i++) {
    const name = words[i] ?? [];
    let own = nameById.get(name);
    if (!own) {
      const nameKey = name.join(' ');
      own = nameIds.get(nameKey);
      if (!own) nameIds.set(nameKey, (own = Int32Array.from(nameTerms(name), intern)));
      nameById.set(name, own);
    }
    const around = context?.[i];
    for (let c = 0; c < own.length; c++) flatList.push(own[c]!);
    if (!around || around.length === 0) {
      start[i + 1] = flatList.length;
      continue;
    }
    let ctx = contextById.get(around);
    if (!ctx) {
      const contextKey = around.join(' ');
      ctx = contextIds.get(contextKey);
      if (!ctx) {
        const list = nameTerms(around);
        ctx = { plain: Int32Array.from(list, intern), marked: Int32Array.from(list, (t) => intern(CONTEXT_MARK + t)) };
        contextIds.set(contextKey, ctx);
      }
      contextById.set(around, ctx);
    }
    for (let c = 0; c < ctx.plain.length; c++) if (!own.includes(ctx.plain[c]!)) flatList.push(ctx.marked[c]!);
    start[i + 1] = flatList.length;
  }
  const flat = Int32Array.from(flatList);
  // Counting: a dense count per term for the region being scored and one for
  // the region it is compared with (its parent, or the whole map), reset
  // through the list of terms touched. Maps per region cost most of a second
  // at 100k symbols; this costs one pass over each level's memberships.
  const termCount = terms.length;
  const everything = new Int32Array(termCount);
  for (let j = 0; j < flat.length; j++) everything[flat[j]!]!++;
  const counts = new Int32Array(termCount);
  const reference = new Int32Array(termCount);
  const fill = (into: Int32Array, members: readonly number[], touched: number[]) => {
    for (const i of members) {
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
  for (const [parent, children] of byParent) {
    let ref: Int32Array = everything;
    let refSize = n;
    const refTouched: number[] = [];
    if (parent >= 0) {
      fill(reference, regions[parent]!.members, refTouched);
      ref = reference;
      refSize = regions[parent]!.members.length;
    }
    for (const r of children) {
      const touched: number[] = [];
      fill(counts, regions[r]!.members, touched);
      shortlists[r] = shortlist(regions[r]!.members.length, touched, counts, ref, refSize, terms, termId);
      for (const t of touched) counts[t] = 0;
    }
    for (const t of refTouched) reference[t] = 0;
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
  terms: readonly string[],
  termId: ReadonlyMap<string, number>,
): Shortlist {
  // A term used once in a big region says nothing about it.
  const minUses = size >= 10 ? 2 : 1;
  const best = new TopK(SHORTLIST);
  const common = new TopK(SHORTLIST);
  for (const t of touched) {
    const uses = counts[t]!;
    common.offer(uses, t);
    if (uses < minUses) continue;
    const p = uses / size;
    const q = (reference[t] || uses) / referenceSize;
    let score = p * Math.log(p / q);
    if (score <= 0) continue;
    const term = terms[t]!;
    if (term.includes(' ')) score *= PHRASE_BONUS;
    if (term.startsWith(CONTEXT_MARK)) score *= CONTEXT_WEIGHT;
    best.offer(score, t);
  }
  const plain = (t: number) => terms[t]!.replace(CONTEXT_MARK, '');
  const scored = best.sorted((a, b) => (plain(a) < plain(b) ? -1 : 1)).map(({ key, t }) => ({ term: plain(t), score: key, uses: counts[t]! }));
  const phraseUses = new Map<string, number>();
  const singles = scored.filter((x) => !x.term.includes(' ')).slice(0, 8);
  for (const a of singles) {
    for (const b of singles) {
      if (a === b) continue;
      const id = termId.get(`${a.term} ${b.term}`);
      if (id !== undefined && counts[id]! > 0) phraseUses.set(`${a.term} ${b.term}`, counts[id]!);
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
 * A member in the densest part of the region: mean-shift with a Gaussian
 * kernel half the region's spread, from the members' centroid and from a few
 * members spread through the region, keeping the end point where the
 * members are densest, then the member nearest it. The centroid of a curved
 * or two-lobed region can lie over empty space, and one start can settle on
 * a small outlying clump; the densest of several peaks cannot do either.
 */
function anchorOf(all: readonly number[], xy: ArrayLike<number>): number {
  if (all.length === 0) return -1;
  // A large region's density is read from an even sample: the peak is the same, at a fraction of the cost.
  const every = Math.ceil(all.length / ANCHOR_SAMPLE);
  const members = every > 1 ? all.filter((_, j) => j % every === 0) : all;
  let cx = 0;
  let cy = 0;
  for (const i of members) {
    cx += xy[2 * i]!;
    cy += xy[2 * i + 1]!;
  }
  cx /= members.length;
  cy /= members.length;
  let spread = 0;
  for (const i of members) spread += (xy[2 * i]! - cx) ** 2 + (xy[2 * i + 1]! - cy) ** 2;
  spread = Math.sqrt(spread / members.length);
  const h2 = 2 * (spread / 2) ** 2 || 1;
  const density = (x: number, y: number): number => {
    let sum = 0;
    for (const i of members) sum += Math.exp(-((xy[2 * i]! - x) ** 2 + (xy[2 * i + 1]! - y) ** 2) / h2);
    return sum;
  };
  const starts: [number, number][] = [[cx, cy]];
  const step = Math.max(1, Math.floor(members.length / ANCHOR_STARTS));
  for (let m = 0; m < members.length && starts.length <= ANCHOR_STARTS; m += step) starts.push([xy[2 * members[m]!]!, xy[2 * members[m]! + 1]!]);
  let best: [number, number] = [cx, cy];
  let bestDensity = -Infinity;
  for (let [x, y] of starts) {
    for (let round = 0; round < ANCHOR_STEPS; round++) {
      let sx = 0;
      let sy = 0;
      let sw = 0;
      for (const i of members) {
        const px = xy[2 * i]!;
        const py = xy[2 * i + 1]!;
        const w = Math.exp(-((px - x) ** 2 + (py - y) ** 2) / h2);
        sx += w * px;
        sy += w * py;
        sw += w;
      }
      if (sw === 0) break;
      x = sx / sw;
      y = sy / sw;
    }
    const d = density(x, y);
    if (d > bestDensity) {
      bestDensity = d;
      best = [x, y];
    }
  }
  let nearest = all[0]!;
  let nearestD = Infinity;
  for (const i of all) {
    const d = (xy[2 * i]! - best[0]) ** 2 + (xy[2 * i + 1]! - best[1]) ** 2;
    if (d < nearestD || (d === nearestD && i < nearest)) {
      nearestD = d;
      nearest = i;
    }
  }
  return nearest;
}
