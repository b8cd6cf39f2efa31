import { describe, it, test } from 'node:test';
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
    { type: 'layout', xy: Float32Array.of(0, 1, 2, 3) },
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
    { type: 'layout', xy: Float32Array.of(0, 1, 2) },
    { type: 'layout', xy: Float32Array.of(0, NaN) },
    { type: 'layout', xy: Float64Array.of(0, 1) },
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

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, max: number): number => Math.floor(r() * max);

/** Text a hostile page or workspace might send: markup, paths, invisible characters. */
function text(r: Random, min: number, max: number): string {
  const pieces = ['a', 'Z', '0', ' ', '/', '..', '#', '.', '<script>', '"', '\u202e', '\u200b', '😀', '\n', 'ü'];
  const length = min + int(r, Math.min(max - min, 40) + 1);
  let out = '';
  while (out.length < length) out += pick(r, pieces);
  return out.slice(0, Math.max(min, Math.min(length, max)));
}

/** One field of a message: how to make a valid value, and values the guard must refuse. */
interface Field {
  readonly valid: (r: Random) => unknown;
  readonly invalid: readonly unknown[];
}

const id: Field = {
  valid: (r) => (r() < 0.05 ? 'x'.repeat(LIMITS.text) : text(r, 1, 60)),
  invalid: ['', 7, null, ['a'], 'x'.repeat(LIMITS.text + 1), undefined],
};
const requestId: Field = {
  valid: (r) => pick(r, [0, int(r, 1e9), Number.MAX_SAFE_INTEGER]),
  invalid: [-1, 1.5, Number.NaN, Infinity, '3', null, 2 ** 60],
};
const query: Field = {
  valid: (r) => (r() < 0.05 ? 'q'.repeat(LIMITS.query) : text(r, 0, 80)),
  invalid: ['q'.repeat(LIMITS.query + 1), 3, null, {}],
};
const colourBy: Field = { valid: (r) => pick(r, ['folder', 'kind', 'cluster']), invalid: ['rainbow', '', 'Folder', 1] };
const randomSymbol = (r: Random): MapSymbol => ({ ...symbol, id: text(r, 1, 30), name: text(r, 0, 30), x: r() * 10 - 5, y: r() * 10 - 5, cluster: int(r, 5) - 1 });
const randomRanked = (r: Random) => ({ ...ranked, id: text(r, 1, 30), score: r() });
const list = <T>(r: Random, item: (r: Random) => T): T[] => Array.from({ length: int(r, 4) }, () => item(r));

/** The five requests a page may send, by type. */
const REQUESTS: Record<string, Record<string, Field>> = {
  ready: {},
  open: { id },
  neighbours: { requestId, id },
  search: { requestId, query },
  colourBy: { value: colourBy },
};

/** Everything the host may post, by type. */
const HOST_MESSAGES: Record<string, Record<string, Field>> = {
  map: {
    map: {
      valid: (r) => ({ ...map.map, symbols: list(r, randomSymbol) }),
      invalid: [
        null,
        { ...map.map, symbols: [{ ...symbol, x: Number.NaN }] },
        { ...map.map, symbols: [{ ...symbol, kind: 'script' }] },
        { ...map.map, symbols: [{ ...symbol, id: '' }] },
        { ...map.map, symbols: [{ ...symbol, line: 1.5 }] },
        { ...map.map, clusters: [{ id: 0, label: 3, size: 1, x: 0, y: 0 }] },
      ],
    },
  },
  layout: {
    xy: { valid: (r) => Array.from({ length: 2 * int(r, 5) }, () => r() * 2 - 1), invalid: [[0, 1, 2], [0, Number.NaN], [0, '1'], {}] },
  },
  update: {
    upserted: { valid: (r) => list(r, randomSymbol), invalid: [[{ ...symbol, y: Infinity }], null] },
    removed: { valid: (r) => list(r, (q) => text(q, 1, 30)), invalid: [[3], [''], 'src/a.ts#x'] },
  },
  status: {
    state: { valid: (r) => pick(r, ['indexing', 'ready', 'error']), invalid: ['done', '', 1] },
    message: { valid: (r) => text(r, 0, 80), invalid: ['m'.repeat(LIMITS.status + 1), 3, null] },
  },
  neighbours: {
    requestId,
    id,
    results: { valid: (r) => list(r, randomRanked), invalid: [[{ ...ranked, score: 'high' }], [{ ...ranked, score: Number.NaN }], {}] },
  },
  searchResults: {
    requestId,
    query,
    results: { valid: (r) => list(r, randomRanked), invalid: [[{ ...ranked, kind: 'script' }], null] },
  },
  reveal: { id },
  settings: {
    colourBy,
    neighbours: { valid: (r) => 1 + int(r, LIMITS.neighbours), invalid: [0, LIMITS.neighbours + 1, 2.5, '8'] },
  },
};

/**
 * A random message of one direction with the verdict its guard must give:
 * well formed, or well formed but for one defect that the guard must catch
 * (a bad field, a missing field, an extra field, an unknown type, not an object).
 */
function randomMessage(r: Random, shapes: Record<string, Record<string, Field>>): { message: unknown; valid: boolean; defect: string } {
  const type = pick(r, Object.keys(shapes));
  const fields = shapes[type]!;
  const message: Record<string, unknown> = { type };
  for (const [key, field] of Object.entries(fields)) message[key] = field.valid(r);
  const keys = Object.keys(fields);
  const defect = pick(r, ['none', 'none', 'bad field', 'missing field', 'extra field', 'unknown type', 'not an object']);
  switch (defect) {
    case 'bad field': {
      if (keys.length === 0) return { message: { type, extra: 1 }, valid: false, defect: 'extra field' };
      const key = pick(r, keys);
      message[key] = pick(r, fields[key]!.invalid);
      return { message, valid: false, defect };
    }
    case 'missing field':
      if (keys.length === 0) return { message: {}, valid: false, defect: 'no type' };
      delete message[pick(r, keys)];
      return { message, valid: false, defect };
    case 'extra field':
      message[pick(r, ['path', 'file', 'line', 'html', 'constructor'])] = pick(r, ['/etc/passwd', 1, '<img src=x onerror=alert(1)>']);
      return { message, valid: false, defect };
    case 'unknown type':
      message.type = pick(r, ['OPEN', 'bogus', '', 7, null, '__proto__', 'toString']);
      return { message, valid: false, defect };
    case 'not an object':
      return { message: pick(r, [null, undefined, 'open', 42, [message], true]), valid: false, defect };
    default:
      return { message, valid: true, defect };
  }
}

test('two thousand random webview messages are accepted exactly when well formed, and a request never passes for a host message', () => {
  const r = rng(20261128);
  const verdicts = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    const { message, valid, defect } = randomMessage(r, REQUESTS);
    assert.equal(isFromWebviewMessage(message), valid, `${defect}: ${JSON.stringify(message)?.slice(0, 200)}`);
    // No request has the shape of anything the host posts (a damaged host message may: one missing its results is a request).
    if (valid) assert.equal(isToWebviewMessage(message), false, JSON.stringify(message)?.slice(0, 200));
    verdicts.set(defect, (verdicts.get(defect) ?? 0) + 1);
  }
  // Every kind of defect was tried, and well-formed messages too.
  for (const defect of ['none', 'bad field', 'missing field', 'extra field', 'unknown type', 'not an object']) {
    assert.ok((verdicts.get(defect) ?? 0) >= 100, `${defect}: ${verdicts.get(defect) ?? 0} cases`);
  }
});

test('two thousand random host messages are accepted exactly when well formed, and a host message never passes for a request', () => {
  const r = rng(20261129);
  const verdicts = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    const { message, valid, defect } = randomMessage(r, HOST_MESSAGES);
    assert.equal(isToWebviewMessage(message), valid, `${defect}: ${JSON.stringify(message)?.slice(0, 200)}`);
    if (valid) assert.equal(isFromWebviewMessage(message), false, JSON.stringify(message)?.slice(0, 200));
    verdicts.set(defect, (verdicts.get(defect) ?? 0) + 1);
  }
  for (const defect of ['none', 'bad field', 'missing field', 'extra field', 'unknown type', 'not an object']) {
    assert.ok((verdicts.get(defect) ?? 0) >= 100, `${defect}: ${verdicts.get(defect) ?? 0} cases`);
  }
});

describe('Axes messages', () => {
  const poles = { from: 'read', to: 'write' };

  it('the page may ask for an x axis, with or without a y axis, and for directions', () => {
    assert.ok(isFromWebviewMessage({ type: 'axes', requestId: 1, x: poles, y: null }));
    assert.ok(isFromWebviewMessage({ type: 'axes', requestId: 2, x: poles, y: { from: 'sync', to: 'async' } }));
    assert.ok(isFromWebviewMessage({ type: 'directions', requestId: 3 }));
  });

  it('an axis with an empty or missing pole, or extra keys, is refused', () => {
    assert.ok(!isFromWebviewMessage({ type: 'axes', requestId: 1, x: { from: '', to: 'write' }, y: null }));
    assert.ok(!isFromWebviewMessage({ type: 'axes', requestId: 1, x: { from: 'read' }, y: null }));
    assert.ok(!isFromWebviewMessage({ type: 'axes', requestId: 1, x: poles }));
    assert.ok(!isFromWebviewMessage({ type: 'directions', requestId: 1, extra: true }));
  });

  it('the host\'s coordinates must name a symbol each, as finite numbers, y empty or as long as x', () => {
    assert.ok(isToWebviewMessage({ type: 'axes', requestId: 1, ids: ['a', 'b'], x: [0.1, -0.2], y: [], error: '' }));
    assert.ok(isToWebviewMessage({ type: 'axes', requestId: 1, ids: [], x: [], y: [], error: 'term 1 is empty' }));
    assert.ok(!isToWebviewMessage({ type: 'axes', requestId: 1, ids: ['a', 'b'], x: [0.1], y: [], error: '' }));
    assert.ok(!isToWebviewMessage({ type: 'axes', requestId: 1, ids: ['a'], x: [Number.NaN], y: [], error: '' }));
    assert.ok(!isToWebviewMessage({ type: 'axes', requestId: 1, ids: ['a'], x: [1], y: [1, 2], error: '' }));
    assert.ok(isToWebviewMessage({ type: 'directions', requestId: 1, directions: [poles] }));
    assert.ok(!isToWebviewMessage({ type: 'directions', requestId: 1, directions: [{ from: 'read' }] }));
  });
});
