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
const ANCHOR_SAMPLE = 600;

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
  const termsOf: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const own = nameTerms(words[i] ?? []);
    const mine = new Set(own);
    const around = nameTerms(context?.[i] ?? []).filter((t) => !mine.has(t)).map((t) => CONTEXT_MARK + t);
    const ids = [...own, ...around].map((t) => {
      let id = termId.get(t);
      if (id === undefined) {
        termId.set(t, (id = terms.length));
        terms.push(t);
      }
      return id;
    });
    termsOf.push(Int32Array.from(ids));
  }
  const countIn = (members: readonly number[]): Map<number, number> => {
    const counts = new Map<number, number>();
    for (const i of members) for (const t of termsOf[i]!) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  };
  const everything = countIn(Array.from({ length: n }, (_, i) => i));
  const counts = regions.map((r) => countIn(r.members));

  const labels: string[] = new Array(regions.length).fill('');
  const usedAtLevel = new Map<number, Set<string>>();
  // Larger regions choose first within a level, so the clearest name goes to the biggest region.
  const order = regions.map((_, r) => r).sort((a, b) => regions[a]!.level - regions[b]!.level || regions[b]!.members.length - regions[a]!.members.length || a - b);
  for (const r of order) {
    const region = regions[r]!;
    const size = region.members.length;
    if (size === 0) continue;
    const reference = region.parent < 0 ? everything : counts[region.parent]!;
    const referenceSize = region.parent < 0 ? n : regions[region.parent]!.members.length;
    const parentWords = new Set(region.parent < 0 ? [] : labels[region.parent]!.split(/[ ,]+/).filter(Boolean));
    let used = usedAtLevel.get(region.level);
    if (!used) usedAtLevel.set(region.level, (used = new Set()));
    // A term used once in a big region says nothing about it.
    const minUses = size >= 10 ? 2 : 1;
    const scored: { term: string; score: number; uses: number }[] = [];
    for (const [t, uses] of counts[r]!) {
      if (uses < minUses) continue;
      const fromContext = terms[t]!.startsWith(CONTEXT_MARK);
      const term = fromContext ? terms[t]!.slice(1) : terms[t]!;
      const words = term.split(' ');
      // The enclosing region's name is already on the map around this one.
      if (words.every((w) => parentWords.has(w))) continue;
      const p = uses / size;
      const q = (reference.get(t) ?? uses) / referenceSize;
      let score = p * Math.log(p / q);
      if (score <= 0) continue;
      if (words.length > 1) score *= PHRASE_BONUS;
      if (fromContext) score *= CONTEXT_WEIGHT;
      scored.push({ term, score, uses });
    }
    scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
    const phraseUses = new Map<string, number>();
    for (const [t, uses] of counts[r]!) if (!terms[t]!.startsWith(CONTEXT_MARK) && terms[t]!.includes(' ')) phraseUses.set(terms[t]!, uses);
    const free = scored.filter((s) => !used!.has(s.term));
    let label = '';
    const first = free[0];
    if (first) {
      label = first.term;
      // A second term shares no word with the first: "deep clone, clone" says nothing more.
      const firstWords = new Set(first.term.split(' '));
      const squashed = first.term.replace(/ /g, '');
      const second = free.find(
        (s) =>
          s !== first &&
          s.score >= SECOND_TERM_SHARE * first.score &&
          !s.term.split(' ').some((w) => firstWords.has(w)) &&
          // "web gl" and "webgl", "geometry" and "geometries": one name spelt two ways.
          s.term.replace(/ /g, '') !== squashed &&
          !s.term.startsWith(squashed.slice(0, Math.max(4, squashed.length - 2))),
      );
      if (second) {
        // Two words the members' names also spell together read as that phrase ("clone, deep" → "deep clone").
        const together = [`${first.term} ${second.term}`, `${second.term} ${first.term}`]
          .map((phrase) => ({ phrase, uses: phraseUses.get(phrase) ?? 0 }))
          .sort((a, b) => b.uses - a.uses)[0]!;
        label = together.uses >= minUses && together.uses * 2 >= first.uses ? together.phrase : `${first.term}, ${second.term}`;
      }
    } else {
      // Nothing sets it apart: its most common term no other region of the level uses.
      const plain = (t: number) => terms[t]!.replace(CONTEXT_MARK, '');
      const common = [...counts[r]!].filter(([t]) => !used!.has(plain(t))).sort((a, b) => b[1] - a[1] || (plain(a[0]) < plain(b[0]) ? -1 : 1))[0];
      if (common && common[1] >= minUses) label = plain(common[0]);
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
