import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { MapJson } from '../../src/core/types';

// Several folders on one map through the CLI: `latent-map index <folder>…`.
const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args, '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function index(folders: string[], cacheDir: string): MapJson {
  const run = cli(['index', ...folders, '--cache-dir', cacheDir]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as MapJson;
}

type RootedSymbol = MapJson['symbols'][number];

describe('latent-map with several folders', () => {
  let api: string;
  let web: string;
  let cacheDir: string;
  let alone: MapJson;
  let both: MapJson;

  before(() => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'lm-roots-'));
    api = path.join(scratch, 'api');
    web = path.join(scratch, 'web');
    cpSync(FIXTURE, api, { recursive: true });
    // The second folder shares a file path with the first (src/io/files.ts) and has code of its own.
    mkdirSync(path.join(web, 'src', 'io'), { recursive: true });
    cpSync(path.join(FIXTURE, 'src', 'io', 'files.ts'), path.join(web, 'src', 'io', 'files.ts'));
    writeFileSync(
      path.join(web, 'src', 'chart.ts'),
      '/** Draws a bar chart of the values into a canvas. */\nexport function drawBarChart(values: number[], canvas: unknown) {\n  return values.length;\n}\n',
    );
    cacheDir = path.join(scratch, 'cache');
    alone = index([api], cacheDir);
    both = index([api, web], cacheDir);
  });

  it('draws every folder on one map with ids unique across folders, each symbol naming its folder', () => {
    assert.deepEqual(both.roots, [
      { name: 'api', path: api },
      { name: 'web', path: web },
    ]);
    assert.equal(both.root, api);
    const ids = both.symbols.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'no id twice');
    const inApi = both.symbols.filter((s) => s.root === 'api');
    const inWeb = both.symbols.filter((s) => s.root === 'web');
    assert.equal(inApi.length, alone.symbols.length, 'every symbol of the first folder');
    assert.equal(inApi.length + inWeb.length, both.symbols.length, 'every symbol names its folder');
    assert.deepEqual(inWeb.map((s) => s.name).sort(), ['FileCache', 'clear', 'drawBarChart', 'get', 'loadConfig', 'readFileContents', 'writeFileContents'].sort());
    // The same file in both folders: one symbol each, the file relative to its own folder.
    const reads = both.symbols.filter((s) => s.name === 'readFileContents');
    assert.deepEqual(reads.map((s) => [s.root, s.file, s.id]), [
      ['api', 'src/io/files.ts', 'api/src/io/files.ts#readFileContents'],
      ['web', 'src/io/files.ts', 'web/src/io/files.ts#readFileContents'],
    ]);
    assert.equal(both.stats.files, alone.stats.files + 2);
    assert.equal(both.stats.symbols, both.symbols.length);
    for (const s of both.symbols) assert.ok(Number.isFinite(s.x) && Number.isFinite(s.y));
  });

  it('one folder gives the output it always did: no folder names, the same ids, and a map a multi-folder run left as it was', () => {
    assert.equal(alone.roots, undefined);
    for (const s of alone.symbols) {
      assert.equal((s as RootedSymbol).root, undefined);
      assert.ok(s.id.startsWith(`${s.file}#`), s.id);
    }
    const again = index([api], cacheDir);
    assert.deepEqual(again.symbols, alone.symbols);
    assert.equal(again.stats.embedded, 0);
  });

  it('search, similar and neighbours answer across folders: workspace paths in the table, folder and relative file in the JSON', () => {
    const table = cli(['search', api, web, 'draw a chart of numbers', '--cache-dir', cacheDir, '-k', '3']);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout.split('\n')[1]!, /\bdrawBarChart\s+web\/src\/chart\.ts:2/);
    const similar = cli(['similar', api, web, 'web/src/io/files.ts:4', '--cache-dir', cacheDir, '--json', '-k', '1']);
    assert.equal(similar.status, 0, similar.stderr);
    const answer = JSON.parse(similar.stdout) as { target: string; results: { id: string; root: string; file: string }[] };
    assert.equal(answer.target, 'web/src/io/files.ts#readFileContents');
    // Its twin in the other folder means exactly the same.
    assert.deepEqual(answer.results.map((r) => [r.id, r.root, r.file]), [['api/src/io/files.ts#readFileContents', 'api', 'src/io/files.ts']]);
    const neighbours = cli(['neighbours', api, web, 'chart', '--cache-dir', cacheDir, '--json', '-k', '2']);
    assert.equal(neighbours.status, 0, neighbours.stderr);
    const near = JSON.parse(neighbours.stdout) as { results: { root: string }[] };
    assert.ok(near.results.every((r) => r.root === 'api' || r.root === 'web'));
  });

  it('adding or removing a folder keeps the places of the symbols of the folders that stay', () => {
    const tools = path.join(path.dirname(api), 'tools');
    mkdirSync(tools);
    writeFileSync(path.join(tools, 'lint.py'), 'def lint_file(path):\n    """Checks the style of one source file."""\n    return []\n');
    const three = index([api, web, tools], cacheDir);
    assert.equal(three.stats.layout, 'refined');
    assert.equal(three.symbols.filter((s) => s.root === 'tools').length, 1);
    for (const s of both.symbols) {
      const there = three.symbols.find((t) => t.id === s.id)!;
      assert.deepEqual([there.x, there.y], [s.x, s.y], `${s.id} stayed when a folder was added`);
    }
    const apiOnly = index([api], cacheDir);
    for (const s of apiOnly.symbols) {
      const there = three.symbols.find((t) => t.id === `api/${s.id}`)!;
      assert.deepEqual([s.x, s.y], [there.x, there.y], `${s.id} stayed when the other folders were removed`);
    }
    const again = index([api, web], cacheDir);
    assert.equal(again.stats.layout, 'saved');
    assert.deepEqual(again.symbols, both.symbols);
  });

  it('a folder inside another, or an extra argument that is no folder, is a one-line error', () => {
    const inside = cli(['index', api, path.join(api, 'src'), '--cache-dir', cacheDir]);
    assert.equal(inside.status, 1);
    assert.match(inside.stderr, /^latent-map: the folder .*src is inside .*api; give one of them\n$/);
    const extra = cli(['index', api, path.join(api, 'nope'), '--cache-dir', cacheDir]);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /unexpected argument ".*nope" \(not a folder\)/);
  });
});
