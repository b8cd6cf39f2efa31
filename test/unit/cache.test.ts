import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { textKey, VectorCache } from '../../src/core/cache';

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

  it('gives back files (with which symbols are internal and which return a boolean) and layouts with their clusters as saved, and nothing once truncated or for another folder', async () => {
    const { loadSnapshot, saveSnapshot, snapshotFile, SNAPSHOT_VERSION } = await import('../../src/core/cache');
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-snapshot-'));
    const root = '/some/workspace';
    const symbol = (name: string) => ({ name, kind: 'function' as const, container: '', params: [], line: 1, endLine: 2, comment: `Line one.\nLine "two".` });
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `src/f${i}.ts`, size: i, mtimeMs: i + 0.5, symbols: [symbol(`a${i}`), { ...symbol(`b${i}`), internal: true as const }, { ...symbol(`is${i}`), returnsBoolean: true as const }] }));
    const top = { id: 0, label: 'read file', size: 1, x: 0.1, y: -0.2, level: 0, parent: -1 };
    const layout = { key: 'k1', xy: [0.1, -0.2, 0.3, 0.4], clusters: { assignment: [0, -1], list: [top], regions: [top, { id: 1, label: 'read', size: 1, x: 0.1, y: -0.2, level: 1, parent: 0 }], leaf: [1, -1] } };
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
