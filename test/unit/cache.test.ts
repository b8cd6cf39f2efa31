import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CacheFolder, describeFsError, makeFolder, textKey, VectorCache } from '../../src/core/cache';

const DIMS = 4;
const vector = (seed: number): Float32Array => Float32Array.from({ length: DIMS }, (_, i) => Math.sin(seed + i));

async function filledCache(dir: string, model = 'builtin'): Promise<VectorCache> {
  const cache = await VectorCache.open(dir, model, DIMS);
  for (let i = 0; i < 10; i++) cache.set(textKey(`text ${i}`), vector(i));
  await cache.save();
  return cache;
}

describe('VectorCache', () => {
  it('gives back the vectors it stored, across openings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-'));
    await filledCache(dir);
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    assert.equal(reopened.size, 10);
    assert.equal(reopened.discardReason, undefined);
    assert.deepEqual(reopened.get(textKey('text 3')), vector(3));
    assert.equal(reopened.get(textKey('never stored')), undefined);
  });

  it('leaves no temporary files behind after a write', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-'));
    await filledCache(dir);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  const damage: [string, (bytes: Buffer) => Buffer, RegExp][] = [
    ['a truncated file', (b) => b.subarray(0, b.length - 7), /truncated/],
    ['a flipped byte in a vector', (b) => (b[60]! ^= 0x10, b), /checksum/],
    ['a flipped byte in the checksum', (b) => (b[b.length - 1]! ^= 1, b), /checksum/],
    ['another format version', (b) => (b.writeUInt32LE(99, 4), b), /version 99/],
    ['another dimension', (b) => (b.writeUInt32LE(8, 8), b), /8-dimension/],
    ['an empty file', () => Buffer.alloc(0), /truncated/],
    ['a file of something else', () => Buffer.from('{"not":"a cache"}'.repeat(10)), /not a Latent Map/],
  ];
  for (const [what, corrupt, reason] of damage) {
    it(`discards ${what} instead of trusting it`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-'));
      const cache = await filledCache(dir);
      writeFileSync(cache.file, corrupt(readFileSync(cache.file)));
      const reopened = await VectorCache.open(dir, 'builtin', DIMS);
      assert.equal(reopened.size, 0);
      assert.match(reopened.discardReason ?? '', reason);
      // Rebuilt afterwards, it is trusted again.
      reopened.set(textKey('text 1'), vector(1));
      await reopened.save();
      const again = await VectorCache.open(dir, 'builtin', DIMS);
      assert.deepEqual(again.get(textKey('text 1')), vector(1));
    });
  }

  // Saves and opens go a chunk (1 MB) at a time: 3,000 vectors of 384 dimensions are 4.7 MB.
  it('gives back every vector of a cache many times larger than what is read or written at once, and finds damage in its last part', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-large-'));
    const dims = 384;
    const big = (i: number) => Float32Array.from({ length: dims }, (_, d) => Math.sin(i * 0.37 + d));
    const cache = await VectorCache.open(dir, 'model-large', dims);
    for (let i = 0; i < 3000; i++) cache.set(textKey(`large ${i}`), big(i));
    await cache.save();
    assert.equal(statSync(cache.file).size, 20 + 'model-large'.length + 3000 * (16 + 4 * dims) + 32);
    const reopened = await VectorCache.open(dir, 'model-large', dims);
    assert.equal(reopened.discardReason, undefined);
    assert.equal(reopened.size, 3000);
    for (let i = 0; i < 3000; i++) assert.deepEqual(reopened.get(textKey(`large ${i}`)), big(i), `vector ${i}`);

    const bytes = readFileSync(cache.file);
    bytes[bytes.length - 100]! ^= 0x10;
    writeFileSync(cache.file, bytes);
    const damaged = await VectorCache.open(dir, 'model-large', dims);
    assert.equal(damaged.size, 0);
    assert.match(damaged.discardReason ?? '', /checksum/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('discards a cache holding a number that is not finite, even with a checksum that matches', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-nan-'));
    const cache = await filledCache(dir);
    const bytes = readFileSync(cache.file);
    const body = bytes.length - 32;
    // The last vector's last value becomes NaN, and the checksum is made anew over the changed body.
    bytes.writeFloatLE(Number.NaN, body - 4);
    createHash('sha256').update(bytes.subarray(0, body)).digest().copy(bytes, body);
    writeFileSync(cache.file, bytes);
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    assert.equal(reopened.size, 0);
    assert.match(reopened.discardReason ?? '', /invalid numbers/);
  });

  it('keeps one file per model, so another model never reads these vectors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-'));
    await filledCache(dir, 'model-a');
    const other = await VectorCache.open(dir, 'model-b', DIMS);
    assert.equal(other.size, 0);
    assert.notEqual(VectorCache.fileFor(dir, 'model-a'), VectorCache.fileFor(dir, 'model-b'));
  });

  it('refuses a vector of the wrong dimension', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-'));
    const cache = await VectorCache.open(dir, 'builtin', DIMS);
    assert.throws(() => cache.set('00', new Float32Array(3)), /3 dimensions/);
  });
});

describe('index snapshot', () => {
  it('is discarded when a byte inside it changed, even where the JSON still parses', async () => {
    const { loadSnapshot, saveSnapshot, snapshotFile, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-'));
    const root = '/some/workspace';
    const symbol = { name: 'readFile', kind: 'function' as const, container: '', params: ['path'], line: 1, endLine: 3, comment: 'Reads a file.' };
    await saveSnapshot(dir, { version: SNAPSHOT_VERSION, root, files: [{ path: 'a.ts', size: 10, mtimeMs: 1, symbols: [symbol] }], layouts: [] });
    assert.equal((await loadSnapshot(dir, root))?.files[0]?.symbols[0]?.comment, 'Reads a file.');
    const file = snapshotFile(dir, root);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Reads a file.', 'Reads a fild.'));
    assert.equal(await loadSnapshot(dir, root), undefined);
  });

  // Saves go about 1 MB at a time: 2,000 files of five symbols with a comment each are about 3 MB.
  it('gives back a snapshot many times larger than what is written at once, with any non-ASCII text, and finds damage in its last part', async () => {
    const { loadSnapshot, saveSnapshot, snapshotFile, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-large-'));
    const root = '/some/workspace';
    const comment = `Déjà vu: reads the 設定 file ✓ and returns its rows. ${'More words about it. '.repeat(10)}`;
    const files = Array.from({ length: 2000 }, (_, f) => ({
      path: `src/file-${f}.ts`,
      size: 100 + f,
      mtimeMs: 1_700_000_000_000 + f,
      symbols: Array.from({ length: 5 }, (_, i) => ({ name: `read${f}x${i}`, kind: 'function' as const, container: '', params: ['path'], line: i * 10 + 1, endLine: i * 10 + 5, comment })),
    }));
    await saveSnapshot(dir, { version: SNAPSHOT_VERSION, root, files, layouts: [] });
    const file = snapshotFile(dir, root);
    assert.ok(statSync(file).size > 3_000_000, 'larger than a few write pieces');
    assert.deepEqual((await loadSnapshot(dir, root))?.files, files);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20]! ^= 0x01;
    writeFileSync(file, bytes);
    assert.equal(await loadSnapshot(dir, root), undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back files (with which symbols are internal and which return a boolean) and layouts with their clusters as saved, and nothing once truncated or for another folder', async () => {
    const { loadSnapshot, saveSnapshot, snapshotFile, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-'));
    const root = '/some/workspace';
    const symbol = (name: string) => ({ name, kind: 'function' as const, container: '', params: [], line: 1, endLine: 2, comment: `Line one.\nLine "two".` });
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `src/f${i}.ts`, size: i, mtimeMs: i + 0.5, symbols: [symbol(`a${i}`), { ...symbol(`b${i}`), internal: true as const }, { ...symbol(`is${i}`), returnsBoolean: true as const }] }));
    const top = { id: 0, label: 'read file', size: 1, x: 0.1, y: -0.2, level: 0, parent: -1 };
    const layout = { key: 'k1', xy: [0.1, -0.2, 0.3, 0.4], ids: ['src/f0.ts#a0', 'src/f1.ts#a1'], texts: ['0123abcd', '4567ef01'], clusters: { assignment: [0, -1], list: [top], regions: [top, { id: 1, label: 'read', size: 1, x: 0.1, y: -0.2, level: 1, parent: 0 }], leaf: [1, -1] } };
    const snapshot = { version: SNAPSHOT_VERSION, root, files, layouts: [layout, { ...layout, key: 'k2' }] };
    await saveSnapshot(dir, snapshot);
    assert.deepEqual(await loadSnapshot(dir, root), snapshot);
    assert.equal(await loadSnapshot(dir, '/another/workspace'), undefined);
    const file = snapshotFile(dir, root);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.7)));
    assert.equal(await loadSnapshot(dir, root), undefined);
  });

  it('is discarded when a symbol says it returns a boolean with anything but true', async () => {
    const { loadSnapshot, saveSnapshot, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-'));
    const root = '/some/workspace';
    const symbol = { name: 'isOpen', kind: 'function' as const, container: '', params: [], line: 1, endLine: 1, comment: '', returnsBoolean: 'yes' as unknown as true };
    await saveSnapshot(dir, { version: SNAPSHOT_VERSION, root, files: [{ path: 'a.ts', size: 1, mtimeMs: 1, symbols: [symbol] }], layouts: [] });
    assert.equal(await loadSnapshot(dir, root), undefined);
  });
});

describe('VectorCache shared by several writers', () => {
  it('keeps the vectors of a writer that saved after this one opened the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-share-'));
    await filledCache(dir);
    // Two windows open the same cache, each embeds its own texts, and each saves.
    const first = await VectorCache.open(dir, 'builtin', DIMS);
    const second = await VectorCache.open(dir, 'builtin', DIMS);
    first.set(textKey('only first'), vector(101));
    second.set(textKey('only second'), vector(102));
    await first.save();
    await second.save();
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    assert.deepEqual(reopened.get(textKey('only first')), vector(101));
    assert.deepEqual(reopened.get(textKey('only second')), vector(102));
    assert.deepEqual(reopened.get(textKey('text 3')), vector(3));
    assert.equal(reopened.size, 12);
  });

  it('keeps every writer\'s vectors when many save at the same moment', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-share-'));
    const writers = await Promise.all(Array.from({ length: 6 }, () => VectorCache.open(dir, 'builtin', DIMS)));
    writers.forEach((cache, w) => {
      for (let i = 0; i < 50; i++) cache.set(textKey(`writer ${w} text ${i}`), vector(w * 1000 + i));
    });
    await Promise.all(writers.map((cache) => cache.save()));
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    assert.equal(reopened.size, 300);
    assert.deepEqual(reopened.get(textKey('writer 5 text 49')), vector(5049));
  });

  it('replaces a damaged file it finds on disk when saving, without taking anything from it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-share-'));
    const cache = await filledCache(dir);
    const bytes = readFileSync(cache.file);
    bytes[60]! ^= 0x10;
    writeFileSync(cache.file, bytes);
    cache.set(textKey('after the damage'), vector(7));
    await cache.save();
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    assert.equal(reopened.discardReason, undefined);
    assert.equal(reopened.size, 11);
  });

  it('takes over a lock left by a writer that died, and waits for one that lives', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-lock-'));
    const cache = await VectorCache.open(dir, 'builtin', DIMS);
    const lockDir = `${cache.file}.lock`;
    // A dead writer's lock: nobody refreshes it, so it is older than the stale age.
    mkdirSync(lockDir);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockDir, old, old);
    cache.set(textKey('a'), vector(1));
    const started = Date.now();
    await cache.save();
    assert.ok(Date.now() - started < 5_000, 'a stale lock is taken over at once');
    assert.equal(existsSync(lockDir), false, 'and released after the write');
    // A live writer's lock (fresh): the save waits until it goes.
    mkdirSync(lockDir);
    setTimeout(() => rmSync(lockDir, { recursive: true, force: true }), 400);
    cache.set(textKey('b'), vector(2));
    const waiting = Date.now();
    await cache.save();
    assert.ok(Date.now() - waiting >= 350, 'the save waited for the lock');
    assert.equal((await VectorCache.open(dir, 'builtin', DIMS)).size, 2);
  });
});

describe('cache folder that cannot be written', () => {
  it('is made level by level, and one that exists is fine', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-folder-'));
    await makeFolder(path.join(dir, 'a', 'b', 'c'));
    assert.ok(statSync(path.join(dir, 'a', 'b', 'c')).isDirectory());
    await makeFolder(path.join(dir, 'a', 'b', 'c'));
  });

  it('under a file names the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-folder-'));
    writeFileSync(path.join(dir, 'plain'), 'x');
    await assert.rejects(makeFolder(path.join(dir, 'plain', 'cache', 'deeper')), (error: Error) => {
      assert.equal(describeFsError(error), `${path.join(dir, 'plain')} is a file, not a folder`);
      return true;
    });
  });

  it('in /proc fails at once instead of spinning like a recursive mkdir', { skip: !existsSync('/proc/self') }, async () => {
    const started = Date.now();
    await assert.rejects(makeFolder('/proc/latent-map-test/cache'), (error: Error) => {
      assert.equal(describeFsError(error), 'no folder can be created in /proc');
      return true;
    });
    assert.ok(Date.now() - started < 2_000);
  });

  const causes: [string, string, RegExp][] = [
    ['EROFS', 'read-only file system', /the file system is read-only/],
    ['EACCES', 'permission denied', /permission denied \(\/x\/cache\)/],
    ['EPERM', 'operation not permitted', /permission denied/],
    ['ENOSPC', 'no space left on device', /the disk is full/],
    ['EDQUOT', 'disk quota exceeded', /quota/],
    ['ELOCKED', 'Lock file is already being held', /held the cache lock/],
  ];
  for (const [code, text, said] of causes) {
    it(`says ${code} in words: ${said.source}`, () => {
      const error = Object.assign(new Error(`${code}: ${text}, open '/x/cache'`), { code, path: '/x/cache' });
      assert.match(describeFsError(error), said);
    });
  }

  it('turns caching off on the first failed write, says so once naming the folder and the cause, and skips later writes', async () => {
    const told: string[] = [];
    const folder = new CacheFolder('/ro/cache', (message) => told.push(message));
    let tries = 0;
    const failing = async (): Promise<void> => {
      tries++;
      throw Object.assign(new Error("EROFS: read-only file system, open '/ro/cache/x'"), { code: 'EROFS' });
    };
    await folder.write(failing);
    await Promise.all([folder.write(failing), folder.write(failing)]);
    assert.equal(tries, 1);
    assert.equal(told.length, 1);
    assert.match(told[0]!, /^Cannot write the cache folder \/ro\/cache: the file system is read-only\. The map is built without caching/);
    assert.equal(folder.problem, told[0]);
  });

  it('lets an error that is not the file system\'s through (a bug is not a read-only folder)', async () => {
    const folder = new CacheFolder('/some/cache');
    await assert.rejects(folder.write(async () => { throw new TypeError('oops'); }), /oops/);
    assert.equal(folder.problem, undefined);
  });

  it('fails a vector cache save under a file with the real cause, for the index to turn caching off', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-folder-'));
    writeFileSync(path.join(dir, 'plain'), 'x');
    const cache = await VectorCache.open(path.join(dir, 'plain', 'cache'), 'builtin', DIMS);
    assert.equal(cache.size, 0);
    cache.set(textKey('a'), vector(1));
    await assert.rejects(cache.save(), { code: 'ENOTDIR' });
  });
});

describe('index snapshot shared by two windows on one folder', () => {
  const symbol = (name: string) => ({ name, kind: 'function' as const, container: '', params: [], line: 1, endLine: 2, comment: '' });
  const layout = (key: string) => ({ key, xy: [0, 0], ids: ['a.ts#a'], texts: ['0123abcd'], clusters: { assignment: [-1], list: [], regions: [], leaf: [-1] } });

  it('keeps the other window\'s layout, the newer entry of a file, and files only it read while they are unchanged on disk', async () => {
    const { SnapshotStore, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-share-'));
    const root = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-root-'));
    for (const name of ['a.ts', 'b.ts', 'kept.ts', 'deleted.ts']) writeFileSync(path.join(root, name), name);
    const entry = (file: string, mtimeMs: number, name: string) => ({ path: file, size: statSync(path.join(root, file)).size, mtimeMs, symbols: [symbol(name)] });
    const onDisk = (file: string) => entry(file, statSync(path.join(root, file)).mtimeMs, file);
    const first = new SnapshotStore(dir, root);
    const second = new SnapshotStore(dir, root);
    assert.equal(await first.load(), undefined);
    assert.equal(await second.load(), undefined);
    // The first window used one model and read kept.ts and deleted.ts (its include settings are wider).
    await first.save({ version: SNAPSHOT_VERSION, root, files: [entry('a.ts', 1, 'old'), onDisk('b.ts'), onDisk('kept.ts'), onDisk('deleted.ts')], layouts: [layout('model-one')] });
    rmSync(path.join(root, 'deleted.ts'));
    // The second, with another model and an older view of b.ts, saves after it without having read its snapshot.
    await second.save({ version: SNAPSHOT_VERSION, root, files: [entry('a.ts', 2, 'new'), entry('b.ts', 0, 'stale')], layouts: [layout('model-two')] });
    const merged = await new SnapshotStore(dir, root).load();
    assert.deepEqual(merged?.layouts.map((l) => l.key), ['model-two', 'model-one']);
    const names = Object.fromEntries(merged!.files.map((f) => [f.path, f.symbols[0]!.name]));
    assert.deepEqual(names, { 'a.ts': 'new', 'b.ts': 'b.ts', 'kept.ts': 'kept.ts' });
  });

  it('does not read the file again to save when nobody else wrote it since', async () => {
    const { SnapshotStore, SNAPSHOT_VERSION, snapshotFile } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-share-'));
    const root = '/some/workspace';
    const store = new SnapshotStore(dir, root);
    await store.save({ version: SNAPSHOT_VERSION, root, files: [], layouts: [layout('one')] });
    // Its own earlier layout is dropped on purpose (only the newest are kept): no merge brings it back.
    await store.save({ version: SNAPSHOT_VERSION, root, files: [], layouts: [layout('two')] });
    assert.deepEqual((await store.load())?.layouts.map((l) => l.key), ['two']);
    // Replaced by another writer meanwhile: merged.
    const other = new SnapshotStore(dir, root);
    await other.save({ version: SNAPSHOT_VERSION, root, files: [], layouts: [layout('three')] });
    await store.save({ version: SNAPSHOT_VERSION, root, files: [], layouts: [layout('four')] });
    assert.deepEqual((await store.load())?.layouts.map((l) => l.key), ['four', 'three', 'two']);
    assert.ok(existsSync(snapshotFile(dir, root)));
  });
});

describe('VectorCache shared with a vector store', () => {
  it('reads a vector in use from the store\'s row, lets the block it was read into go, and saves every vector unchanged', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-share-'));
    await filledCache(dir, 'builtin');
    const cache = await VectorCache.open(dir, 'builtin', DIMS);
    const used = textKey('text 3');
    const spare = textKey('text 4');
    const block = cache.get(used)!.buffer;
    assert.equal(cache.get(spare)!.buffer, block, 'opening reads every vector into one block');
    const row = Float32Array.from(cache.get(used)!);
    cache.share(used, row);
    cache.releaseBlock();
    assert.equal(cache.get(used), row, 'the vector in use is the store\'s row');
    assert.notEqual(cache.get(spare)!.buffer, block, 'the unused vector no longer holds the block');
    assert.deepEqual(cache.get(spare), vector(4));
    cache.set(textKey('new'), vector(11));
    await cache.save();
    const reopened = await VectorCache.open(dir, 'builtin', DIMS);
    for (let i = 0; i < 10; i++) assert.deepEqual(reopened.get(textKey(`text ${i}`)), vector(i));
    rmSync(dir, { recursive: true, force: true });
  });
});
