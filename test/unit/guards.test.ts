import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFromWebviewMessage, isToWebviewMessage, LIMITS } from '../../src/shared/guards';
import type { MapSymbol } from '../../src/core/types';

const symbol: MapSymbol = {
  id: 'src/a.ts#parseUrl',
  name: 'parseUrl',
  kind: 'function',
  container: '',
  file: 'src/a.ts',
  line: 3,
  endLine: 9,
  comment: 'Parses a URL.',
  x: 1.5,
  y: -2,
  cluster: 0,
  region: 0,
};
const ranked = { id: symbol.id, name: symbol.name, kind: symbol.kind, container: symbol.container, file: symbol.file, line: 3, score: 0.9 };
const map = {
  type: 'map',
  map: {
    root: '/w',
    model: { id: 'builtin', dimensions: 100 },
    symbols: [symbol],
    clusters: [{ id: 0, label: 'url parse', size: 1, x: 1.5, y: -2, level: 0, parent: -1 }],
    regions: [{ id: 0, label: 'url parse', size: 1, x: 1.5, y: -2, level: 0, parent: -1 }],
  },
};

test('every well-formed host message is accepted', () => {
  const good: unknown[] = [
    map,
    { type: 'layout', xy: [0, 1, 2, 3] },
    { type: 'update', upserted: [symbol], removed: ['src/b.ts#old'] },
    { type: 'status', state: 'indexing', message: 'embedding 3/10' },
    { type: 'neighbours', requestId: 4, id: symbol.id, results: [ranked] },
    { type: 'searchResults', requestId: 5, query: 'parse', results: [ranked] },
    { type: 'reveal', id: symbol.id },
    { type: 'settings', colourBy: 'kind', neighbours: 8 },
  ];
  for (const m of good) assert.equal(isToWebviewMessage(m), true, JSON.stringify(m).slice(0, 80));
});

test('symbols may carry fields added to the contract later', () => {
  const extended = { ...map, map: { ...map.map, symbols: [{ ...symbol, score: 1, extra: 'x' }] } };
  assert.equal(isToWebviewMessage(extended), true);
});

test('a host message with a wrong shape anywhere is dropped', () => {
  const bad: unknown[] = [
    null,
    'map',
    [],
    { type: 'map' },
    { ...map, extra: 1 },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, x: Number.NaN }] } },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, y: Infinity }] } },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, kind: 'script' }] } },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, id: '' }] } },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, line: 1.5 }] } },
    { type: 'map', map: { ...map.map, symbols: [{ ...symbol, name: 'x'.repeat(LIMITS.text + 1) }] } },
    { type: 'map', map: { ...map.map, symbols: {} } },
    { type: 'map', map: { ...map.map, clusters: [{ id: 0, label: 3, size: 1, x: 0, y: 0, level: 0, parent: -1 }] } },
    { type: 'layout', xy: [0, 1, 2] },
    { type: 'layout', xy: [0, '1'] },
    { type: 'update', upserted: [symbol], removed: [3] },
    { type: 'status', state: 'done', message: '' },
    { type: 'neighbours', requestId: -1, id: symbol.id, results: [] },
    { type: 'neighbours', requestId: 1, id: symbol.id, results: [{ ...ranked, score: 'high' }] },
    { type: 'searchResults', requestId: 1, query: 'q'.repeat(LIMITS.query + 1), results: [] },
    { type: 'reveal', id: 7 },
    { type: 'settings', colourBy: 'colour', neighbours: 8 },
    { type: 'settings', colourBy: 'kind', neighbours: 0 },
    { type: 'open', id: symbol.id },
  ];
  for (const m of bad) assert.equal(isToWebviewMessage(m), false, JSON.stringify(m)?.slice(0, 80));
});

test('every well-formed webview message is accepted', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'open', id: symbol.id },
    { type: 'neighbours', requestId: 0, id: symbol.id },
    { type: 'search', requestId: 12, query: 'parse a url' },
    { type: 'colourBy', value: 'cluster' },
  ];
  for (const m of good) assert.equal(isFromWebviewMessage(m), true, JSON.stringify(m));
});

test('a webview request cannot name a path or carry extra fields', () => {
  const bad: unknown[] = [
    { type: 'open', id: symbol.id, path: '/etc/passwd' },
    { type: 'open', file: '/etc/passwd', line: 1 },
    { type: 'open', id: '' },
    { type: 'open', id: ['a'] },
    { type: 'ready', now: true },
    { type: 'search', requestId: 1.5, query: 'x' },
    { type: 'search', requestId: 1, query: 'x'.repeat(LIMITS.query + 1) },
    { type: 'neighbours', requestId: Number.POSITIVE_INFINITY, id: 'a' },
    { type: 'colourBy', value: 'rainbow' },
    { type: 'map', map: map.map },
    { type: '__proto__' },
  ];
  for (const m of bad) assert.equal(isFromWebviewMessage(m), false, JSON.stringify(m));
});

/** A small seeded generator (mulberry32) so a failing fuzz case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() * 1e6 - 5e5;
    case 3:
      return [Number.NaN, Infinity, -0, 2 ** 60][Math.floor(r() * 4)];
    case 4:
      return ['', 'open', 'map', '<script>alert(1)</script>', '../../etc/passwd', 'x'.repeat(70_000)][Math.floor(r() * 6)];
    case 5:
      return r() < 0.5;
    case 6:
    case 7:
      return depth > 2 ? {} : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      if (depth > 2) return {};
      const types = ['ready', 'open', 'neighbours', 'search', 'colourBy', 'map', 'layout', 'update', 'status', 'reveal', 'settings', 'searchResults', 'bogus'];
      const keys = ['type', 'id', 'requestId', 'query', 'value', 'map', 'xy', 'results', 'path', 'state', 'message'];
      const o: Record<string, unknown> = { type: types[Math.floor(r() * types.length)] };
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) o[keys[Math.floor(r() * keys.length)]] = randomValue(r, depth + 1);
      return o;
    }
  }
}

test('a thousand random and malformed messages never throw and only valid ones pass', () => {
  const r = rng(20261128);
  let accepted = 0;
  for (let i = 0; i < 2000; i++) {
    const m = randomValue(r, 0);
    const from = isFromWebviewMessage(m);
    const to = isToWebviewMessage(m);
    if (from) {
      accepted++;
      // Whatever passes is one of the five request shapes and nothing more.
      const rec = m as unknown as Record<string, unknown>;
      assert.ok(['ready', 'open', 'neighbours', 'search', 'colourBy'].includes(rec.type as string));
      assert.equal('path' in rec, false);
    }
    if (to) assert.ok(typeof (m as { type: unknown }).type === 'string');
  }
  // The generator hits a few valid shapes (e.g. `{type:'ready'}`); the point is that none throws.
  assert.ok(accepted >= 0);
});
