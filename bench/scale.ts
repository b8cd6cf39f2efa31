// `npm run bench -- --scale 1m` (or 100k, 300k, any count): the team store at
// scale, read the way the extension reads it. Makes N synthetic symbols by
// recombining the names and comments of real code (this repository's src/,
// transformers.js's sources and umap-js, as the extractor reads them), embeds
// them with the built-in model, and writes them as a team store in the
// store's own format (symbols with positions and regions, the IVF-PQ and id
// indexes `layout` builds, regions, files, meta) under .cache/bench, once: a
// later run with the same N reuses it. Then a fresh process (scale-open.ts)
// opens it with StoreSearch, as an editor would, and asks neighbours of terms
// and similar of symbols through the store's vector index at several tunings;
// its answers are checked against exact search over every vector. Reported:
// open time, latency p50/p95, recall@10 and that process's peak memory, on
// stdout and in bench/results/scale-<N>.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { createEmbedder } from '../src/core/embed';
import { LatentIndex } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { seededRandom } from '../src/core/project/random';
import { connectStore } from '../src/core/store/connect';
import { ANN_SEARCH, annIndexConfig, ANN_MIN_ROWS } from '../src/core/store/search';
import { filesSchema, metaSchema, regionsSchema, STORE_FORMAT, symbolsSchema, tableOf, TABLES } from '../src/core/store/schema';
import { arrowModule, indexSymbolsTable } from '../src/core/store/write';
import { splitIdentifier } from '../src/core/text';
import { VectorStore } from '../src/core/vectors';
import type { OpenJob, OpenResult } from './scale-open';

const ROOT = packageRoot();
/** Real code whose names and comments are recombined. */
const SOURCES = [path.join(ROOT, 'src'), path.join(ROOT, 'node_modules/@xenova/transformers/src'), path.join(ROOT, 'node_modules/umap-js/dist')];
const QUERIES = 200;
/** Tunings tried (nprobes, refineFactor); the shipped one (ANN_SEARCH) among them. */
const TUNINGS = [
  { nprobes: 20, refineFactor: 10 },
  { nprobes: 40, refineFactor: 10 },
  { nprobes: 40, refineFactor: 20 },
  { nprobes: 80, refineFactor: 20 },
  { nprobes: 80, refineFactor: 40 },
  { nprobes: 160, refineFactor: 40 },
];
/** Symbols per synthetic file. */
const PER_FILE = 20;
/** Rows written at a time. */
const CHUNK = 100_000;
const K = 10;

function log(message: string): void {
  process.stderr.write(`[scale] ${message}\n`);
}

export function parseScale(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scale takes a count such as 1m, 300k or 50000, not "${text}"`);
  const unit = match[2]!.toLowerCase() === 'm' ? 1e6 : match[2]!.toLowerCase() === 'k' ? 1e3 : 1;
  return Math.round(Number(match[1]) * unit);
}

interface Sample {
  readonly names: string[][];
  readonly comments: string[];
}

async function realSymbols(): Promise<Sample> {
  const names: string[][] = [];
  const comments: string[] = [];
  for (const root of SOURCES) {
    const index = await LatentIndex.build({ root, cacheDir: path.join(ROOT, '.cache', 'bench', 'scale-cache'), model: 'builtin', layout: false });
    for (const s of index.symbols) {
      const words = splitIdentifier(s.name).map((w) => w.toLowerCase()).filter(Boolean);
      if (words.length) names.push(words);
      for (const sentence of s.comment.split(/(?<=[.!?])\s+/)) if (sentence.length > 12 && sentence.length < 200) comments.push(sentence);
    }
    await index.dispose();
    log(`${root}: ${index.symbols.length} symbols`);
  }
  return { names, comments };
}

interface Synthetic {
  /** Name words. */
  readonly names: string[];
  /** A comment sentence or ''. */
  readonly comments: string[];
}

/** A recombined symbol: the words of two real names, and in 60 % of them a real comment sentence. */
function synthesise(sample: Sample, random: () => number, n: number): Synthetic {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const names: string[] = new Array(n);
  const comments: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = pick(sample.names);
    const b = pick(sample.names);
    names[i] = [...a.slice(0, Math.max(1, Math.ceil(a.length / 2))), ...b.slice(Math.floor(b.length / 2))].join(' ');
    comments[i] = random() < 0.6 ? pick(sample.comments) : '';
  }
  return { names, comments };
}

const textOf = (s: Synthetic, i: number): string => (s.comments[i] ? `${s.names[i]} ${s.comments[i]}` : s.names[i]!);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** `parse http response` → `parseHttpResponse`. */
function camel(words: string): string {
  return words.split(' ').map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** What a store written by an earlier run holds, to reuse it. */
interface StoreInfo {
  readonly n: number;
  readonly dims: number;
  readonly fingerprint: string;
  readonly partitions: number;
  readonly subVectors: number;
  readonly writeMs: number;
  readonly indexMs: number;
  readonly embedMs: number;
}

/**
 * Writes the synthetic symbols as a team store in its own format: files of
 * PER_FILE symbols, positions from two fixed random directions (the layout
 * itself is not what is measured here), an 8 × 8 grid of regions, and the
 * indexes `layout` builds.
 */
async function writeStore(folder: string, synthetic: Synthetic, vectors: Float32Array, dims: number, fingerprint: string): Promise<{ writeMs: number; indexMs: number }> {
  const n = synthetic.names.length;
  const arrow = await arrowModule();
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const db = await connectStore(folder);
  const random = seededRandom(3);
  const axes = [0, 1].map(() => {
    const a = Float32Array.from({ length: dims }, () => random() - 0.5);
    const norm = Math.hypot(...a);
    return a.map((v) => v / norm);
  });
  const xy = new Float32Array(n * 2);
  let lo = [Infinity, Infinity];
  let hi = [-Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 2; a++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += vectors[i * dims + d]! * axes[a]![d]!;
      xy[2 * i + a] = s;
      lo[a] = Math.min(lo[a]!, s);
      hi[a] = Math.max(hi[a]!, s);
    }
  }
  const cell = (i: number, a: number) => Math.min(7, Math.floor(((xy[2 * i + a]! - lo[a]!) / (hi[a]! - lo[a]! || 1)) * 8));
  const fileOf = (i: number) => `src/part${Math.floor(i / 10_000)}/file${Math.floor(i / PER_FILE)}.ts`;
  const started = performance.now();
  const schema = symbolsSchema(arrow, dims);
  let table: import('@lancedb/lancedb').Table | undefined;
  for (let at = 0; at < n; at += CHUNK) {
    const m = Math.min(CHUNK, n - at);
    const rows = Array.from({ length: m }, (_, j) => at + j);
    const names = rows.map((i) => camel(synthetic.names[i]!));
    const seen = new Map<string, number>();
    const ids = rows.map((i, j) => {
      const base = `${fileOf(i)}#${names[j]}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      return count === 1 ? base : `${base}@${count}`;
    });
    const data = tableOf(arrow, schema, m, {
      id: ids,
      file: rows.map(fileOf),
      ord: Int32Array.from(rows, (i) => i % PER_FILE),
      name: names,
      kind: new Array<string>(m).fill('function'),
      container: new Array<string>(m).fill(''),
      params: new Array<string>(m).fill('[]'),
      line: Int32Array.from(rows, (i) => (i % PER_FILE) * 10 + 1),
      endLine: Int32Array.from(rows, (i) => (i % PER_FILE) * 10 + 9),
      comment: rows.map((i) => synthetic.comments[i]!),
      internal: new Array<boolean>(m).fill(false),
      returnsBoolean: new Array<boolean>(m).fill(false),
      vector: vectors.subarray(at * dims, (at + m) * dims),
      x: Float32Array.from(rows, (i) => xy[2 * i]!),
      y: Float32Array.from(rows, (i) => xy[2 * i + 1]!),
      cluster: Int32Array.from(rows, (i) => cell(i, 0) * 8 + cell(i, 1)),
      region: Int32Array.from(rows, (i) => cell(i, 0) * 8 + cell(i, 1)),
    });
    if (!table) table = await db.createTable(TABLES.symbols, data, { mode: 'overwrite' });
    else await table.add(data);
    if ((at / CHUNK) % 5 === 4) log(`wrote ${at + m} / ${n} rows`);
  }
  const writeMs = performance.now() - started;
  const indexStarted = performance.now();
  await indexSymbolsTable(table!, n, dims);
  const indexMs = performance.now() - indexStarted;
  const regions = await db.createTable(
    TABLES.regions,
    tableOf(arrow, regionsSchema(arrow), 64, {
      id: Int32Array.from({ length: 64 }, (_, i) => i),
      label: Array.from({ length: 64 }, (_, i) => `region ${i}`),
      size: new Int32Array(64),
      x: Float32Array.from({ length: 64 }, (_, i) => lo[0]! + ((Math.floor(i / 8) + 0.5) / 8) * (hi[0]! - lo[0]!)),
      y: Float32Array.from({ length: 64 }, (_, i) => lo[1]! + (((i % 8) + 0.5) / 8) * (hi[1]! - lo[1]!)),
      level: new Int32Array(64),
      parent: new Int32Array(64).fill(-1),
    }),
    { mode: 'overwrite' },
  );
  const fileCount = Math.ceil(n / PER_FILE);
  const paths = Array.from({ length: fileCount }, (_, f) => fileOf(f * PER_FILE));
  const files = await db.createTable(TABLES.files, tableOf(arrow, filesSchema(arrow), fileCount, { path: paths, hash: paths.map(() => 'synthetic') }), { mode: 'overwrite' });
  await db.createTable(
    TABLES.meta,
    tableOf(arrow, metaSchema(arrow), 1, {
      format: [STORE_FORMAT],
      model: [fingerprint],
      modelId: ['builtin'],
      dimensions: [dims],
      symbols: [n],
      files: [fileCount],
      shards: [1],
      symbolsVersion: [await table!.version()],
      regionsVersion: [await regions.version()],
      filesVersion: [await files.version()],
      writtenAt: [new Date().toISOString()],
    }),
    { mode: 'overwrite' },
  );
  return { writeMs, indexMs };
}

export async function runScale(scaleText: string): Promise<void> {
  const n = parseScale(scaleText);
  const sample = await realSymbols();
  log(`${sample.names.length} real names, ${sample.comments.length} comment sentences`);
  const synthetic = synthesise(sample, seededRandom(7), n);
  const embedder = await createEmbedder({ model: 'builtin' });
  const dims = embedder.dimensions;
  const base = path.join(ROOT, '.cache', 'bench', `scale-store-${n}`);
  const folder = path.join(base, 'store');
  const vectorFile = path.join(base, 'vectors.f32');
  const infoFile = path.join(base, 'info.json');
  let info = existsSync(infoFile) ? (JSON.parse(readFileSync(infoFile, 'utf8')) as StoreInfo) : undefined;
  let vectors: Float32Array;
  if (info && info.n === n && info.fingerprint === embedder.fingerprint && existsSync(vectorFile)) {
    log(`reusing the store written earlier at ${folder}`);
    const bytes = readFileSync(vectorFile);
    vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  } else {
    const started = performance.now();
    vectors = new Float32Array(n * dims);
    const BATCH = 20_000;
    for (let at = 0; at < n; at += BATCH) {
      const texts = Array.from({ length: Math.min(BATCH, n - at) }, (_, j) => textOf(synthetic, at + j));
      vectors.set(await embedder.embed(texts), at * dims);
      if ((at / BATCH) % 10 === 0) log(`embedded ${Math.min(n, at + BATCH)} / ${n}`);
    }
    const embedMs = performance.now() - started;
    const { writeMs, indexMs } = await writeStore(folder, synthetic, vectors, dims, embedder.fingerprint);
    const config = annIndexConfig(n, dims);
    info = { n, dims, fingerprint: embedder.fingerprint, partitions: n >= ANN_MIN_ROWS ? config.numPartitions : 0, subVectors: config.numSubVectors, writeMs, indexMs, embedMs };
    writeFileSync(vectorFile, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    writeFileSync(infoFile, JSON.stringify(info));
    log(`wrote ${n} rows in ${(writeMs / 1000).toFixed(1)} s, indexes in ${(indexMs / 1000).toFixed(1)} s`);
  }

  // The questions: terms recombined like the symbols, and symbols at random.
  const queries = synthesise(sample, seededRandom(11), QUERIES);
  const terms = Array.from({ length: QUERIES }, (_, i) => textOf(queries, i));
  const pickRow = seededRandom(13);
  const rows = Array.from({ length: QUERIES }, () => Math.floor(pickRow() * n));
  const termVectors = await embedder.embed(terms);
  await embedder.dispose();

  // Exact answers, through the project's own vector store (a dot product over every row), kept beside the store for the next run.
  // Keyed by the questions: they are drawn from this repository's src/, which changes.
  const exactFile = path.join(base, `exact-${createHash('sha256').update(JSON.stringify([terms, rows])).digest('hex').slice(0, 12)}.json`);
  let exact = existsSync(exactFile) ? (JSON.parse(readFileSync(exactFile, 'utf8')) as { neighbours: number[][]; similar: number[][]; ms: number[] }) : undefined;
  if (!exact) {
    const exactStore = VectorStore.fromPacked(vectors, dims);
    exact = { neighbours: [], similar: [], ms: [] };
    for (let q = 0; q < QUERIES; q++) {
      const t = performance.now();
      exact.neighbours.push(exactStore.nearest(termVectors.subarray(q * dims, (q + 1) * dims), K).map((h) => h.index));
      exact.ms.push(performance.now() - t);
      exact.similar.push(exactStore.nearest(exactStore.row(rows[q]!), K, rows[q]!).map((h) => h.index));
    }
    writeFileSync(exactFile, JSON.stringify(exact));
  }
  const { neighbours: exactNeighbours, similar: exactSimilar, ms: exactMs } = exact;

  const job: OpenJob = { terms, rows, k: K, tunings: TUNINGS };
  const jobFile = path.join(base, 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  log('opening the store in a fresh process');
  const loadBefore = loadavg()[0]!;
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'scale-open.ts'), folder, jobFile], {
    cwd: ROOT,
    maxBuffer: 256 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = JSON.parse(out.toString()) as OpenResult;
  const loadAfter = loadavg()[0]!;

  // Recall@10 as usual, except that a row found whose similarity ties the
  // 10th exact answer's counts as found: recombined names repeat, so many
  // symbols share a vector, and which of equals exact search lists is chance.
  const dot = (a: Float32Array, row: number) => {
    let s = 0;
    for (let d = 0; d < dims; d++) s += a[d]! * vectors[row * dims + d]!;
    return s;
  };
  const recall = (found: readonly { rows: readonly number[] }[], exact: readonly number[][], query: (q: number) => Float32Array) => {
    let hits = 0;
    let strict = 0;
    found.forEach((f, q) => {
      const want = new Set(exact[q]);
      const v = query(q);
      const kth = dot(v, exact[q]![K - 1]!);
      for (const row of f.rows) {
        if (want.has(row)) strict++;
        if (want.has(row) || (row >= 0 && dot(v, row) >= kth - 1e-6)) hits++;
      }
    });
    return `${(hits / (found.length * K)).toFixed(3)} (${(strict / (found.length * K)).toFixed(3)})`;
  };
  const termQuery = (q: number) => termVectors.subarray(q * dims, (q + 1) * dims);
  const rowQuery = (q: number) => vectors.subarray(rows[q]! * dims, (rows[q]! + 1) * dims);
  const lines: string[] = [];
  for (const run of result.runs) {
    const shipped = run.tuning.nprobes === ANN_SEARCH.nprobes && run.tuning.refineFactor === ANN_SEARCH.refineFactor;
    const n1 = run.neighbours.map((r) => r.ms);
    const s1 = run.similar.map((r) => r.ms);
    const line =
      `| nprobes ${run.tuning.nprobes}, refine ${run.tuning.refineFactor}${shipped ? ' (shipped)' : ''} ` +
      `| ${percentile(n1, 0.5).toFixed(1)} | ${percentile(n1, 0.95).toFixed(1)} | ${recall(run.neighbours, exactNeighbours, termQuery)} ` +
      `| ${percentile(s1, 0.5).toFixed(1)} | ${percentile(s1, 0.95).toFixed(1)} | ${recall(run.similar, exactSimilar, rowQuery)} |`;
    lines.push(line);
    log(line);
  }
  const steps = result.timings.map(([step, ms]) => `${step} ${ms} ms`).join(', ');
  const report = [
    `# Team store at ${n.toLocaleString('en')} symbols`,
    '',
    `${n.toLocaleString('en')} synthetic symbols (names and comment sentences of ${sample.names.length} real symbols recombined), built-in model (${dims} dimensions), ${QUERIES} terms (neighbours: the term embedded, then the search) and ${QUERIES} symbols (similar: the symbol's vector fetched by id, then the search), k = ${K}, LanceDB 0.31.0, on this machine (2 cores, shared with other work: load average ${loadBefore.toFixed(1)} when the reading process started, ${loadAfter.toFixed(1)} when it ended; latencies are noisy).`,
    '',
    `Opening, in a fresh process as the extension does (StoreSearch.open, the built-in model loading beside it): map ready in ${(result.openMs / 1000).toFixed(2)} s (${steps}); model ${(result.modelMs / 1000).toFixed(2)} s; both ${(result.readyMs / 1000).toFixed(2)} s. Memory of that process: ${result.rssAfterOpenMb.toFixed(0)} MB RSS once open, peak ${result.peakRssMb.toFixed(0)} MB over all the queries below.`,
    '',
    'Recall@10 counts a row that ties the 10th exact answer as found (recombined names repeat, so many symbols share a vector); in brackets without that.',
    '',
    '| IVF-PQ search | neighbours p50 ms | p95 ms | recall@10 | similar p50 ms | p95 ms | recall@10 |',
    '|---|---|---|---|---|---|---|',
    ...lines,
    `| exact (VectorStore over every vector, in memory) | ${percentile(exactMs, 0.5).toFixed(1)} (search alone) | ${percentile(exactMs, 0.95).toFixed(1)} | 1.000 | | | |`,
    '',
    `Writing the store: embedding ${((info.embedMs ?? 0) / 1000).toFixed(1)} s, rows ${(info.writeMs / 1000).toFixed(1)} s, IVF-PQ index (${info.partitions} partitions × ${info.subVectors} sub-vectors) ${(info.indexMs / 1000).toFixed(1)} s.`,
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', `scale-${n}.md`), report);
  process.stdout.write(report);
}
