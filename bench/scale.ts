// `npm run bench -- --scale 1m` (or 100k, 300k, any count): the team store's
// search at scale. Makes N synthetic symbols by recombining the names and
// comments of real code (this repository's src/, transformers.js's sources
// and umap-js, as the extractor reads them), embeds them with the built-in
// model, writes them to a LanceDB table with an IVF-PQ index, and measures
// nearest-neighbour queries through the index (with refine) against exact
// search over the same vectors: latency p50/p95 and recall@10, plus the time
// to open the table and the process's peak memory. Results go to stdout and
// bench/results/scale-<N>.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEmbedder } from '../src/core/embed';
import { LatentIndex } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { seededRandom } from '../src/core/project/random';
import { connectStore, lancedb } from '../src/core/store/connect';
import { tableOf } from '../src/core/store/schema';
import { arrowModule } from '../src/core/store/write';
import { splitIdentifier } from '../src/core/text';
import { VectorStore } from '../src/core/vectors';

const ROOT = packageRoot();
/** Real code whose names and comments are recombined. */
const SOURCES = [path.join(ROOT, 'src'), path.join(ROOT, 'node_modules/@xenova/transformers/src'), path.join(ROOT, 'node_modules/umap-js/dist')];
const QUERIES = 200;
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

/** A recombined symbol's embedding text: the words of two real names, and one or two real comment sentences. */
function synthesise(sample: Sample, random: () => number, n: number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const texts: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = pick(sample.names);
    const b = pick(sample.names);
    const name = [...a.slice(0, Math.max(1, Math.ceil(a.length / 2))), ...b.slice(Math.floor(b.length / 2))].join(' ');
    texts[i] = random() < 0.6 ? `${name} ${pick(sample.comments)}` : name;
  }
  return texts;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function runScale(scaleText: string): Promise<void> {
  const n = parseScale(scaleText);
  let peak = 0;
  const sampleMemory = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sampleMemory, 200);
  const sample = await realSymbols();
  log(`${sample.names.length} real names, ${sample.comments.length} comment sentences`);
  const random = seededRandom(7);
  const texts = synthesise(sample, random, n);
  const embedder = await createEmbedder({ model: 'builtin' });
  const dims = embedder.dimensions;
  let started = performance.now();
  const vectors = new Float32Array(n * dims);
  const BATCH = 20_000;
  for (let at = 0; at < n; at += BATCH) {
    vectors.set(await embedder.embed(texts.slice(at, at + BATCH)), at * dims);
    if ((at / BATCH) % 10 === 0) log(`embedded ${Math.min(n, at + BATCH)} / ${n}`);
  }
  const embedMs = performance.now() - started;
  const queryTexts = synthesise(sample, seededRandom(11), QUERIES);
  const queries = await embedder.embed(queryTexts);
  await embedder.dispose();

  const folder = path.join(ROOT, '.cache', 'bench', `scale-${n}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const arrow = await arrowModule();
  const { Index } = await lancedb();
  const db = await connectStore(folder);
  const schema = new arrow.Schema([
    new arrow.Field('id', new arrow.Int32(), false),
    new arrow.Field('vector', new arrow.FixedSizeList(dims, new arrow.Field('item', new arrow.Float32(), true)), false),
  ]);
  started = performance.now();
  const CHUNK = 100_000;
  let table = await db.createTable('symbols', tableOf(arrow, schema, Math.min(n, CHUNK), { id: Int32Array.from({ length: Math.min(n, CHUNK) }, (_, i) => i), vector: vectors.subarray(0, Math.min(n, CHUNK) * dims) }), { mode: 'overwrite' });
  for (let at = CHUNK; at < n; at += CHUNK) {
    const m = Math.min(CHUNK, n - at);
    await table.add(tableOf(arrow, schema, m, { id: Int32Array.from({ length: m }, (_, i) => at + i), vector: vectors.subarray(at * dims, (at + m) * dims) }));
  }
  const writeMs = performance.now() - started;
  started = performance.now();
  // √N partitions (LanceDB's guidance), and sub-vectors of 4 dimensions.
  const partitions = Math.max(1, Math.round(Math.sqrt(n)));
  await table.createIndex('vector', { config: Index.ivfPq({ numPartitions: partitions, numSubVectors: Math.max(1, Math.floor(dims / 4)), distanceType: 'cosine' }) });
  const indexMs = performance.now() - started;
  log(`wrote ${n} rows in ${(writeMs / 1000).toFixed(1)} s, IVF-PQ (${partitions} partitions) in ${(indexMs / 1000).toFixed(1)} s`);

  started = performance.now();
  const reopened = await (await connectStore(folder)).openTable('symbols');
  await reopened.countRows();
  const openMs = performance.now() - started;
  table = reopened;

  // Exact answers, through the project's own vector store (a dot product over every row).
  const store = VectorStore.fromPacked(vectors, dims);
  const exact: Set<number>[] = [];
  const exactMs: number[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const t = performance.now();
    exact.push(new Set(store.nearest(queries.subarray(q * dims, (q + 1) * dims), K).map((h) => h.index)));
    exactMs.push(performance.now() - t);
  }
  const rows: string[] = [];
  for (const [nprobes, refine] of [[20, 5], [40, 10], [80, 10]] as const) {
    const latencies: number[] = [];
    let hits = 0;
    for (let q = 0; q < QUERIES; q++) {
      const vector = queries.subarray(q * dims, (q + 1) * dims);
      const t = performance.now();
      const found = await table.vectorSearch(vector).distanceType('cosine').nprobes(nprobes).refineFactor(refine).select(['id']).limit(K).toArray();
      latencies.push(performance.now() - t);
      for (const row of found) if (exact[q]!.has(Number(row.id))) hits++;
    }
    const recall = hits / (QUERIES * K);
    rows.push(`| IVF-PQ nprobes ${nprobes}, refine ${refine} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.95).toFixed(1)} | ${recall.toFixed(3)} |`);
    log(rows[rows.length - 1]!);
  }
  rows.push(`| exact (VectorStore, in memory) | ${percentile(exactMs, 0.5).toFixed(1)} | ${percentile(exactMs, 0.95).toFixed(1)} | 1.000 |`);
  clearInterval(timer);
  sampleMemory();
  const report = [
    `# Team store at ${n.toLocaleString('en')} symbols`,
    '',
    `${n.toLocaleString('en')} synthetic symbols (names and comment sentences of ${sample.names.length} real symbols recombined), built-in model (${dims} dimensions), ${QUERIES} queries, k = ${K}, LanceDB 0.31.0 on this machine (2 cores, shared).`,
    '',
    '| search | p50 ms | p95 ms | recall@10 |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Embedding ${(embedMs / 1000).toFixed(1)} s; writing the table ${(writeMs / 1000).toFixed(1)} s; IVF-PQ index (${partitions} partitions, ${Math.floor(dims / 4)} sub-vectors) ${(indexMs / 1000).toFixed(1)} s; opening the table ${openMs.toFixed(0)} ms; peak RSS of this process ${(peak / 1024 / 1024).toFixed(0)} MB (it also holds every vector and the exact store).`,
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', `scale-${n}.md`), report);
  process.stdout.write(report);
}
