// One ranking everywhere (issue 17): for the same symbol, the CLI's
// `similar`, LatentIndex.similar (what Find Similar and the editor hover
// list) and the host's answer to the map's neighbours request give the same
// symbols in the same order, with the scores they were ranked by, best
// first. On lodash as npm publishes it, whose bundle copies of every module
// (lodash.js, core.js) are lowered by the priors: where the shown score was
// not the ranking's, its lists read 0.87, 0.91, 0.87.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { LatentIndex } from '../../src/core/indexer';
import type { IndexedSymbol, RankedSymbol } from '../../src/core/types';
import { handleWebviewMessage, type MessageHost } from '../../src/extension/webviewMessages';
import type { ToWebviewMessage } from '../../src/shared/protocol';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
// Installed with the dev tools (npm ls lodash); the package as published, 1,046 files.
const LODASH = path.dirname(require.resolve('lodash/package.json'));
/** Targets with namesakes in the bundles, with and without comments, and one method-free helper. */
const TARGETS = ['uniq', 'debounce', 'isEqual', 'chunk', 'memoize', 'baseFlatten'];
const K = 10;

interface Listed {
  readonly target?: string;
  readonly query?: string;
  readonly results: readonly RankedSymbol[];
}

function cli(args: string[]): Listed {
  const run = spawnSync(process.execPath, [CLI, ...args, '--json', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Listed;
}

function assertBestFirst(results: readonly RankedSymbol[], what: string): void {
  const scores = results.map((r) => r.score);
  assert.ok(
    scores.every((s, i) => i === 0 || s <= scores[i - 1]!),
    `${what} lists its scores best first: ${scores.map((s) => s.toFixed(3)).join(', ')}`,
  );
}

const sameList = (r: readonly RankedSymbol[]) => r.map((x) => `${x.id} ${x.score}`);

describe('one ranking everywhere', () => {
  let index: LatentIndex;
  let cacheDir: string;

  before(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-ranking-cache-'));
    index = await LatentIndex.build({ root: LODASH, model: 'builtin', cacheDir });
  });

  after(async () => {
    await index?.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const name of TARGETS) {
    test(`${name}: the CLI, the index and the map's neighbours list the same symbols in the same order, best first`, async () => {
      const symbol = index.symbolNamed(name)!;
      assert.ok(symbol, `${name} is on the map`);
      const ranked = await index.similar(symbol.id, K);
      assert.ok(ranked.length === K);
      assertBestFirst(ranked, `similar(${name})`);
      assert.ok(ranked.every((r) => r.score > 0 && r.score <= 1 && r.id !== symbol.id));

      const printed = cli(['similar', LODASH, name, '-k', String(K), '--cache-dir', cacheDir]);
      assert.equal(printed.target, symbol.id, 'the CLI means the same symbol by the name');
      assert.deepEqual(sameList(printed.results), sameList(ranked));

      const posted: ToWebviewMessage[] = [];
      const host: MessageHost = {
        index,
        neighbours: K,
        ready: () => undefined,
        open: async () => undefined,
        post: (m) => void posted.push(m),
        storeColourBy: async () => undefined,
        dropped: (reason) => assert.fail(`dropped: ${reason}`),
        inFlight: new Map(),
        act: async () => undefined,
        exportSymbols: async () => undefined,
        savePng: async () => undefined,
      };
      await handleWebviewMessage({ type: 'neighbours', requestId: 1, id: symbol.id }, host);
      const reply = posted[0];
      assert.ok(reply?.type === 'neighbours');
      assert.deepEqual(sameList(reply.results), sameList(ranked));

      // Find Similar lists more than the tooltip: the tooltip's list is its start.
      assert.deepEqual(sameList((await index.similar(symbol.id, 25)).slice(0, K)), sameList(ranked));
    });
  }

  test('a target given as file:line is the same symbol and the same list as by its name', async () => {
    const symbol = index.symbolNamed('debounce')!;
    const byLine = cli(['similar', LODASH, `${symbol.file}:${symbol.line}`, '-k', String(K), '--cache-dir', cacheDir]);
    assert.equal(byLine.target, symbol.id);
    assert.deepEqual(sameList(byLine.results), sameList(await index.similar(symbol.id, K)));
  });

  test('a name with namesakes means the one declared where the word is, else the module named after it', () => {
    const all = index.symbols.filter((s) => s.name === 'debounce');
    assert.ok(all.length >= 2, `debounce has copies: ${all.map((s) => s.file).join(', ')}`);
    assert.equal(index.symbolNamed('debounce')!.file, 'debounce.js');
    const copy = all.find((s) => s.file !== 'debounce.js')! as IndexedSymbol;
    assert.equal(index.symbolNamed('debounce', { file: copy.file, line: copy.line })!.id, copy.id);
    assert.equal(index.symbolNamed('no such symbol anywhere'), undefined);
  });

  test('term neighbours and search list their scores best first too', () => {
    for (const term of ['remove duplicates', 'delay a function call', 'deep equality']) {
      assertBestFirst(cli(['neighbours', LODASH, term, '-k', '15', '--cache-dir', cacheDir]).results, `neighbours "${term}"`);
      assertBestFirst(cli(['search', LODASH, term, '-k', '15', '--cache-dir', cacheDir]).results, `search "${term}"`);
    }
  });
});
