// The reading side of `npm run bench -- --scale N`, in a process of its own
// so that its memory is that of an editor opening the store and nothing else:
// it opens the store as the extension does (StoreSearch, the built-in model
// loading meanwhile), asks neighbours of terms and similar of symbols through
// the store's vector index at each tuning given, and prints what it found,
// its timings and its peak memory as JSON on stdout.
//
//   node --import tsx bench/scale-open.ts <store> <job.json>
import { readFileSync } from 'node:fs';
import { createEmbedder } from '../src/core/embed';
import { StoreSearch, type SearchTuning } from '../src/core/store';

export interface OpenJob {
  readonly terms: readonly string[];
  /** Rows whose similar symbols are asked. */
  readonly rows: readonly number[];
  readonly k: number;
  readonly tunings: readonly SearchTuning[];
}

export interface OpenResult {
  readonly openMs: number;
  readonly modelMs: number;
  /** Until both the map and the model are ready (they load side by side). */
  readonly readyMs: number;
  readonly timings: readonly (readonly [string, number])[];
  readonly rssAfterOpenMb: number;
  readonly peakRssMb: number;
  readonly runs: readonly {
    readonly tuning: SearchTuning;
    /** Per term: the rows found, and the time of embedding the term plus the search. */
    readonly neighbours: readonly { readonly rows: readonly number[]; readonly ms: number }[];
    /** Per row: the rows found, and the time of fetching its vector plus the search. */
    readonly similar: readonly { readonly rows: readonly number[]; readonly ms: number }[];
  }[];
}

async function main(): Promise<void> {
  const [uri, jobFile] = process.argv.slice(2);
  if (!uri || !jobFile) throw new Error('usage: scale-open.ts <store> <job.json>');
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as OpenJob;
  const started = performance.now();
  let openMs = 0;
  let modelMs = 0;
  const [search, embedder] = await Promise.all([
    StoreSearch.open(uri).then((s) => ((openMs = performance.now() - started), s)),
    createEmbedder({ model: 'builtin' }).then((e) => ((modelMs = performance.now() - started), e)),
  ]);
  const readyMs = performance.now() - started;
  const rssAfterOpenMb = process.memoryUsage().rss / 2 ** 20;
  const runs: OpenResult['runs'][number][] = [];
  for (const tuning of job.tunings) {
    const neighbours: { rows: number[]; ms: number }[] = [];
    for (const term of job.terms) {
      const t = performance.now();
      const vector = await embedder.embed([term]);
      const hits = await search.nearest(vector, job.k, { tuning });
      neighbours.push({ rows: hits.map((h) => h.row ?? -1), ms: performance.now() - t });
    }
    const similar: { rows: number[]; ms: number }[] = [];
    for (const row of job.rows) {
      const t = performance.now();
      const vector = await search.vector(row);
      const hits = await search.nearest(vector, job.k, { tuning, skip: new Set([search.map.id(row)]) });
      similar.push({ rows: hits.map((h) => h.row ?? -1), ms: performance.now() - t });
    }
    runs.push({ tuning, neighbours, similar });
  }
  await embedder.dispose();
  const result: OpenResult = {
    openMs,
    modelMs,
    readyMs,
    timings: search.timings,
    rssAfterOpenMb,
    // ru_maxrss: the process's peak resident memory, in KB on Linux.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    runs,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
