import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { LatentIndex } from '../../src/core/indexer';
import type { IndexedSymbol } from '../../src/core/types';
import { isFromWebviewMessage } from '../../src/shared/guards';
import type { ColourBy, ToWebviewMessage } from '../../src/shared/protocol';
import { describeUntrusted, handleWebviewMessage, MAP_SEARCH_RELATIVE_CUTOFF, MAP_SEARCH_RESULTS, type MessageHost } from '../../src/extension/webviewMessages';

const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

/** A host that records what the handler asked of it. */
function recorder(index: LatentIndex | undefined) {
  const opened: IndexedSymbol[] = [];
  const posted: ToWebviewMessage[] = [];
  const stored: ColourBy[] = [];
  const dropped: string[] = [];
  const acted: string[] = [];
  const exported: string[][] = [];
  const pngs: Uint8Array[] = [];
  let ready = 0;
  const host: MessageHost = {
    index,
    neighbours: 7,
    ready: () => void ready++,
    open: async (symbol) => void opened.push(symbol),
    post: (message) => void posted.push(message),
    storeColourBy: async (value) => void stored.push(value),
    dropped: (reason) => void dropped.push(reason),
    inFlight: new Map(),
    act: async (action, symbol) => void acted.push(`${action} ${symbol.id}`),
    exportSymbols: async (symbols) => void exported.push(symbols.map((s) => s.id)),
    savePng: async (bytes) => void pngs.push(bytes),
  };
  return { host, opened, posted, stored, dropped, acted, exported, pngs, readyCount: () => ready };
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('messages from the map page', () => {
  let index: LatentIndex;
  let cacheDir: string;

  before(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-messages-cache-'));
    index = await LatentIndex.build({ root: FIXTURE, model: 'builtin', cacheDir });
  });

  after(async () => {
    await index?.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('an open request names a symbol by id and opens exactly that symbol', async () => {
    const target = index.symbols[0]!;
    const r = recorder(index);
    await handleWebviewMessage({ type: 'open', id: target.id }, r.host);
    assert.deepEqual(r.opened.map((s) => s.id), [target.id]);
  });

  test('an open request naming a path or an unknown id opens nothing', async () => {
    const r = recorder(index);
    for (const id of ['/etc/passwd', '../../../etc/passwd', path.join(FIXTURE, index.symbols[0]!.file), 'src/none.ts#nothing']) {
      await handleWebviewMessage({ type: 'open', id }, r.host);
    }
    await handleWebviewMessage({ type: 'open', id: index.symbols[0]!.id, path: '/etc/passwd' }, r.host);
    await handleWebviewMessage({ type: 'open', file: '/etc/passwd', line: 1 }, r.host);
    assert.deepEqual(r.opened, []);
    assert.equal(r.dropped.length, 6);
  });

  test('map actions and exports name symbols by id: only symbols of the index are acted on or exported', async () => {
    const r = recorder(index);
    const [a, b] = [index.symbols[0]!, index.symbols[1]!];
    await handleWebviewMessage({ type: 'action', action: 'copyLocation', id: a.id }, r.host);
    await handleWebviewMessage({ type: 'action', action: 'findSimilar', id: 'src/none.ts#nothing' }, r.host);
    await handleWebviewMessage({ type: 'action', action: 'deleteFile', id: a.id }, r.host);
    await handleWebviewMessage({ type: 'exportSymbols', ids: [a.id, '/etc/passwd', b.id] }, r.host);
    await handleWebviewMessage({ type: 'exportSymbols', ids: ['/etc/passwd'] }, r.host);
    assert.deepEqual(r.acted, [`copyLocation ${a.id}`]);
    assert.deepEqual(r.exported, [[a.id, b.id]]);
    assert.equal(r.dropped.length, 3);
  });

  test('a PNG is saved only when the data URL holds a PNG', async () => {
    const r = recorder(index);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await handleWebviewMessage({ type: 'savePng', dataUrl: `data:image/png;base64,${png.toString('base64')}` }, r.host);
    await handleWebviewMessage({ type: 'savePng', dataUrl: `data:image/png;base64,${Buffer.from('#!/bin/sh\nrm -rf ~').toString('base64')}` }, r.host);
    await handleWebviewMessage({ type: 'savePng', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }, r.host);
    assert.deepEqual(r.pngs.map((b) => Buffer.from(b).equals(png)), [true]);
    assert.equal(r.dropped.length, 2);
  });

  test('similar to a selection ranks other symbols, best first, none of the selection', async () => {
    const r = recorder(index);
    const ids = index.symbols.slice(0, 3).map((s) => s.id);
    await handleWebviewMessage({ type: 'similarToMany', requestId: 4, ids }, r.host);
    const reply = r.posted[0];
    assert.ok(reply?.type === 'searchResults' && reply.requestId === 4);
    assert.ok(reply.results.length > 0);
    assert.ok(reply.results.every((x) => !ids.includes(x.id)), 'no selected symbol among the results');
    for (let i = 1; i < reply.results.length; i++) assert.ok(reply.results[i - 1]!.score >= reply.results[i]!.score, 'sorted by score');
  });

  test('a search the page cancels while the host works on it is never answered; the next one is', async () => {
    const r = recorder(index);
    const cancelled = handleWebviewMessage({ type: 'search', requestId: 7, query: 'read a file from disk' }, r.host);
    assert.equal(r.host.inFlight.size, 1, 'the search is in flight');
    await handleWebviewMessage({ type: 'cancel', requestId: 7 }, r.host);
    await cancelled;
    await handleWebviewMessage({ type: 'search', requestId: 8, query: 'read a file from disk' }, r.host);
    assert.deepEqual(
      r.posted.map((m) => (m.type === 'searchResults' ? m.requestId : m.type)),
      [8],
    );
    assert.equal(r.host.inFlight.size, 0);
  });

  test('neighbour and search requests are answered from the index with the request id', async () => {
    const r = recorder(index);
    const target = index.symbols[0]!;
    await handleWebviewMessage({ type: 'neighbours', requestId: 3, id: target.id }, r.host);
    await handleWebviewMessage({ type: 'search', requestId: 4, query: 'read a file' }, r.host);
    const [neighbours, search] = r.posted;
    assert.equal(neighbours?.type, 'neighbours');
    assert.equal(neighbours?.type === 'neighbours' && neighbours.requestId, 3);
    assert.equal(neighbours?.type === 'neighbours' && neighbours.results.length, Math.min(7, index.symbols.length - 1));
    assert.ok(neighbours?.type === 'neighbours' && neighbours.results.every((n) => n.id !== target.id));
    assert.equal(search?.type === 'searchResults' && search.requestId, 4);
    assert.ok(search?.type === 'searchResults' && search.results.length > 0);
  });

  test('the map is sent the search results worth highlighting: the best first, none under half its score', async () => {
    const r = recorder(index);
    await handleWebviewMessage({ type: 'search', requestId: 5, query: 'read the contents of a file from disk' }, r.host);
    const sent = r.posted[0];
    assert.ok(sent?.type === 'searchResults');
    const all = await index.search('read the contents of a file from disk', MAP_SEARCH_RESULTS);
    assert.ok(all.some((x) => x.score < all[0]!.score * MAP_SEARCH_RELATIVE_CUTOFF), 'the full ranking has a weak tail to cut');
    assert.deepEqual(
      sent.results.map((x) => x.id),
      all.filter((x) => x.score >= all[0]!.score * MAP_SEARCH_RELATIVE_CUTOFF).map((x) => x.id),
    );
    assert.equal(sent.results[0]?.name, 'readFileContents');
  });

  test('with no index yet, requests are answered with nothing and nothing opens', async () => {
    const r = recorder(undefined);
    await handleWebviewMessage({ type: 'open', id: index.symbols[0]!.id }, r.host);
    await handleWebviewMessage({ type: 'search', requestId: 1, query: 'x' }, r.host);
    await handleWebviewMessage({ type: 'ready' }, r.host);
    assert.deepEqual(r.opened, []);
    assert.deepEqual(r.posted, []);
    assert.equal(r.readyCount(), 1);
  });

  test('two thousand random and malformed messages throw nothing, and only a well-formed open of an indexed id opens, exactly that symbol', async () => {
    const next = random(20261128);
    const ids = index.symbols.map((s) => s.id);
    const junk: unknown[] = [
      null, undefined, 0, -1, NaN, Infinity, '', 'open', [], [1, 2], true, {}, Symbol('x'), () => 1,
      '<script>alert(1)</script>', '\u202e\u200b', 'x'.repeat(100_000), BigInt(7),
    ];
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const types = ['ready', 'open', 'neighbours', 'search', 'colourBy', 'map', 'reveal', '__proto__', 'constructor', 'OPEN', ''];
    const value = (): unknown => (next() < 0.5 ? pick(junk) : next() < 0.5 ? Math.floor(next() * 1e6) - 5 : `${pick(ids)}${next() < 0.5 ? '' : '/../x'}`);
    const r = recorder(index);
    let valid = 0;
    const expectedOpens: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const message: Record<string, unknown> = { type: pick(types) };
      for (const key of ['id', 'requestId', 'query', 'value', 'path', 'file', 'line']) if (next() < 0.4) message[key] = value();
      if (next() < 0.05) Object.setPrototypeOf(message, { type: 'open', id: pick(ids) });
      // One in ten is shaped like a real open request, naming an indexed id, a path built on one, or junk.
      const raw = next() < 0.1 ? pick(junk) : next() < 0.1 ? { type: 'open', id: value() } : message;
      // The guard's verdict is tested on its own (test/unit/guards.test.ts); here it says which messages may act.
      const opens = isFromWebviewMessage(raw) && raw.type === 'open' && index.symbol(raw.id) !== undefined;
      if (opens) expectedOpens.push(raw.id);
      const before = r.dropped.length;
      await assert.doesNotReject(handleWebviewMessage(raw, r.host));
      if (r.dropped.length === before) valid++;
    }
    assert.deepEqual(r.opened.map((s) => s.id), expectedOpens, 'exactly the well-formed opens of indexed ids opened, in order');
    for (const symbol of r.opened) assert.equal(index.symbol(symbol.id), symbol, 'what opens is the index\'s own symbol');
    assert.ok(expectedOpens.length > 0, 'some random messages were well-formed opens of indexed ids');
    assert.ok(r.dropped.length > 1000, `most random messages should be dropped, ${r.dropped.length} were`);
    assert.ok(valid > 0, 'some random messages should be well formed');
  });

  test('what a hostile page sends is logged short and on one line', () => {
    const text = describeUntrusted({ type: 'open', id: `a\nb\u202e${'x'.repeat(1000)}` });
    assert.ok(text.length <= 121);
    assert.doesNotMatch(text, /[\n\u202e]/);
    assert.equal(describeUntrusted(BigInt(1)), '[object BigInt]');
  });
});
