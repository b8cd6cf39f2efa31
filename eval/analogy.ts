// `npm run eval` (second part): concept arithmetic and semantic axes on real
// libraries, with the built-in model.
//
// Analogies (eval/analogies.ts, written before any ranking was seen): for each
// "a : b :: c : d", LatentIndex.analogy's top 1 and top 5 hold a name of d?
// Variants: the plain offset against 3CosMul, the symbols' own vectors
// (name, container, parameters, comment) against their names alone, and
// near-copies of the terms left in or out. Beside them a baseline that only
// swaps name words (a's words that b lacks are taken out of c's name, b's
// words that a lacks put in, and the symbols whose name words are nearest
// that set win).
//
// Axes: on the Python standard library, whose read*/write*, open*/close*,
// encode*/decode* families are large, how well the axis between the two
// family words orders the families' members (AUC: the chance that a member of
// the `to` family sits further towards `to` than a member of the `from`
// family; 0.5 is chance).
//
// Prints tables and writes eval/ANALOGIES.md.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LatentIndex, SHIPPED_ARITHMETIC, type ArithmeticChoice } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { splitIdentifier, stem } from '../src/core/text';
import type { IndexedSymbol, RankedSymbol } from '../src/core/types';
import { ANALOGY_LIBRARIES, type Analogy, type AnalogyKind } from './analogies';
import { LIBRARIES, PYTHON_PACKAGES, type Library } from './libraries';
import { debianSource, packageSource } from './sources';

const ROOT = packageRoot();
const CACHE = path.join(ROOT, '.cache', 'eval');
const write = !process.argv.includes('--no-write');
const verbose = process.argv.includes('--verbose');
const TOP = 5;

interface Variant {
  readonly name: string;
  readonly choice: Partial<ArithmeticChoice>;
}

const VARIANTS: readonly Variant[] = [
  { name: 'offset, text vectors', choice: { method: 'offset', vectors: 'text', nearCopy: 2, swapFirst: false } },
  { name: 'offset, text vectors, near-copies out', choice: { method: 'offset', vectors: 'text', nearCopy: 0.98, swapFirst: false } },
  { name: '3CosMul, text vectors', choice: { method: '3cosmul', vectors: 'text', nearCopy: 2, swapFirst: false } },
  { name: '3CosMul, text vectors, near-copies out', choice: { method: '3cosmul', vectors: 'text', nearCopy: 0.98, swapFirst: false } },
  { name: 'offset, name vectors', choice: { method: 'offset', vectors: 'name', nearCopy: 2, swapFirst: false } },
  { name: 'offset, name vectors, near-copies out', choice: { method: 'offset', vectors: 'name', nearCopy: 0.98, swapFirst: false } },
  { name: '3CosMul, name vectors', choice: { method: '3cosmul', vectors: 'name', nearCopy: 2, swapFirst: false } },
  { name: '3CosMul, name vectors, near-copies out', choice: { method: '3cosmul', vectors: 'name', nearCopy: 0.98, swapFirst: false } },
  { name: 'offset, text vectors, swapped name first', choice: { method: 'offset', vectors: 'text', nearCopy: 2, swapFirst: true } },
  { name: '3CosMul, text vectors, swapped name first', choice: { method: '3cosmul', vectors: 'text', nearCopy: 2, swapFirst: true } },
  { name: '3CosMul, name vectors, swapped name first', choice: { method: '3cosmul', vectors: 'name', nearCopy: 2, swapFirst: true } },
];

/** Hits of one method: [top-1, top-5] counts per kind, and the number asked. */
type Tally = Record<AnalogyKind, { top1: number; top5: number; n: number }>;

function tally(): Tally {
  return { swap: { top1: 0, top5: 0, n: 0 }, meaning: { top1: 0, top5: 0, n: 0 } };
}

function count(t: Tally, kind: AnalogyKind, names: readonly string[], answer: readonly string[]): void {
  const rank = names.findIndex((n) => answer.includes(n));
  t[kind].n++;
  if (rank === 0) t[kind].top1++;
  if (rank >= 0 && rank < TOP) t[kind].top5++;
}

function nameWords(name: string): string[] {
  return splitIdentifier(name).map(stem);
}

/**
 * The name-word-swap baseline: c's name words with a's words that b lacks
 * taken out and b's words that a lacks put in; symbols ranked by the Jaccard
 * overlap of their name words with that set (ties by index order), never a,
 * b or c.
 */
export function swapBaseline(symbols: readonly IndexedSymbol[], a: string, b: string, c: string, k: number): string[] {
  const wa = new Set(nameWords(a));
  const wb = new Set(nameWords(b));
  const target = new Set(nameWords(c).filter((w) => !wa.has(w) || wb.has(w)));
  for (const w of wb) if (!wa.has(w)) target.add(w);
  const scored: { name: string; score: number; i: number }[] = [];
  const seen = new Set([a, b, c]);
  symbols.forEach((s, i) => {
    if (seen.has(s.name)) return;
    const words = new Set(nameWords(s.name));
    let shared = 0;
    for (const w of words) if (target.has(w)) shared++;
    const union = words.size + target.size - shared;
    if (shared > 0) scored.push({ name: s.name, score: shared / union, i });
  });
  scored.sort((x, y) => y.score - x.score || x.i - y.i);
  const names: string[] = [];
  for (const s of scored) {
    if (!names.includes(s.name)) names.push(s.name);
    if (names.length === k) break;
  }
  return names;
}

interface AxisCase {
  readonly from: string;
  readonly to: string;
  /** A symbol's name words: which family it belongs to, if any. */
  readonly family: (words: readonly string[]) => 'from' | 'to' | undefined;
}

/** A family by a name's first word (read*, readline, read_text...), never both families at once. */
function byFirstWord(from: readonly string[], to: readonly string[]): AxisCase['family'] {
  return (words) => {
    const first = words[0];
    if (first === undefined) return undefined;
    const f = from.includes(first);
    const t = to.includes(first);
    return f === t ? undefined : f ? 'from' : 'to';
  };
}

const AXES: readonly AxisCase[] = [
  { from: 'read', to: 'write', family: byFirstWord(['read'], ['write']) },
  { from: 'open', to: 'close', family: byFirstWord(['open'], ['close']) },
  { from: 'encode', to: 'decode', family: byFirstWord(['encode'], ['decode']) },
  { from: 'get', to: 'set', family: byFirstWord(['get'], ['set']) },
  { from: 'start', to: 'stop', family: byFirstWord(['start'], ['stop']) },
];

/** Mann-Whitney AUC: the share of (from, to) member pairs with the `to` member further towards `to`; ties count half. */
function auc(fromScores: readonly number[], toScores: readonly number[]): number {
  const all = [...fromScores.map((s) => ({ s, to: false })), ...toScores.map((s) => ({ s, to: true }))].sort((x, y) => x.s - y.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const mid = (i + 1 + j) / 2;
    for (let m = i; m < j; m++) if (all[m]!.to) rankSum += mid;
    i = j;
  }
  const nt = toScores.length;
  const nf = fromScores.length;
  return (rankSum - (nt * (nt + 1)) / 2) / (nt * nf);
}

/** Python's standard library: the top-level modules and a few packages full of readers, writers, codecs and connections. */
const AXIS_LIBRARY: Library = {
  name: 'python-stdlib',
  spec: 'python3.11-stdlib',
  debian: PYTHON_PACKAGES,
  root: 'usr/lib/python3.11',
  include: ['/*.py', '/json/', '/email/', '/http/', '/urllib/', '/xml/', '/asyncio/', '/encodings/', '/concurrent/', '/multiprocessing/'],
  queries: [],
};

async function open(library: Library): Promise<LatentIndex> {
  const source = library.debian ? debianSource(CACHE, library.debian) : packageSource(CACHE, library.spec);
  return LatentIndex.build({
    root: path.join(source, library.root ?? ''),
    model: 'builtin',
    allowRemote: false,
    cacheDir: path.join(CACHE, 'vectors', library.name),
    include: library.include,
    exclude: library.exclude,
  });
}

function pct(hits: number, n: number): string {
  return n === 0 ? '–' : `${hits}/${n} (${Math.round((100 * hits) / n)} %)`;
}

async function main(): Promise<void> {
  const methods = ['name-word swap (baseline)', ...VARIANTS.map((v) => v.name)];
  const totals = new Map(methods.map((m) => [m, tally()]));
  const perLibrary: string[] = [];
  const missing: string[] = [];
  const misses: string[] = [];
  for (const entry of ANALOGY_LIBRARIES) {
    const library = LIBRARIES.find((l) => l.name === entry.name || l.name.startsWith(`${entry.name} (`));
    if (!library) throw new Error(`eval/analogies.ts: no library "${entry.name}" in libraries.ts`);
    const index = await open(library);
    try {
      const names = new Set(index.symbols.map((s) => s.name));
      const usable: Analogy[] = [];
      for (const q of entry.analogies) {
        const absent = [q.a, q.b, q.c].filter((t) => !index.symbolNamed(t));
        if (!q.d.some((d) => names.has(d))) missing.push(`${entry.name}: ${q.a} : ${q.b} :: ${q.c} : ${q.d.join('|')} (no symbol named ${q.d.join(' or ')})`);
        else {
          usable.push(q);
          if (absent.length) missing.push(`${entry.name}: ${q.a} : ${q.b} :: ${q.c} (${absent.join(', ')} read as free text)`);
        }
      }
      const local = new Map(methods.map((m) => [m, tally()]));
      for (const q of usable) {
        const base = swapBaseline(index.symbols, q.a, q.b, q.c, TOP);
        count(local.get(methods[0]!)!, q.kind, base, q.d);
        for (const v of VARIANTS) {
          const results: RankedSymbol[] = await index.analogy(q.a, q.b, q.c, TOP, v.choice);
          const got = results.map((r) => r.name);
          count(local.get(v.name)!, q.kind, got, q.d);
          if (verbose || (isShipped(v) && !got.includes(q.d[0]!))) {
            misses.push(`${entry.name} [${q.kind}] ${q.a} : ${q.b} :: ${q.c} : ${q.d[0]} — ${v.name}: ${got.join(', ')}; baseline: ${base.join(', ')}`);
          }
        }
      }
      for (const m of methods) {
        const t = local.get(m)!;
        const all = totals.get(m)!;
        for (const kind of ['swap', 'meaning'] as const) {
          all[kind].top1 += t[kind].top1;
          all[kind].top5 += t[kind].top5;
          all[kind].n += t[kind].n;
        }
      }
      const b = local.get(methods[0]!)!;
      const s = local.get(shippedName())!;
      perLibrary.push(
        `| ${entry.name} (${index.symbols.length} symbols) | ${b.swap.n} + ${b.meaning.n} | ${pct(s.swap.top1, s.swap.n)} / ${pct(b.swap.top1, b.swap.n)} | ${pct(s.meaning.top1, s.meaning.n)} / ${pct(b.meaning.top1, b.meaning.n)} |`,
      );
      console.log(`${entry.name}: ${usable.length} analogies of ${entry.analogies.length} answerable`);
    } finally {
      await index.dispose();
    }
  }
  const rows = methods.map((m) => {
    const t = totals.get(m)!;
    const mark = m === shippedName() ? ' **(shipped)**' : '';
    return `| ${m}${mark} | ${pct(t.swap.top1, t.swap.n)} | ${pct(t.swap.top5, t.swap.n)} | ${pct(t.meaning.top1, t.meaning.n)} | ${pct(t.meaning.top5, t.meaning.n)} |`;
  });
  const analogyTable = ['| method | word swap: top 1 | top 5 | meaning: top 1 | top 5 |', '|---|---|---|---|---|', ...rows];
  console.log('\n' + analogyTable.join('\n'));

  // Axes on the Python standard library.
  const python = AXIS_LIBRARY;
  const index = await open(python);
  const axisRows: string[] = [];
  const axisSymbols = index.symbols.length;
  try {
    for (const axis of AXES) {
      const { symbols, coordinates } = await index.axisOf(axis.from, axis.to);
      const from: number[] = [];
      const to: number[] = [];
      // One vote per distinct name: a name defined in many modules (read, close) would otherwise count many times.
      const seen = new Set<string>();
      symbols.forEach((s, i) => {
        if (seen.has(s.name)) return;
        seen.add(s.name);
        const family = axis.family(splitIdentifier(s.name));
        if (family === 'from') from.push(coordinates[i]!);
        else if (family === 'to') to.push(coordinates[i]!);
      });
      const value = from.length && to.length ? auc(from, to) : Number.NaN;
      axisRows.push(`| ${axis.from} → ${axis.to} | ${from.length} / ${to.length} | ${value.toFixed(3)} |`);
    }
  } finally {
    await index.dispose();
  }
  const axisTable = ['| axis (free text poles) | names in each family | AUC |', '|---|---|---|', ...axisRows];
  console.log(`\nAxes on ${python.name} (${python.spec}, ${axisSymbols} symbols):\n` + axisTable.join('\n'));
  if (missing.length) console.log(`\nNot asked or read as free text:\n${missing.join('\n')}`);
  if (verbose || misses.length) console.log(`\n${verbose ? 'All rankings' : 'Shipped method: answers not in the top 5'}:\n${misses.join('\n')}`);
  if (write) writeFileSync(path.join(ROOT, 'eval', 'ANALOGIES.md'), report(analogyTable, perLibrary, axisTable, python, axisSymbols, missing));
}

function isShipped(v: Variant): boolean {
  const c = { ...SHIPPED_ARITHMETIC, ...v.choice };
  return c.method === SHIPPED_ARITHMETIC.method && c.vectors === SHIPPED_ARITHMETIC.vectors && c.nearCopy === SHIPPED_ARITHMETIC.nearCopy && c.swapFirst === SHIPPED_ARITHMETIC.swapFirst;
}

function shippedName(): string {
  return VARIANTS.find(isShipped)?.name ?? VARIANTS[0]!.name;
}

function report(analogyTable: string[], perLibrary: string[], axisTable: string[], python: Library, axisSymbols: number, missing: string[]): string {
  return `# Concept arithmetic and semantic axes: evaluation

Written by \`npm run eval\` (eval/analogy.ts), built-in model. Do not edit by hand.

## Analogies

"a : b :: c : ?" on the exported names of lodash, date-fns and rxjs
(eval/analogies.ts: written from the libraries' documented exports before
any ranking was looked at). Two kinds: **word swap**, which swapping a word in
the names solves (\`addDays : subDays :: addMonths : subMonths\`), and
**meaning**, where the relation is the same but the words differ
(\`isBefore : isAfter :: isPast : isFuture\`). A result counts when its name is
the answer. The baseline swaps name words only (eval/analogy.ts
swapBaseline). "Near-copies out" leaves out candidates whose vector is 0.98
or more similar to a term's (the same text in another file, a re-export).

${analogyTable.join('\n')}

Per library, top 1 of the shipped method / of the baseline:

| library | analogies (swap + meaning) | word swap | meaning |
|---|---|---|---|
${perLibrary.join('\n')}

${missing.length ? `Not asked (no such symbol) or with a term read as free text:\n\n${missing.map((m) => `- ${m}`).join('\n')}\n` : ''}
## Axes

On ${python.name} (${python.spec}, ${axisSymbols} symbols): every distinct symbol name whose first
word is one pole's word belongs to that family; the axis runs from the first
pole's word to the second's, both typed as free text. AUC is the chance that
a member of the second family sits further towards the second pole than a
member of the first (0.5 is chance, 1 a perfect order).

${axisTable.join('\n')}
`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
