import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { MapJson } from '../../src/core/types';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('latent-map CLI', () => {
  let folder: string;
  let cacheDir: string;
  let first: MapJson;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'lm-cli-repo-'));
    cpSync(FIXTURE, folder, { recursive: true });
    cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-cli-cache-'));
    const out = path.join(cacheDir, 'map.json');
    const run = cli(['index', folder, '--cache-dir', cacheDir, '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    first = JSON.parse(readFileSync(out, 'utf8')) as MapJson;
  });

  it('index writes a map in the contract shape', () => {
    assert.equal(first.version, 1);
    assert.equal(first.model.id, 'builtin');
    assert.ok(first.model.dimensions > 0);
    assert.equal(first.root, folder);
    const names = first.symbols.map((s) => s.name);
    for (const name of ['readFileContents', 'FileCache', 'get', 'parseHttpResponse', 'drawButton', 'renderTooltip', 'remove_duplicates', 'TextStatistics', 'word_count']) {
      assert.ok(names.includes(name), `${name} is on the map`);
    }
    const read = first.symbols.find((s) => s.name === 'readFileContents')!;
    assert.equal(read.file, 'src/io/files.ts');
    assert.equal(read.line, 4);
    assert.equal(read.kind, 'function');
    assert.match(read.comment, /contents of a file/);
    for (const s of first.symbols) {
      for (const key of ['id', 'name', 'kind', 'container', 'file', 'line', 'endLine', 'comment', 'x', 'y', 'cluster']) assert.ok(key in s, `symbol has ${key}`);
      assert.ok(Number.isFinite(s.x) && Number.isFinite(s.y));
      assert.ok(!s.file.includes('\\'));
    }
    assert.ok(first.clusters.length >= 1);
    for (const c of first.clusters) assert.ok(typeof c.label === 'string' && c.size > 0);
    assert.equal(first.stats.symbols, first.symbols.length);
    assert.equal(first.stats.files, 4);
    assert.equal(first.stats.embedded, first.symbols.length);
    for (const key of ['discover', 'extract', 'embed', 'project', 'total']) assert.ok(Number.isFinite(first.stats.ms[key as 'total']));
  });

  it('a second index of an unchanged folder embeds nothing and draws the same map', () => {
    const run = cli(['index', folder, '--cache-dir', cacheDir]);
    assert.equal(run.status, 0, run.stderr);
    const second = JSON.parse(run.stdout) as MapJson;
    assert.equal(second.stats.embedded, 0);
    assert.deepEqual(second.symbols, first.symbols);
  });

  it('search ranks the described function first', () => {
    const run = cli(['search', folder, 'read the text of a file from disk', '--cache-dir', cacheDir, '--json', '-k', '3']);
    assert.equal(run.status, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { query: string; results: { name: string; score: number; file: string; line: number }[] };
    assert.equal(answer.query, 'read the text of a file from disk');
    assert.equal(answer.results.length, 3);
    assert.equal(answer.results[0]!.name, 'readFileContents');
    assert.ok(answer.results[0]!.score >= answer.results[1]!.score);
  });

  it('similar by file:line finds related code and never the symbol itself', () => {
    const run = cli(['similar', folder, 'src/ui/button.ts:2', '--cache-dir', cacheDir, '--json', '-k', '3']);
    assert.equal(run.status, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { target: string; results: { id: string; name: string }[] };
    assert.equal(answer.target, 'src/ui/button.ts#drawButton');
    assert.ok(!answer.results.some((r) => r.id === answer.target));
    assert.ok(['paintRectangle', 'renderTooltip'].includes(answer.results[0]!.name), `got ${answer.results[0]!.name}`);
  });

  it('a method is named with its class, in the table and as a target', () => {
    const run = cli(['similar', folder, 'FileCache.get', '--cache-dir', cacheDir, '-k', '3']);
    assert.equal(run.status, 0, run.stderr);
    const rows = run.stdout.trim().split('\n').slice(1);
    assert.equal(rows.length, 3);
    const search = cli(['search', folder, 'forget every cached file', '--cache-dir', cacheDir, '-k', '1']);
    assert.equal(search.status, 0, search.stderr);
    assert.match(search.stdout.split('\n')[1]!, /\bFileCache\.clear\s+src\/io\/files\.ts:\d+/);
    const json = JSON.parse(cli(['similar', folder, 'filecache.get', '--cache-dir', cacheDir, '--json', '-k', '1']).stdout) as { target: string; results: { container: string }[] };
    assert.equal(json.target, 'src/io/files.ts#FileCache.get');
    assert.equal(typeof json.results[0]!.container, 'string');
  });

  it('neighbours of a term lists nearby symbols as a readable table', () => {
    const run = cli(['neighbours', folder, 'network', '--cache-dir', cacheDir, '-k', '4']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^#\s+score\s+kind\s+name\s+location/);
    assert.equal(run.stdout.trim().split('\n').length, 5);
  });

  it('a missing folder is a one-line error and a non-zero exit', () => {
    const run = cli(['index', path.join(folder, 'nope'), '--cache-dir', cacheDir]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^latent-map: folder not found: .*nope\n$/);
  });

  it('bad arguments are a usage error, never a stack trace', () => {
    for (const args of [['frobnicate', folder], ['search', folder], ['index', folder, '--bogus'], ['search', folder, 'x', '-k', 'zero']]) {
      const run = cli([...args, '--cache-dir', cacheDir]);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.doesNotMatch(run.stderr, /\bat .*:\d+:\d+/);
    }
  });

  it('--help prints the usage and succeeds', () => {
    const run = cli(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Usage: latent-map/);
  });

  it('a model that cannot load fails clearly, unless --fallback uses the built-in model', () => {
    const bad = cli(['index', folder, '--cache-dir', cacheDir, '--model', 'Xenova/does-not-exist']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /does-not-exist/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const fallback = cli(['index', folder, '--cache-dir', cacheDir, '--model', 'Xenova/does-not-exist', '--fallback']);
    assert.equal(fallback.status, 0, fallback.stderr);
    assert.match(fallback.stderr, /built-in model/i);
    assert.equal((JSON.parse(fallback.stdout) as MapJson).model.id, 'builtin');
  });
});
