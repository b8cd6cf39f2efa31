// `npm run bench`: the whole pipeline on real code at about 1k, 5k, 20k and
// 100k symbols, and stock umap-js against our projection on the same vectors.
//
//   npm run bench -- --sizes 1k,20k     only some sizes
//   npm run bench -- --no-stock         skip the stock umap-js comparison
//   npm run bench -- --scale 1m         the team store's search at 1M synthetic symbols (bench/scale.ts)
//   npm run bench -- --model twin       the built-in model and, beside it in
//                                       the same run, the default model's twin
//                                       (scripts/twin-model.mjs: all-MiniLM-L6-v2's
//                                       shapes, int8, random weights; its speed,
//                                       not its meaning)
//
// The code is the source of published npm packages, fetched once with
// `npm pack` (pinned versions) into .cache/bench/ and copied into one folder
// per size. Each size runs in its own child process, so a cold run is cold
// (grammars and model loaded anew) and peak RSS belongs to that size alone.
// The table goes to stdout and bench/results/latest.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { UMAP } from 'umap-js';
import { CACHE, CORPORA, corpusFolder } from './corpus';
import { textKey, VectorCache } from '../src/core/cache';
import { regionWords } from '../src/core/cluster/words';
import { LatentIndex } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { clusterOffThread, project } from '../src/core/project';
import { neighbourPreservation, preservationReference } from '../src/core/project/quality';
import { seededRandom } from '../src/core/project/random';
import type { Progress } from '../src/core/types';

const ROOT = packageRoot();
const RESULTS = path.join(ROOT, 'bench', 'results');

/** Stock umap-js at 100k points would run for the better part of an hour here (it is ~O(n) per epoch but its set-up builds string-keyed maps of every edge). */
const STOCK_LIMIT = 50_000;

const QUERIES = [
  'parse a date from a string',
  'deep clone an object',
  'debounce a function call',
  'render the scene to the screen',
  'compute the bounding box of a mesh',
  'tokenize source text',
  'format a number as text',
  'merge two arrays without duplicates',
  'convert a colour to hex',
  'read a file from disk',
  'dispose of gpu resources',
  'register a keyboard shortcut',
  'find the position of the cursor',
  'interpolate between two values',
  'validate user input',
  'load a texture image',
  'sort items by key',
  'escape html characters',
  'measure the width of text',
  'listen for mouse events',
];
const TERMS = ['color', 'matrix', 'parse', 'event', 'async', 'string', 'array', 'file', 'error', 'cache', 'shader', 'cursor', 'animation', 'token', 'date', 'light', 'keyboard', 'vector', 'theme', 'buffer'];

interface StageRow {
  ms: number;
  perSecond?: number;
  peakRssMb: number;
}

interface SizeResult {
  size: string;
  /** `builtin` or `twin`. */
  model: string;
  /** From the start of the cold build until the first map was there: the built-in model's first map for another model, else the finished map. */
  firstMapMs: number;
  files: number;
  symbols: number;
  cold: { totalMs: number; embedded: number; peakRssMb: number; loopDelayP99Ms: number; loopDelayMaxMs: number; stages: Record<string, StageRow> };
  warm: { totalMs: number; firstSearchMs: number; embedded: number; projected: boolean };
  search: { medianMs: number; p95Ms: number };
  neighbours: { medianMs: number; p95Ms: number };
  similar: { medianMs: number; p95Ms: number };
  /**
   * 10-NN preservation of the cold build's own map (for another model: the
   * refined first map), next to `projection.oursPreservation`, a fresh layout
   * of the same vectors.
   */
  coldMapPreservation: number;
  projection: {
    oursMs: number;
    /** CPU time of the whole process while it ran (the worker's, as the main thread waits). */
    oursCpuMs: number;
    oursPreservation: number;
    stockMs?: number;
    stockCpuMs?: number;
    stockInitMs?: number;
    stockPreservation?: number;
    stockSkipped?: string;
  };
  /** Regions of the map (src/core/cluster) computed from our layout, in this thread. */
  regions: { cpuMs: number; perLevel: number[] };
}

/** The 6-layer twin of all-MiniLM-L6-v2, made on first use (scripts/twin-model.mjs). */
function twinFolder(): string {
  const folder = path.join(ROOT, '.cache', 'models', 'twin-L6');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'twin-model.mjs'), '--layers', '6', '--out', folder], { stdio: ['ignore', 'ignore', 'inherit'] });
  return folder;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// ---------------------------------------------------------------- corpus

// ---------------------------------------------------------------- one size (child process)

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function timed<T>(items: readonly T[], run: (item: T) => unknown): Promise<{ medianMs: number; p95Ms: number }> {
  const times: number[] = [];
  for (const item of items) {
    const t = performance.now();
    await run(item);
    times.push(performance.now() - t);
  }
  return { medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95) };
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function runSize(size: string, withStock: boolean, modelName: string): Promise<SizeResult> {
  const root = corpusFolder(size);
  const cacheDir = path.join(CACHE, 'index', modelName === 'builtin' ? size : `${size}-${modelName}`);
  const model = modelName === 'twin' ? twinFolder() : 'builtin';
  rmSync(cacheDir, { recursive: true, force: true });

  // Peak RSS per stage: sampled every 20 ms, attributed to the phase the indexer last reported.
  let phase = 'discover';
  const peak: Record<string, number> = {};
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peak[phase] = Math.max(peak[phase] ?? 0, rss);
  };
  const sampler = setInterval(sample, 20);
  const onProgress = (p: Progress) => {
    sample();
    if (p.phase !== phase) log(`${size}: ${p.phase}`);
    phase = p.phase;
    sample();
  };
  // The extension host runs this same build in-process; its event loop is this one.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  log(`${size}: cold build of ${root}`);
  const onWarning = (message: string) => log(`${size}: warning: ${message}`);
  const coldStart = performance.now();
  let firstMapMs: number | undefined;
  const cold = await LatentIndex.build({
    root,
    cacheDir,
    model,
    onProgress,
    onWarning,
    allowRemote: false,
    onFirstMap: () => (firstMapMs = Math.round(performance.now() - coldStart)),
  });
  loop.disable();
  clearInterval(sampler);
  sample();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const stats = cold.stats;
  const n = stats.symbols;
  log(`${size}: ${n} symbols in ${stats.files} files, cold ${stats.ms.total} ms`);

  const stages: Record<string, StageRow> = {
    discover: { ms: stats.ms.discover, peakRssMb: mb(peak.discover ?? 0) },
    extract: { ms: stats.ms.extract, perSecond: n / (stats.ms.extract / 1000), peakRssMb: mb(peak.extract ?? 0) },
    embed: { ms: stats.ms.embed, perSecond: stats.embedded / (stats.ms.embed / 1000), peakRssMb: mb(Math.max(peak.embed ?? 0, peak.download ?? 0)) },
    project: { ms: stats.ms.project, perSecond: n / (stats.ms.project / 1000), peakRssMb: mb(peak.project ?? 0) },
  };

  const ids = cold.symbols.filter((_, i) => i % Math.max(1, Math.floor(n / 20)) === 0).map((s) => s.id);
  const search = await timed(QUERIES, (q) => cold.search(q, 10));
  const neighbours = await timed(TERMS, (t) => cold.neighbours(t, 10));
  const similar = await timed(ids, (id) => cold.similar(id, 10));
  stages.neighbours = { ms: neighbours.medianMs, peakRssMb: mb(process.memoryUsage.rss()) };
  stages.search = { ms: search.medianMs, peakRssMb: mb(process.memoryUsage.rss()) };
  const symbols = cold.symbols;
  const dims = cold.dimensions;
  const coldXy = new Float64Array(n * 2);
  cold.mapSymbols().forEach((s, i) => {
    coldXy[i * 2] = s.x;
    coldXy[i * 2 + 1] = s.y;
  });
  await cold.dispose();

  log(`${size}: warm reopen`);
  const warmStart = performance.now();
  let relaid = false;
  const warm = await LatentIndex.build({ root, cacheDir, model, onWarning, allowRemote: false, onSymbols: () => (relaid = true) });
  const warmMs = performance.now() - warmStart;
  // The map is ready without waiting for the model; the first query waits for whatever is left of its loading.
  await warm.search(QUERIES[0]!, 10);
  const firstSearchMs = performance.now() - warmStart;
  const warmResult = { totalMs: Math.round(warmMs), firstSearchMs: Math.round(firstSearchMs), embedded: warm.stats.embedded, projected: relaid };
  await warm.dispose();

  // The same vectors the map was made from, out of the vector cache. Its file
  // is keyed by the embedder's fingerprint, which the header spells out
  // (uint32 length at byte 16, UTF-8 id from byte 20).
  const cacheFile = readdirSync(cacheDir)
    .filter((f) => f.startsWith('vectors-') && f.endsWith('.bin'))
    .sort((a, b) => statSync(path.join(cacheDir, b)).mtimeMs - statSync(path.join(cacheDir, a)).mtimeMs)[0];
  if (!cacheFile) throw new Error(`no vector cache in ${cacheDir}`);
  const header = readFileSync(path.join(cacheDir, cacheFile));
  const fingerprint = header.toString('utf8', 20, 20 + header.readUInt32LE(16));
  const cache = await VectorCache.open(cacheDir, fingerprint, dims);
  if (cache.discardReason) throw new Error(`vector cache unreadable: ${cache.discardReason}`);
  const vectors = new Float32Array(n * dims);
  symbols.forEach((s, i) => vectors.set(cache.get(textKey(s.text))!, i * dims));

  log(`${size}: projection, ours`);
  const reference = preservationReference(vectors, n, dims, 10);
  const coldMapPreservation = neighbourPreservation(reference, coldXy);
  let t = performance.now();
  let cpu = process.cpuUsage();
  const ours = await project(vectors, n, dims, { seed: 42 });
  const oursMs = performance.now() - t;
  const oursCpu = process.cpuUsage(cpu);
  const projection: SizeResult['projection'] = {
    oursMs: Math.round(oursMs),
    oursCpuMs: Math.round((oursCpu.user + oursCpu.system) / 1000),
    oursPreservation: neighbourPreservation(reference, ours),
  };

  log(`${size}: regions`);
  const labels = await regionWords(symbols);
  // In a worker of its own, as the extension clusters a map: its heap is the
  // clustering's alone (in this process's heap, with the whole index, garbage
  // collection would cost more than it does there). This thread only waits,
  // so the process's CPU time is the worker's, its start-up included.
  cpu = process.cpuUsage();
  const found = await clusterOffThread(Float32Array.from(ours), n, labels);
  const regionCpu = process.cpuUsage(cpu);
  const regions = {
    cpuMs: Math.round((regionCpu.user + regionCpu.system) / 1000),
    perLevel: [0, 1, 2].map((level) => found.regions.filter((r) => r.level === level).length),
  };

  if (!withStock) projection.stockSkipped = 'not asked for (--no-stock)';
  else if (modelName !== 'builtin') projection.stockSkipped = 'built-in model only';
  else if (n > STOCK_LIMIT) projection.stockSkipped = `over ${STOCK_LIMIT / 1000}k points: stock umap-js would take far too long`;
  else {
    log(`${size}: projection, stock umap-js (initializeFit + every step, default parameters)`);
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) rows.push(Array.from(vectors.subarray(i * dims, (i + 1) * dims)));
    // Default parameters; only the random source is seeded, so runs repeat.
    const umap = new UMAP({ random: seededRandom(42) });
    t = performance.now();
    cpu = process.cpuUsage();
    const epochs = umap.initializeFit(rows);
    const initMs = performance.now() - t;
    for (let e = 0; e < epochs; e++) umap.step();
    const stockMs = performance.now() - t;
    const stockCpu = process.cpuUsage(cpu);
    projection.stockCpuMs = Math.round((stockCpu.user + stockCpu.system) / 1000);
    const embedding = umap.getEmbedding();
    const xy = new Float64Array(n * 2);
    embedding.forEach((p, i) => {
      xy[i * 2] = p[0]!;
      xy[i * 2 + 1] = p[1]!;
    });
    projection.stockMs = Math.round(stockMs);
    projection.stockInitMs = Math.round(initMs);
    projection.stockPreservation = neighbourPreservation(reference, xy);
  }

  return {
    size,
    model: modelName,
    firstMapMs: firstMapMs ?? stats.ms.total,
    coldMapPreservation,
    files: stats.files,
    symbols: n,
    cold: {
      totalMs: stats.ms.total,
      embedded: stats.embedded,
      peakRssMb: mb(peakRss),
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      stages,
    },
    warm: warmResult,
    search,
    neighbours,
    similar,
    projection,
    regions,
  };
}

// ---------------------------------------------------------------- report

const TARGETS_AT_20K = { coldMs: 15_000, warmMs: 1_500, searchMs: 50, peakRssMb: 1024, extractPerSecond: 5_000, loopDelayMs: 50, speedup: 6 };

function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
const fmtRate = (r: number | undefined) => (r === undefined || !Number.isFinite(r) ? '—' : `${Math.round(r).toLocaleString('en-US')}/s`);
const fmtShare = (s: number | undefined) => (s === undefined ? '—' : s.toFixed(3));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A row's size, with the model when it is not the built-in one. */
const label = (r: SizeResult) => (r.model === 'builtin' ? r.size : `${r.size} · ${r.model}`);

/** The targets for the default model (its twin), per size. */
const TWIN_TARGETS: Record<string, { firstMs: number; finalMs: number; peakRssMb?: number }> = {
  '20k': { firstMs: 7_000, finalMs: 20_000 },
  '100k': { firstMs: 25_000, finalMs: 100_000, peakRssMb: 1024 },
};

function modelSection(results: readonly SizeResult[]): string[] {
  if (!results.some((r) => r.model !== 'builtin')) return [];
  const lines: string[] = [];
  lines.push('');
  lines.push("## The default model's twin beside the built-in model (cold build; first map = the built-in model's map shown while the twin embeds)");
  lines.push('');
  lines.push(
    table(
      ['size', 'model', 'symbols', 'first map', 'final map (cold)', 'embed', 'project', 'warm', 'peak RSS', 'event-loop p99', 'final map 10-NN', 'fresh layout 10-NN'],
      results.map((r) => [
        r.size,
        r.model,
        String(r.symbols),
        fmtMs(r.firstMapMs),
        fmtMs(r.cold.totalMs),
        `${fmtMs(r.cold.stages.embed?.ms)} · ${fmtRate(r.cold.stages.embed?.perSecond)}`,
        fmtMs(r.cold.stages.project?.ms),
        fmtMs(r.warm.totalMs),
        `${r.cold.peakRssMb} MB`,
        `${r.cold.loopDelayP99Ms.toFixed(1)} ms`,
        fmtShare(r.coldMapPreservation),
        fmtShare(r.projection.oursPreservation),
      ]),
    ),
  );
  const rows: string[][] = [];
  for (const r of results) {
    const t = TWIN_TARGETS[r.size];
    if (r.model === 'builtin' || !t) continue;
    const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
    rows.push([`${r.size}: first map ≤ ${fmtMs(t.firstMs)}`, fmtMs(r.firstMapMs), check(r.firstMapMs <= t.firstMs)]);
    rows.push([`${r.size}: final map ≤ ${fmtMs(t.finalMs)}`, fmtMs(r.cold.totalMs), check(r.cold.totalMs <= t.finalMs)]);
    if (t.peakRssMb) rows.push([`${r.size}: peak RSS ≤ 1 GB`, `${r.cold.peakRssMb} MB`, check(r.cold.peakRssMb <= t.peakRssMb)]);
  }
  if (rows.length) {
    lines.push('');
    lines.push('Targets for the default model (issue 18):');
    lines.push('');
    lines.push(table(['target', 'measured', ''], rows));
  }
  return lines;
}

function report(results: readonly SizeResult[]): string {
  const cpu = os.cpus();
  const lines: string[] = [];
  lines.push(`# Latent Map benchmark`);
  lines.push('');
  lines.push(
    `${new Date().toISOString()} · ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} · ${mb(os.totalmem())} MB RAM · Node ${process.version} · ${os.platform()} ${os.release()} · load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} · ${[...new Set(results.map((r) => r.model))].join(' and ')} model`,
  );
  lines.push('');
  lines.push('## Whole pipeline (cold: empty cache; warm: reopen with everything cached)');
  lines.push('');
  lines.push(
    'Warm is the reopened map ready to draw (the model is not needed for it and goes on loading); "first search" adds the first query, which waits for the model.',
  );
  lines.push('');
  lines.push(
    table(
      ['size', 'files', 'symbols', 'cold', 'warm', 'warm + first search', 'embedded cold/warm', 'peak RSS', 'event-loop p99 (max)'],
      results.map((r) => [
        label(r),
        String(r.files),
        String(r.symbols),
        fmtMs(r.cold.totalMs),
        `${fmtMs(r.warm.totalMs)}${r.warm.projected ? ' (laid out again!)' : ''}`,
        fmtMs(r.warm.firstSearchMs),
        `${r.cold.embedded}/${r.warm.embedded}`,
        `${r.cold.peakRssMb} MB`,
        `${r.cold.loopDelayP99Ms.toFixed(1)} ms (${r.cold.loopDelayMaxMs.toFixed(0)} ms)`,
      ]),
    ),
  );
  lines.push('');
  lines.push('## Stages (cold run): wall time · throughput · peak RSS during the stage');
  lines.push('');
  const stageNames = ['discover', 'extract', 'embed', 'project', 'neighbours', 'search'];
  lines.push(
    table(
      ['size', ...stageNames],
      results.map((r) => [
        label(r),
        ...stageNames.map((s) => {
          const row = r.cold.stages[s];
          if (!row) return '—';
          return [fmtMs(row.ms), row.perSecond !== undefined ? fmtRate(row.perSecond) : undefined, `${row.peakRssMb} MB`].filter(Boolean).join(' · ');
        }),
      ]),
    ),
  );
  lines.push('');
  lines.push('Neighbours, search and similar are per query (median · p95), with the model loaded:');
  lines.push('');
  lines.push(
    table(
      ['size', 'search', 'neighbours', 'similar'],
      results.map((r) => [
        label(r),
        `${fmtMs(r.search.medianMs)} · ${fmtMs(r.search.p95Ms)}`,
        `${fmtMs(r.neighbours.medianMs)} · ${fmtMs(r.neighbours.p95Ms)}`,
        `${fmtMs(r.similar.medianMs)} · ${fmtMs(r.similar.p95Ms)}`,
      ]),
    ),
  );
  lines.push('');
  lines.push('## Projection: stock umap-js (initializeFit + every step, default parameters) against ours, same vectors, same run');
  lines.push('');
  lines.push(
    "10-NN preservation: share of each point's 10 nearest neighbours (cosine, embedding space) among its 10 nearest on the map, over 2,000 sampled points; a map neighbour tied with the 10th nearest (many symbols share an embedding text) counts as kept.",
  );
  lines.push('');
  lines.push(
    'Stock umap-js runs on one thread. Ours runs in its worker while the main thread waits: the neighbour graph on one thread, the optimisation on two, and its CPU time counts both. The speed-up is judged on CPU time, the work done whatever else the machine runs; wall time, what a user waits on an idle machine, is shown too.',
  );
  lines.push('');
  lines.push(
    table(
      ['size', 'symbols', 'stock wall (CPU)', 'ours wall (CPU)', 'speed-up wall · CPU', 'stock 10-NN', 'ours 10-NN'],
      results.map((r) => {
        const p = r.projection;
        return [
          label(r),
          String(r.symbols),
          p.stockMs !== undefined ? `${fmtMs(p.stockMs)} (${fmtMs(p.stockCpuMs)}; set-up ${fmtMs(p.stockInitMs)})` : `skipped: ${p.stockSkipped}`,
          `${fmtMs(p.oursMs)} (${fmtMs(p.oursCpuMs)})`,
          p.stockMs !== undefined ? `${(p.stockMs / p.oursMs).toFixed(1)}× · ${((p.stockCpuMs ?? 0) / p.oursCpuMs).toFixed(1)}×` : '—',
          fmtShare(p.stockPreservation),
          fmtShare(p.oursPreservation),
        ];
      }),
    ),
  );
  lines.push('');
  lines.push('## Regions (src/core/cluster): CPU time to cluster and name the finished layout in a worker, as the extension does (start-up included), regions per level');
  lines.push('');
  lines.push(
    table(
      ['size', 'symbols', 'CPU', 'top level', 'level 1', 'level 2'],
      results.map((r) => [label(r), String(r.symbols), fmtMs(r.regions.cpuMs), ...r.regions.perLevel.map(String)]),
    ),
  );
  lines.push(...modelSection(results));
  const at20 = results.find((r) => r.size === '20k' && r.model === 'builtin');
  if (at20) {
    const t = TARGETS_AT_20K;
    const p = at20.projection;
    const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
    lines.push('');
    lines.push('## Targets at 20k');
    lines.push('');
    lines.push(
      table(
        ['target', 'measured', ''],
        [
          ['cold ≤ 15 s', fmtMs(at20.cold.totalMs), check(at20.cold.totalMs <= t.coldMs)],
          ['warm reopen ≤ 1.5 s', fmtMs(at20.warm.totalMs), check(at20.warm.totalMs <= t.warmMs)],
          ['search ≤ 50 ms (p95)', fmtMs(at20.search.p95Ms), check(at20.search.p95Ms <= t.searchMs)],
          ['peak RSS ≤ 1 GB', `${at20.cold.peakRssMb} MB`, check(at20.cold.peakRssMb <= t.peakRssMb)],
          ['extraction ≥ 5k symbols/s', fmtRate(at20.cold.stages.extract?.perSecond), check((at20.cold.stages.extract?.perSecond ?? 0) >= t.extractPerSecond)],
          ['event-loop delay p99 < 50 ms', `${at20.cold.loopDelayP99Ms.toFixed(1)} ms`, check(at20.cold.loopDelayP99Ms < t.loopDelayMs)],
          [
            'projection ≥ 6× stock (CPU time), 10-NN not lower',
            p.stockCpuMs !== undefined
              ? `${(p.stockCpuMs / p.oursCpuMs).toFixed(1)}× CPU (${(p.stockMs! / p.oursMs).toFixed(1)}× wall), ${fmtShare(p.oursPreservation)} vs ${fmtShare(p.stockPreservation)}`
              : 'stock not run',
            p.stockCpuMs !== undefined ? check(p.stockCpuMs / p.oursCpuMs >= t.speedup && p.oursPreservation >= (p.stockPreservation ?? 0) - 0.01) : '—',
          ],
        ],
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  // `--scale 1m`: the team store at scale (bench/scale.ts), instead of the corpora.
  const scale = argValue('--scale');
  if (scale !== undefined) return (await import('./scale')).runScale(scale);
  const child = argValue('--child');
  const withStock = !process.argv.includes('--no-stock');
  const modelName = argValue('--model') ?? 'builtin';
  if (modelName !== 'builtin' && modelName !== 'twin') throw new Error(`unknown --model ${modelName}; choose builtin or twin`);
  if (child) {
    const result = await runSize(child, withStock, modelName);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const sizes = (argValue('--sizes') ?? Object.keys(CORPORA).join(',')).split(',').map((s) => s.trim());
  for (const size of sizes) if (!CORPORA[size]) throw new Error(`unknown size ${size}; choose from ${Object.keys(CORPORA).join(', ')}`);
  const results: SizeResult[] = [];
  const runs = sizes.flatMap((size) => (modelName === 'builtin' ? ['builtin'] : ['builtin', modelName]).map((model) => ({ size, model })));
  for (const { size, model } of runs) {
    corpusFolder(size);
    const args = ['--import', 'tsx', path.join(ROOT, 'bench', 'run.ts'), '--child', size, '--model', model, ...(withStock ? [] : ['--no-stock'])];
    const output = await new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.on('error', reject);
      proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench for ${size} (${model}) exited with code ${code}`))));
    });
    const line = output.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`bench for ${size} (${model}) gave no result`);
    results.push(JSON.parse(line.slice('RESULT '.length)) as SizeResult);
    const text = report(results);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'latest.md'), text);
    writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  }
  process.stdout.write(report(results));
  log(`written to ${path.relative(ROOT, path.join(RESULTS, 'latest.md'))}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
