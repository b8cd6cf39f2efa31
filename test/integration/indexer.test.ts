import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createEmbedder } from '../../src/core/embed';
import { LatentIndex, type IndexOptions } from '../../src/core/indexer';
import type { Progress } from '../../src/core/types';

const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

function workspace(): { root: string; cacheDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'lm-index-'));
  cpSync(FIXTURE, root, { recursive: true });
  return { root, cacheDir: mkdtempSync(path.join(tmpdir(), 'lm-index-cache-')) };
}

async function build(options: IndexOptions): Promise<LatentIndex> {
  return LatentIndex.build({ model: 'builtin', ...options });
}

describe('LatentIndex', () => {
  it('updates a changed file incrementally: only new texts are embedded and untouched symbols keep their place', async () => {
    const { root, cacheDir } = workspace();
    const index = await build({ root, cacheDir });
    try {
      const before = new Map(index.toJson().symbols.map((s) => [s.id, s]));
      const file = path.join(root, 'src/net/http.ts');
      writeFileSync(
        file,
        `${readFileSync(file, 'utf8')}\n/** Opens a websocket connection to a server. */\nexport function openSocket(address: string): void {}\n`,
      );
      rmSync(path.join(root, 'src/ui/button.ts'));
      const change = await index.updateFiles(['src/net/http.ts'], ['src/ui/button.ts']);
      assert.deepEqual(change.upserted.map((s) => s.name), ['openSocket']);
      assert.deepEqual(change.removed.sort(), ['src/ui/button.ts#drawButton', 'src/ui/button.ts#paintRectangle', 'src/ui/button.ts#renderTooltip']);
      assert.ok(index.symbol('src/net/http.ts#openSocket'));
      assert.equal(index.symbol('src/ui/button.ts#drawButton'), undefined);
      const after = index.toJson().symbols.find((s) => s.id === 'src/io/files.ts#readFileContents')!;
      assert.equal(after.x, before.get(after.id)!.x);
      assert.equal(after.y, before.get(after.id)!.y);
      const socket = index.toJson().symbols.find((s) => s.name === 'openSocket')!;
      assert.ok(Number.isFinite(socket.x) && Number.isFinite(socket.y));
      const found = await index.search('open a websocket connection', 1);
      assert.equal(found[0]?.name, 'openSocket');
    } finally {
      await index.dispose();
    }
    // The update was saved: a reopen embeds nothing and sees the change.
    const reopened = await build({ root, cacheDir });
    try {
      assert.equal(reopened.stats.embedded, 0);
      assert.ok(reopened.symbol('src/net/http.ts#openSocket'));
      assert.equal(reopened.symbol('src/ui/button.ts#drawButton'), undefined);
    } finally {
      await reopened.dispose();
    }
  });

  it('leaves out a new file that .gitignore or the excludes leave out, as a full index would', async () => {
    const { root, cacheDir } = workspace();
    const index = await build({ root, cacheDir, exclude: ['*.spec.ts'] });
    try {
      writeFileSync(path.join(root, '.gitignore'), 'generated/\n');
      mkdirSync(path.join(root, 'generated'));
      writeFileSync(path.join(root, 'generated/api.ts'), 'export function generatedThing() {}\n');
      writeFileSync(path.join(root, 'src/io/files.spec.ts'), 'export function specThing() {}\n');
      writeFileSync(path.join(root, 'src/io/extra.ts'), 'export function extraThing() {}\n');
      const change = await index.updateFiles(['generated/api.ts', 'src/io/files.spec.ts', 'src/io/extra.ts'], []);
      assert.deepEqual(change.upserted.map((s) => s.name), ['extraThing']);
    } finally {
      await index.dispose();
    }
  });

  it('reopens an unchanged folder from its caches: same map and clusters, no layout, snapshot left as it was, and search works', async () => {
    const { root, cacheDir } = workspace();
    writeFileSync(path.join(root, 'src/io/checks.ts'), '/** Whether a file is empty. */\nexport function isEmptyFile(size: number): boolean { return size === 0; }\n');
    const first = await build({ root, cacheDir });
    const expected = first.toJson();
    assert.equal(first.symbol('src/io/checks.ts#isEmptyFile')?.returnsBoolean, true);
    await first.dispose();
    const snapshot = readdirSync(cacheDir).find((f) => f.startsWith('index-'))!;
    const before = statSync(path.join(cacheDir, snapshot)).mtimeMs;
    let laidOut = false;
    const again = await build({ root, cacheDir, onSymbols: () => (laidOut = true) });
    try {
      assert.equal(laidOut, false);
      assert.equal(again.stats.embedded, 0);
      assert.deepEqual(again.toJson().symbols, expected.symbols);
      assert.deepEqual(again.toJson().clusters, expected.clusters);
      assert.equal(statSync(path.join(cacheDir, snapshot)).mtimeMs, before);
      // Read back from the snapshot, not extracted again.
      assert.equal(again.symbol('src/io/checks.ts#isEmptyFile')?.returnsBoolean, true);
      // The model was not waited for; the first query waits for it.
      const found = await again.search('read the contents of a file', 3);
      assert.ok(found.some((r) => r.name === 'readFileContents'), JSON.stringify(found));
    } finally {
      await again.dispose();
    }
  });

  it('finds the innermost symbol at a line', async () => {
    const { root, cacheDir } = workspace();
    const index = await build({ root, cacheDir });
    try {
      assert.equal(index.symbolAt('src/io/files.ts', 23)?.id, 'src/io/files.ts#FileCache.get');
      assert.equal(index.symbolAt('src/io/files.ts', 19)?.id, 'src/io/files.ts#FileCache');
      assert.equal(index.symbolAt('src/io/files.ts', 1), undefined);
    } finally {
      await index.dispose();
    }
  });

  for (const phase of ['discover', 'extract', 'embed', 'project'] as const) {
    it(`cancelled during ${phase}, it stops, and the next run completes with the same answers as a clean one`, async () => {
      const { root, cacheDir } = workspace();
      const controller = new AbortController();
      const onProgress = (p: Progress): void => {
        if (p.phase === phase) controller.abort();
      };
      await assert.rejects(build({ root, cacheDir, signal: controller.signal, onProgress }), { name: 'CancelledError' });
      assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')), []);
      const next = await build({ root, cacheDir });
      const clean = await build({ root, cacheDir: mkdtempSync(path.join(tmpdir(), 'lm-index-clean-')) });
      try {
        assert.deepEqual(next.toJson().symbols, clean.toJson().symbols);
      } finally {
        await next.dispose();
        await clean.dispose();
      }
    });
  }

  it('gives every symbol its own text\'s vector when texts repeat and only some are new to the cache', async () => {
    const { root, cacheDir } = workspace();
    await (await build({ root, cacheDir })).dispose();
    // Two files, one among the others and one last, each with two functions whose texts the other file repeats.
    const twins = '/** Reads the settings file from disk. */\nexport function loadSettings() {}\n/** Sorts rows by date. */\nexport function sortRows() {}\n';
    writeFileSync(path.join(root, 'src', 'm-twins.ts'), `${twins}export function onlyInM() {}\n`);
    writeFileSync(path.join(root, 'zz-twins.ts'), `${twins}export function onlyInZz() {}\n`);
    const index = await build({ root, cacheDir });
    const embedder = await createEmbedder({ model: 'builtin' });
    try {
      // Four texts are new: the two shared ones once each, and one per file.
      assert.equal(index.stats.embedded, 4);
      const { symbols, vectors, dimensions } = await index.embedding();
      const expected = await embedder.embed(symbols.map((s) => s.text));
      assert.deepEqual(vectors, expected);
      const at = (name: string) => symbols.filter((s) => s.name === name).length;
      assert.equal(at('loadSettings'), 2);
      assert.equal(at('sortRows'), 2);
      assert.ok(dimensions > 0);
    } finally {
      await embedder.dispose();
      await index.dispose();
    }
  });

  it('a damaged vector cache is rebuilt and gives the same map as a clean run', async () => {
    const { root, cacheDir } = workspace();
    const first = await build({ root, cacheDir });
    const expected = first.toJson().symbols;
    await first.dispose();
    for (const name of readdirSync(cacheDir)) {
      const file = path.join(cacheDir, name);
      const bytes = readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
      writeFileSync(file, bytes);
    }
    const warnings: string[] = [];
    const again = await build({ root, cacheDir, onWarning: (m) => warnings.push(m) });
    try {
      assert.ok(warnings.some((w) => /cache was discarded/.test(w)), warnings.join('\n'));
      assert.equal(again.stats.embedded, expected.length);
      assert.deepEqual(again.toJson().symbols, expected);
    } finally {
      await again.dispose();
    }
  });
});
