import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';

import { jsonForScriptElement, projectorFiles, PROJECTOR_COLUMNS, renderStandaloneHtml, tsvField } from '../../src/core/export';
import type { Cluster, MapSymbol } from '../../src/core/types';
import { isStandaloneData, STANDALONE_DATA_ID, STANDALONE_VERSION, type StandaloneData } from '../../src/shared/standalone';

const HOSTILE = 'x</script><script>alert(1)</script><!-- \u2028 & "q" \t tab \n line';

function symbol(i: number, extra: Partial<MapSymbol> = {}): MapSymbol {
  return { id: `src/f${i}.ts#f${i}`, name: `f${i}`, kind: 'function', container: '', file: `src/f${i}.ts`, line: i + 1, endLine: i + 2, comment: '', x: i, y: -i, cluster: i % 2, region: -1, ...extra };
}

const clusters: Cluster[] = [
  { id: 0, label: 'even', size: 2, level: 0, parent: -1, x: 0, y: 0 },
  { id: 1, label: 'odd\tone', size: 1, level: 0, parent: -1, x: 0, y: 0 },
];

function data(symbols: MapSymbol[]): StandaloneData {
  return {
    version: STANDALONE_VERSION,
    map: { root: 'repo', model: { id: 'builtin', dimensions: 3 }, symbols, clusters, regions: clusters },
    status: 'repo · builtin',
    neighbours: 2,
    similar: symbols.map((_, i) => symbols.map((__, j) => [j, 0.5] as const).filter(([j]) => j !== i).slice(0, 2)),
    params: symbols.map(() => ['value']),
    flags: symbols.map(() => 0),
  };
}

describe('Embedding Projector files', () => {
  test('one vector row per symbol with the model\'s dimensions, one metadata row per symbol after a header, in the same order', () => {
    const symbols = [symbol(0), symbol(1), symbol(2)];
    const vectors = Float32Array.from([0.1, -0.2, 0.3, 1, 0, -0, 0.123456789, 2e-7, -1]);
    const files = projectorFiles(symbols, clusters, vectors, 3);
    const rows = files.vectors.trimEnd().split('\n').map((r) => r.split('\t').map(Number));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.length === 3 && r.every(Number.isFinite)));
    assert.deepEqual(rows[0], [0.1, -0.2, 0.3]);
    assert.deepEqual(rows[2], [0.123457, 0, -1]);
    const meta = files.metadata.trimEnd().split('\n').map((r) => r.split('\t'));
    assert.deepEqual(meta[0], [...PROJECTOR_COLUMNS]);
    assert.equal(meta[0]![0], 'name');
    assert.deepEqual(meta.slice(1).map((r) => r[0]), ['f0', 'f1', 'f2']);
    assert.deepEqual(meta[2], ['f1', 'function', 'src/f1.ts', '2', 'odd\\tone']);
  });

  test('tabs and line breaks in a field stay on its row, escaped', () => {
    const files = projectorFiles([symbol(0, { name: 'a\tb\nc\\d\re' })], clusters, Float32Array.from([1, 2, 3]), 3);
    const lines = files.metadata.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[1]!.split('\t').length, PROJECTOR_COLUMNS.length);
    assert.equal(lines[1]!.split('\t')[0], 'a\\tb\\nc\\\\d\\re');
    assert.equal(tsvField('plain name'), 'plain name');
  });

  test('vectors that do not match the symbols are refused', () => {
    assert.throws(() => projectorFiles([symbol(0), symbol(1)], clusters, new Float32Array(5), 3), /6 vector values, got 5/);
  });
});

describe('the self-contained HTML page', () => {
  const assets = { script: 'window.loaded = "$& $1 ok";', css: 'body { color: red; }' };

  test('workspace text in the embedded JSON cannot close its element or open a comment, and parses back unchanged', () => {
    const value = { name: HOSTILE };
    const text = jsonForScriptElement(value);
    assert.doesNotMatch(text, /<|>|&|\u2028/);
    assert.deepEqual(JSON.parse(text), value);
  });

  test('the page inlines its script and style, allows only them by hash, and carries the data as inert JSON', () => {
    const symbols = [symbol(0, { name: HOSTILE, comment: HOSTILE, file: `src/${HOSTILE}.ts` }), symbol(1), symbol(2)];
    const html = renderStandaloneHtml(data(symbols), assets);
    // The only script elements: the JSON one and the page's own.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 2);
    assert.equal(scripts[0]![1], ` type="application/json" id="${STANDALONE_DATA_ID}"`);
    assert.equal(scripts[1]![2], assets.script, 'the script is inlined as is ($ patterns included)');
    const parsed: unknown = JSON.parse(scripts[0]![2]!);
    assert.ok(isStandaloneData(parsed));
    assert.equal(parsed.map.symbols[0]!.name, HOSTILE);
    assert.ok(!html.includes('alert(1)</script>'), 'no workspace text reaches the HTML unescaped');
    assert.doesNotMatch(html, /<!--/);
    // No URL is loaded: no src, no href, no link.
    assert.doesNotMatch(html, /\ssrc=|\shref=|<link/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`script-src ${hash(assets.script)}`), csp);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.ok(style.endsWith(assets.css) && style.includes('--vscode-editor-background'));
    assert.ok(csp.includes(`style-src ${hash(style)}`), csp);
    assert.doesNotMatch(csp, /unsafe|nonce|\*/);
  });

  test('a script or stylesheet that would end its own element is refused rather than inlined', () => {
    const d = data([symbol(0)]);
    assert.throws(() => renderStandaloneHtml(d, { ...assets, script: 'var s = "</script>";' }), /cannot be inlined/);
    assert.throws(() => renderStandaloneHtml(d, { ...assets, script: 'x <!-- y' }), /cannot be inlined/);
    assert.throws(() => renderStandaloneHtml(d, { ...assets, css: 'a{} </style>' }), /cannot be inlined/);
  });

  test('the page\'s guard takes well-formed data and refuses lists that do not match the map', () => {
    const symbols = [symbol(0), symbol(1), symbol(2)];
    assert.ok(isStandaloneData(data(symbols)));
    assert.ok(!isStandaloneData({ ...data(symbols), version: 2 }));
    assert.ok(!isStandaloneData({ ...data(symbols), similar: [[]] }));
    assert.ok(!isStandaloneData({ ...data(symbols), similar: [[[7, 0.5]], [], []] }), 'a neighbour outside the map');
    assert.ok(!isStandaloneData({ ...data(symbols), flags: [0, 0] }));
    assert.ok(!isStandaloneData({ ...data(symbols), map: { ...data(symbols).map, symbols: [{ id: 1 }] } }));
    assert.ok(!isStandaloneData(null));
  });
});
