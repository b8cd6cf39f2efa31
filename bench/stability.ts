// `npm run bench:stability`: how far a map moves when the code changes.
//
// A map is indexed fresh, then the folder changes and is indexed again the
// way a reopen does (the last map refined, see src/core/project/layout.ts):
//   (a) one file added with one function,
//   (b) 10 % of the files changed, (c) 30 % changed: in each, up to two
//       functions are renamed (new symbols; the old ones are gone) and a new
//       function named after the file's own words is appended;
//   (d) a model change: the only model offline is the built-in one, so the
//       "other model" is its vectors with Gaussian noise added and
//       renormalised (two strengths; their 10-NN overlap with the built-in
//       model's neighbours is printed to say how different they are). This
//       one runs at the layout level (project() with the first map as prior),
//       as the indexer cannot load a second real model here.
// For each: the mean and 95th percentile move of the symbols whose id and
// text did not change, as a share of the first map's width, and the 10-NN
// preservation of the refined map beside a fresh layout of the same vectors.
//
//   npm run bench:stability -- --sizes 1k,5k
//   npm run bench:stability -- --sizes 1k,/abs/path/to/folder
//
// Writes the table to stdout and bench/results/stability.md.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILTIN_MODEL, createEmbedder, type Embedder } from '../src/core/embed';
import { LatentIndex } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { project } from '../src/core/project';
import { neighbourPreservation, preservationReference } from '../src/core/project/quality';
import { seededRandom } from '../src/core/project/random';
import { exactNeighboursOf, normalizeRows } from '../src/core/project/knn';
import type { MapSymbol } from '../src/core/types';
import { corpusFolder } from './corpus';

const SEED = 42;
/** Noise (standard deviation per dimension, relative to a unit vector's 1/√dims) of the two stand-in "other models". */
const MODEL_NOISE = [0.5, 1.0];

interface Row {
  size: string;
  scenario: string;
  unchanged: number;
  symbols: number;
  meanMove: number;
  p95Move: number;
  refined: number;
  fresh: number;
  regionsKept: string;
  note?: string;
}

function log(message: string): void {
  process.stderr.write(`[stability] ${message}\n`);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The map's width: the larger side of its bounding box. */
function widthOf(xy: ArrayLike<number>, n: number): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]!);
    maxX = Math.max(maxX, xy[2 * i]!);
    minY = Math.min(minY, xy[2 * i + 1]!);
    maxY = Math.max(maxY, xy[2 * i + 1]!);
  }
  return Math.max(maxX - minX, maxY - minY);
}

/** Moves of the points present in both (by index pairs), as shares of `width`. */
function moves(before: ArrayLike<number>, after: ArrayLike<number>, pairs: readonly [number, number][], width: number): { mean: number; p95: number } {
  const d = pairs.map(([i, j]) => Math.hypot(after[2 * j]! - before[2 * i]!, after[2 * j + 1]! - before[2 * i + 1]!) / width);
  return { mean: d.reduce((a, b) => a + b, 0) / Math.max(1, d.length), p95: percentile(d, 0.95) };
}

function xyOf(symbols: readonly MapSymbol[]): Float32Array {
  const xy = new Float32Array(symbols.length * 2);
  symbols.forEach((s, i) => {
    xy[2 * i] = s.x;
    xy[2 * i + 1] = s.y;
  });
  return xy;
}

/** The built-in model's vectors of the index's symbols (the ones its map was made from). */
function vectorsOf(index: LatentIndex, embedder: Embedder): Promise<Float32Array> {
  return embedder.embed(index.symbols.map((s) => s.text));
}

/** Top-level regions of `after` that kept the id and name of a region of `before`, of those of `before`. */
function regionsKept(before: LatentIndex['clusters'], after: LatentIndex['clusters']): string {
  const kept = after.filter((c) => before.some((b) => b.id === c.id && b.label === c.label)).length;
  return `${kept}/${before.length}`;
}

/** Edits `share` of the files (seeded): up to two functions renamed (new symbols, the old ones gone), and a new function at the end. */
function changeFiles(root: string, symbols: readonly MapSymbol[], share: number, seed: number): number {
  const byFile = new Map<string, MapSymbol[]>();
  for (const s of symbols) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const files = [...byFile.keys()].sort();
  const random = seededRandom(seed);
  const chosen = files.filter(() => random() < share);
  for (const file of chosen) {
    const full = path.join(root, file);
    const lines = readFileSync(full, 'utf8').split('\n');
    const own = byFile.get(file)!;
    const edited = own.filter((s) => s.kind === 'function' || s.kind === 'method').slice(0, 2);
    for (const s of edited) {
      const line = lines[s.line - 1];
      if (line !== undefined) lines[s.line - 1] = line.replace(s.name, `${s.name}Checked`);
    }
    const words = own[0]!.name.replace(/[^A-Za-z0-9]/g, '') || 'value';
    lines.push('', `/** Returns the ${words} settings as a plain copy. */`, `function ${words}SettingsCopy${Math.floor(random() * 1000)}(options) { return Object.assign({}, options); }`, '');
    writeFileSync(full, lines.join('\n'));
  }
  return chosen.length;
}

async function runSize(size: string, rows: Row[], embedder: Embedder): Promise<void> {
  // A size names a bench corpus; a path, any folder (e.g. this repository's src/).
  const corpus = path.isAbsolute(size) ? size : corpusFolder(size);
  const work = mkdtempSync(path.join(os.tmpdir(), `lm-stability-${path.basename(size)}-`));
  // Every map is of the same folder path (a snapshot is per folder): `root`
  // is reset from `pristine` (timestamps kept, so unchanged files stay valid
  // in the snapshot) and the cache from `baseCache` before each change.
  const root = path.join(work, 'root');
  const pristine = path.join(work, 'pristine');
  const baseCache = path.join(work, 'base-cache');
  const cacheDir = path.join(work, 'cache');
  cpSync(corpus, pristine, { recursive: true });
  cpSync(pristine, root, { recursive: true, preserveTimestamps: true });
  log(`${size}: fresh map of ${corpus}`);
  const first = await LatentIndex.build({ root, cacheDir: baseCache, allowRemote: false });
  const before = first.mapSymbols();
  const beforeXy = xyOf(before);
  const width = widthOf(beforeXy, before.length);
  const beforeClusters = first.clusters;
  const oldText = new Map(first.symbols.map((s) => [s.id, s.text]));
  const dims = first.dimensions;
  const firstVectors = await vectorsOf(first, embedder);
  await first.dispose();
  log(`${size}: ${before.length} symbols, width ${width.toFixed(3)}`);

  const scenarios: { name: string; change: (root: string) => string }[] = [
    {
      name: '(a) one file added',
      change: (root) => {
        writeFileSync(path.join(root, 'addedForStability.js'), '/** Formats a duration in milliseconds as minutes and seconds. */\nexport function formatDurationText(ms) {\n  return `${Math.floor(ms / 60000)}:${Math.floor(ms / 1000) % 60}`;\n}\n');
        return '1 file';
      },
    },
    { name: '(b) 10 % of files changed', change: (root) => `${changeFiles(root, before, 0.1, 1)} files` },
    { name: '(c) 30 % of files changed', change: (root) => `${changeFiles(root, before, 0.3, 2)} files` },
  ];
  for (const scenario of scenarios) {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
    cpSync(pristine, root, { recursive: true, preserveTimestamps: true });
    cpSync(baseCache, cacheDir, { recursive: true });
    const note = scenario.change(root);
    const started = performance.now();
    const index = await LatentIndex.build({ root, cacheDir, allowRemote: false });
    const ms = performance.now() - started;
    const after = index.mapSymbols();
    const afterXy = xyOf(after);
    const old = new Map(before.map((s, i) => [s.id, i]));
    const pairs: [number, number][] = [];
    index.symbols.forEach((s, j) => {
      const i = old.get(s.id);
      if (i !== undefined && oldText.get(s.id) === s.text) pairs.push([i, j]);
    });
    const move = moves(beforeXy, afterXy, pairs, width);
    const vectors = await vectorsOf(index, embedder);
    const n = after.length;
    const reference = preservationReference(vectors, n, dims);
    const fresh = await project(vectors, n, dims, { seed: SEED });
    rows.push({
      size,
      scenario: scenario.name,
      unchanged: pairs.length,
      symbols: n,
      meanMove: move.mean,
      p95Move: move.p95,
      refined: neighbourPreservation(reference, afterXy),
      fresh: neighbourPreservation(reference, fresh),
      regionsKept: regionsKept(beforeClusters, index.clusters),
      note: `${note}; ${index.stats.layout} in ${(ms / 1000).toFixed(1)} s`,
    });
    log(`${size}: ${scenario.name}: mean ${(move.mean * 100).toFixed(2)} %, p95 ${(move.p95 * 100).toFixed(2)} %, 10-NN ${rows[rows.length - 1]!.refined.toFixed(3)} vs fresh ${rows[rows.length - 1]!.fresh.toFixed(3)}`);
    await index.dispose();
  }

  // (d) Another model: the same symbols, vectors with noise.
  const n = before.length;
  const known = new Uint8Array(n).fill(1);
  const firstNeighbours = exactNeighboursOf(normalizeRows(firstVectors, n, dims), n, dims, 10, sampleOf(n));
  for (const noise of MODEL_NOISE) {
    const random = seededRandom(99);
    const other = new Float32Array(firstVectors.length);
    const sigma = noise / Math.sqrt(dims);
    for (let s = 0; s < other.length; s++) other[s] = firstVectors[s]! + sigma * gaussian(random);
    const unit = normalizeRows(other, n, dims);
    const overlap = neighbourOverlap(firstNeighbours, exactNeighboursOf(unit, n, dims, 10, sampleOf(n)));
    const started = performance.now();
    const refined = await project(unit, n, dims, { seed: SEED, prior: { xy: beforeXy, known } });
    const ms = performance.now() - started;
    const fresh = await project(unit, n, dims, { seed: SEED });
    const reference = preservationReference(unit, n, dims);
    const pairs = Array.from({ length: n }, (_, i): [number, number] => [i, i]);
    const move = moves(beforeXy, refined, pairs, width);
    rows.push({
      size,
      scenario: `(d) model change, noise ${noise}`,
      unchanged: n,
      symbols: n,
      meanMove: move.mean,
      p95Move: move.p95,
      refined: neighbourPreservation(reference, refined),
      fresh: neighbourPreservation(reference, fresh),
      regionsKept: '—',
      note: `10-NN overlap with the built-in model ${overlap.toFixed(2)}; refined in ${(ms / 1000).toFixed(1)} s`,
    });
    log(`${size}: model change (noise ${noise}): mean ${(move.mean * 100).toFixed(2)} %, 10-NN ${rows[rows.length - 1]!.refined.toFixed(3)} vs fresh ${rows[rows.length - 1]!.fresh.toFixed(3)}`);
  }
  rmSync(work, { recursive: true, force: true });
}

function sampleOf(n: number): number[] {
  const step = Math.max(1, Math.floor(n / 1000));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

function neighbourOverlap(a: Int32Array, b: Int32Array): number {
  const k = 10;
  let shared = 0;
  for (let q = 0; q < a.length / k; q++) {
    const set = new Set(a.subarray(q * k, q * k + k));
    for (let s = 0; s < k; s++) if (set.has(b[q * k + s]!)) shared++;
  }
  return shared / a.length;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

function report(rows: readonly Row[]): string {
  const lines = [
    '| size | scenario | unchanged / symbols | mean move | p95 move | 10-NN refined | 10-NN fresh | top regions kept | note |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.scenario} | ${r.unchanged} / ${r.symbols} | ${pct(r.meanMove)} | ${pct(r.p95Move)} | ${r.refined.toFixed(3)} | ${r.fresh.toFixed(3)} | ${r.regionsKept} | ${r.note ?? ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--sizes');
  const sizes = (i >= 0 ? process.argv[i + 1]! : '1k,5k').split(',');
  const rows: Row[] = [];
  const embedder = await createEmbedder({ model: BUILTIN_MODEL, allowRemote: false });
  try {
    for (const size of sizes) await runSize(size.trim(), rows, embedder);
  } finally {
    await embedder.dispose();
  }
  const table = report(rows);
  process.stdout.write(table);
  const out = path.join(packageRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'stability.md'), `# Map stability\n\n${new Date().toISOString()} · built-in model\n\n${table}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
