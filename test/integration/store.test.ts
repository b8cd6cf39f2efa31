// The team store through the CLI, for real: LanceDB on disk and on an
// S3-compatible server (s3rver) started on 127.0.0.1 by the test.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEmbedder } from '../../src/core/embed';
import { connectStore, readStore, StoreSearch, type StoredMap } from '../../src/core/store';
import { VectorStore } from '../../src/core/vectors';
import { TABLES } from '../../src/core/store/schema';
import type { RankedSymbol } from '../../src/core/types';
import { startS3, type LocalS3 } from '../s3';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
/** A real library: umap-js's published JavaScript and type declarations. */
const LIBRARY = path.join(ROOT, 'node_modules/umap-js/dist');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 300_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** As cli(), without blocking this process: the S3 server runs in it. */
function cliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function ok(run: Run): Run {
  assert.equal(run.status, 0, run.stderr);
  return run;
}

function results(run: Run): RankedSymbol[] {
  return (JSON.parse(ok(run).stdout) as { results: RankedSymbol[] }).results;
}

const QUERIES = ['nearest neighbours of a point', 'random number generator', 'matrix transpose', 'fit the embedding', 'distance between vectors', 'sort a heap'];

/** What a store holds, in a form two stores can be compared by. */
function contents(map: StoredMap) {
  return {
    files: map.files.map((f) => ({ path: f.path, symbols: f.symbols })),
    vectors: Array.from(map.vectors),
    xy: Array.from(map.xy),
    assignment: Array.from(map.clusters.assignment),
    leaf: Array.from(map.clusters.leaf),
    regions: map.clusters.regions,
    hashes: [...map.hashes].sort(),
    meta: { ...map.meta, writtenAt: '', shards: 0, symbolsVersion: 0, regionsVersion: 0, filesVersion: 0 },
  };
}

describe('a team store', () => {
  let work: string;
  let lib: string;
  let cacheDir: string;
  let whole: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lm-store-'));
    lib = path.join(work, 'umap-js');
    cpSync(LIBRARY, lib, { recursive: true });
    cacheDir = path.join(work, 'cache');
    whole = path.join(work, 'whole');
    ok(cli(['index', lib, '--store', whole, '--cache-dir', cacheDir, '--quiet']));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('written in three shards and laid out, holds the same rows, map and regions as written at once', async () => {
    const sharded = path.join(work, 'sharded');
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = ok(cli(['index', lib, '--store', sharded, '--shard', `${i}/3`, '--cache-dir', cacheDir]));
      counts.push(Number(/(\d+) symbols from/.exec(run.stderr)?.[1]));
    }
    // Before layout the store has no map to read.
    assert.match(cli(['search', lib, 'heap', '--store', sharded, '--cache-dir', cacheDir]).stderr, /has no map yet|no team index/);
    ok(cli(['layout', '--store', sharded, '--quiet']));
    const a = await readStore(whole);
    const b = await readStore(sharded);
    const total = a.files.reduce((n, f) => n + f.symbols.length, 0);
    assert.ok(total > 100, `the library has ${total} symbols`);
    assert.equal(counts.reduce((x, y) => x + y, 0), total, 'the shards together wrote every symbol once');
    assert.ok(counts.every((c) => c < total), `each shard wrote a share (${counts.join(', ')})`);
    assert.deepEqual(contents(b), contents(a));
    assert.equal(b.meta.shards, 3);
  });

  it('answers search, similar and neighbours exactly as the local index does', () => {
    for (const query of QUERIES) {
      const local = results(cli(['search', lib, query, '-k', '10', '--json', '--cache-dir', cacheDir]));
      const stored = results(cli(['search', lib, query, '-k', '10', '--json', '--store', whole, '--cache-dir', cacheDir]));
      assert.ok(local.length > 0);
      assert.deepEqual(stored, local, `search "${query}"`);
      const nearLocal = results(cli(['neighbours', lib, query, '--json', '--cache-dir', cacheDir]));
      assert.deepEqual(results(cli(['neighbours', lib, query, '--json', '--store', whole, '--cache-dir', cacheDir])), nearLocal, `neighbours "${query}"`);
    }
    for (const target of ['UMAP.fit', 'tree.ts:1', 'heap.js:10']) {
      const local = cli(['similar', lib, target, '--json', '--cache-dir', cacheDir]);
      if (local.status !== 0) continue; // no symbol there: nothing to compare
      assert.deepEqual(results(cli(['similar', lib, target, '--json', '--store', whole, '--cache-dir', cacheDir])), results(local), `similar ${target}`);
    }
  });

  it('opened for its map alone, answers nearest-neighbour queries from the store as exact search does, local rows merged in', async () => {
    const full = await readStore(whole);
    const search = await StoreSearch.open(whole);
    // The map's rows, in the order an index gives them, without their vectors.
    const rows = full.files.flatMap((f) => f.symbols.map((s) => `${f.path}:${s.line}:${s.name}`));
    assert.deepEqual(Array.from({ length: search.size }, (_, i) => `${search.map.file(i)}:${search.map.lines[i]}:${search.map.name(i)}`), rows);
    assert.deepEqual(Array.from(search.map.xy), Array.from(full.xy));
    assert.deepEqual(Array.from(search.map.cluster), Array.from(full.clusters.assignment));
    const dims = full.meta.dimensions;
    assert.deepEqual(Array.from(await search.vector(7)), Array.from(full.vectors.subarray(7 * dims, 8 * dims)));
    const exact = VectorStore.fromPacked(full.vectors, dims);
    const embedder = await createEmbedder({ model: 'builtin' });
    try {
      for (const query of QUERIES) {
        const vector = await embedder.embed([query]);
        const want = exact.nearest(vector, 10);
        const got = await search.nearest(vector, 10);
        assert.deepEqual(got.map((h) => h.row), want.map((h) => h.index), `nearest "${query}"`);
        got.forEach((h, i) => assert.ok(Math.abs(h.score - want[i]!.score) < 1e-4, `score of ${h.id}`));
      }
      // heap.js changed locally: its stored rows give way to the local ones, searched exactly beside the store.
      const zebra = await embedder.embed(['count the zebras crossing the savannah']);
      const local = { store: VectorStore.fromPacked(zebra, dims, ['heap.js#countZebraCrossings']), replaced: new Set(['heap.js']) };
      const heapRow = Array.from({ length: search.size }, (_, i) => search.map.file(i)).indexOf('heap.js');
      assert.ok(heapRow >= 0);
      const near = await search.nearest(await search.vector(heapRow), 10, { local, skip: new Set([search.map.id(heapRow)]) });
      assert.equal(near.length, 10);
      assert.ok(near.every((h) => h.row === undefined || search.map.file(h.row) !== 'heap.js'), 'no stored row of the changed file');
      const first = await search.nearest(zebra, 3, { local });
      assert.equal(first[0]?.id, 'heap.js#countZebraCrossings');
      assert.equal(first[0]?.local, 0);
    } finally {
      await embedder.dispose();
    }
  });

  it('a file changed in the working tree overrides its stored rows; a deleted one drops them', () => {
    const edited = path.join(work, 'edited');
    cpSync(lib, edited, { recursive: true });
    const heap = path.join(edited, 'heap.js');
    appendFileSync(heap, '\n/** Counts the zebras crossing the savannah. */\nfunction countZebraCrossings(herd) { return herd.length; }\n');
    rmSync(path.join(edited, 'matrix.d.ts'));
    const run = ok(cli(['search', edited, 'count zebra crossings', '--json', '--store', whole, '--cache-dir', cacheDir]));
    assert.match(run.stderr, /2 local changes/);
    const found = (JSON.parse(run.stdout) as { results: RankedSymbol[] }).results;
    assert.equal(found[0]?.name, 'countZebraCrossings');
    assert.equal(found[0]?.file, 'heap.js');
    const exported = path.join(work, 'edited.json');
    ok(cli(['export', edited, '--format', 'json', '--out', exported, '--store', whole, '--cache-dir', cacheDir, '--quiet']));
    const map = JSON.parse(readFileSync(exported, 'utf8')) as { symbols: { file: string; name: string }[] };
    assert.ok(!map.symbols.some((s) => s.file === 'matrix.d.ts'), 'the deleted file has no symbols');
    assert.ok(map.symbols.some((s) => s.file === 'matrix.js'), 'other files keep theirs');
    assert.ok(map.symbols.some((s) => s.name === 'countZebraCrossings'));
    // The same folder with the store alone: nothing of the edit.
    const clean = results(cli(['search', lib, 'count zebra crossings', '--json', '--store', whole, '--cache-dir', cacheDir]));
    assert.ok(!clean.some((r) => r.name === 'countZebraCrossings'));
  });

  it('refuses a store written by another model, or in another store format, saying why', async () => {
    const otherModel = path.join(work, 'other-model');
    cpSync(path.join(ROOT, 'models/builtin'), otherModel, { recursive: true });
    const wrongModel = cli(['search', lib, 'heap', '--store', whole, '--model', otherModel, '--cache-dir', cacheDir]);
    assert.equal(wrongModel.status, 1);
    assert.match(wrongModel.stderr, /built with the model builtin, not .*other-model.*cannot be compared/);
    assert.doesNotMatch(wrongModel.stderr, /\n.+\n/, 'one line, no stack');

    const old = path.join(work, 'old');
    cpSync(whole, old, { recursive: true });
    const db = await connectStore(old);
    const meta = await db.openTable(TABLES.meta);
    await meta.update({ values: { format: '0' } });
    const oldFormat = cli(['search', lib, 'heap', '--store', old, '--cache-dir', cacheDir]);
    assert.equal(oldFormat.status, 1);
    assert.match(oldFormat.stderr, /written by an older version of Latent Map \(store format 0; this one reads 1\)/);
    const writeOld = cli(['index', lib, '--store', old, '--cache-dir', cacheDir]);
    assert.equal(writeOld.status, 1);
    assert.match(writeOld.stderr, /store format 0/);

    const missing = cli(['search', lib, 'heap', '--store', path.join(work, 'nothing-here'), '--cache-dir', cacheDir]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no team index at .*nothing-here/);
  });

  it('refuses a bad shard, a shard without a store, and a layout of missing shards', () => {
    assert.equal(cli(['index', lib, '--store', path.join(work, 'x'), '--shard', '3/3']).status, 1);
    assert.match(cli(['index', lib, '--store', path.join(work, 'x'), '--shard', '3/3']).stderr, /--shard must be i\/N/);
    assert.equal(cli(['index', lib, '--shard', '0/2']).status, 2);
    const partial = path.join(work, 'partial');
    ok(cli(['index', lib, '--store', partial, '--shard', '1/2', '--cache-dir', cacheDir, '--quiet']));
    const layout = cli(['layout', '--store', partial]);
    assert.equal(layout.status, 1);
    assert.match(layout.stderr, /lacks shard 0\/2/);
  });

  describe('on object storage (s3rver on 127.0.0.1)', () => {
    let server: LocalS3;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      server = await startS3(path.join(work, 's3'), ['team']);
      env = { ...process.env, ...server.env };
    });

    after(async () => {
      await server?.close();
    });

    it('the CLI writes the store in shards and answers from it as from the local index', async () => {
      const uri = 's3://team/maps/umap-js';
      for (let i = 0; i < 2; i++) ok(await cliAsync(['index', lib, '--store', uri, '--shard', `${i}/2`, '--cache-dir', cacheDir, '--quiet'], env));
      ok(await cliAsync(['layout', '--store', uri, '--quiet'], env));
      for (const query of QUERIES.slice(0, 3)) {
        const local = results(await cliAsync(['search', lib, query, '--json', '--cache-dir', cacheDir], env));
        const stored = await cliAsync(['search', lib, query, '--json', '--store', uri, '--cache-dir', cacheDir], env);
        assert.deepEqual(results(stored), local, `search "${query}" from s3`);
        assert.match(stored.stderr, /team index s3:\/\/team\/maps\/umap-js \(version \d+, \d+ symbols\), 0 local changes/);
      }
      const wrongKeys = await cliAsync(['search', lib, 'heap', '--store', 's3://team/maps/nothing', '--cache-dir', cacheDir], env);
      assert.equal(wrongKeys.status, 1);
      assert.match(wrongKeys.stderr, /no team index at s3:\/\/team\/maps\/nothing|cannot reach the team store/);
    });
  });
});

