import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLUMNS_ABOVE, fromColumns, mapMessageFor, toColumns, type MapColumns } from '../../src/shared/columns';
import { isToWebviewMessage } from '../../src/shared/guards';
import type { MapSymbol, SymbolKind } from '../../src/shared/types';

const KINDS: SymbolKind[] = ['function', 'method', 'class', 'module'];

function symbols(n: number): MapSymbol[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `src/f${i % 7}.ts#C${i % 3}.name${i}`,
    name: i === 3 ? '<img src=x onerror=alert(1)> 😀' : `name${i}`,
    kind: KINDS[i % KINDS.length]!,
    container: i % 2 ? `C${i % 3}` : '',
    file: `src/f${i % 7}.ts`,
    line: i + 1,
    endLine: i + 4,
    comment: i % 5 ? `Line one of ${i}.\nLine two.` : '',
    x: i * 0.125 - 3,
    y: -i / 3,
    cluster: (i % 4) - 1,
    region: i % 9,
  }));
}

const payload = (s: MapSymbol[]) => ({ root: '/w', model: { id: 'builtin', dimensions: 100 }, symbols: s, clusters: [], regions: [] });

test('a map as columns comes back as the same symbols, field for field', () => {
  const list = symbols(500);
  assert.deepEqual(fromColumns(toColumns(list)), list);
});

test('small maps go symbol by symbol as before; big ones as columns the page accepts', () => {
  assert.equal(mapMessageFor(payload(symbols(10))).type, 'map');
  const big = mapMessageFor(payload(symbols(COLUMNS_ABOVE + 1)));
  assert.equal(big.type, 'mapColumns');
  assert.ok(isToWebviewMessage(big));
  // A JSON text of it is far smaller than of the symbols (the typed arrays travel as binary buffers).
  const { columns } = (big as { map: { columns: MapColumns } }).map;
  const texts = columns.id.text.length + columns.name.text.length + columns.comment.text.length + columns.files.text.length + columns.containers.text.length;
  assert.ok(texts < JSON.stringify(symbols(COLUMNS_ABOVE + 1)).length / 2);
});

test('malformed columns are refused whole', () => {
  const good = () => mapMessageFor(payload(symbols(COLUMNS_ABOVE + 1))) as unknown as { type: string; map: { columns: Record<string, unknown> } };
  const broken: [string, (c: Record<string, unknown>) => void][] = [
    ['a short column', (c) => (c.line = (c.line as Uint32Array).subarray(1))],
    ['a file index beyond the table', (c) => ((c.file as Uint32Array)[5] = 1e6)],
    ['an unknown kind code', (c) => ((c.kind as Uint8Array)[0] = 200)],
    ['a coordinate that is not finite', (c) => ((c.x as Float64Array)[7] = NaN)],
    ['ends that do not match the text', (c) => (c.name = { text: 'abc', ends: (c.name as { ends: Uint32Array }).ends })],
    ['an empty id', (c) => (c.id = { text: (c.id as { text: string }).text, ends: Uint32Array.from((c.id as { ends: Uint32Array }).ends, (e, i) => (i === 0 ? 0 : e)) })],
    ['a plain array for a typed one', (c) => (c.y = Array.from(c.y as Float64Array))],
    ['a region below -1', (c) => ((c.region as Int32Array)[2] = -5)],
  ];
  for (const [what, breakIt] of broken) {
    const m = good();
    breakIt(m.map.columns);
    assert.equal(isToWebviewMessage(m), false, what);
  }
  const extra = good();
  (extra.map as Record<string, unknown>).symbols = [];
  assert.equal(isToWebviewMessage(extra), false, 'symbols beside columns');
});
