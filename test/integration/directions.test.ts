// `latent-map analogy` and `latent-map axis`, and the search's `a - b + c`,
// through the built CLI on a small folder of opposite pairs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

const SOURCE = `
/** Parse JSON text into a value. */
export function parseJson(text: string): unknown { return JSON.parse(text); }
/** Write a value as JSON text. */
export function stringifyJson(value: unknown): string { return JSON.stringify(value); }
/** Parse YAML text into a value. */
export function parseYaml(text: string): unknown { return text; }
/** Write a value as YAML text. */
export function stringifyYaml(value: unknown): string { return String(value); }
/** Read the text of a file from disk. */
export function readFile(path: string): string { return path; }
/** Write text to a file on disk. */
export function writeFile(path: string, text: string): void { void path; void text; }
/** Read bytes from a network socket. */
export function readSocket(socket: number): number { return socket; }
/** Write bytes to a network socket. */
export function writeSocket(socket: number, bytes: number): void { void socket; void bytes; }
/** Open a connection to a server. */
export function openConnection(host: string): number { return host.length; }
/** Close a connection to a server. */
export function closeConnection(socket: number): void { void socket; }
`;

interface Result {
  id: string;
  name: string;
  kind: string;
  container: string;
  file: string;
  line: number;
  score: number;
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('latent-map analogy and axis', () => {
  let folder: string;
  let cacheDir: string;
  const json = (args: string[]) => {
    const run = cli([...args, '--cache-dir', cacheDir, '--json']);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Record<string, unknown> & { results: Result[] };
  };

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'lm-directions-'));
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'codecs.ts'), SOURCE);
    cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-directions-cache-'));
  });

  it('analogy answers "parseJson is to stringifyJson as parseYaml is to ?" with stringifyYaml, in the contract shape', () => {
    const answer = json(['analogy', folder, 'parseJson', 'stringifyJson', 'parseYaml', '-k', '4']);
    assert.deepEqual(answer.query, { a: 'parseJson', b: 'stringifyJson', c: 'parseYaml' });
    assert.equal(answer.results.length, 4);
    assert.equal(answer.results[0]!.name, 'stringifyYaml');
    for (const r of answer.results) {
      for (const key of ['id', 'name', 'kind', 'container', 'file', 'line', 'score']) assert.ok(key in r, `result has ${key}`);
      assert.equal(r.file, 'src/codecs.ts');
    }
    const first = answer.results[0]!;
    assert.equal(first.line, 9);
  });

  it('analogy never lists a, b or c, and its scores read best first', () => {
    const answer = json(['analogy', folder, 'readFile', 'writeFile', 'readSocket', '-k', '7']);
    const names = answer.results.map((r) => r.name);
    for (const term of ['readFile', 'writeFile', 'readSocket']) assert.ok(!names.includes(term), `${term} is not an answer`);
    assert.equal(names[0], 'writeSocket');
    for (let i = 1; i < answer.results.length; i++) assert.ok(answer.results[i - 1]!.score >= answer.results[i]!.score, 'sorted as printed');
  });

  it('a term that names no symbol is read as free text', () => {
    const answer = json(['analogy', folder, 'json', 'yaml', 'stringifyJson', '-k', '3']);
    assert.equal(answer.results[0]!.name, 'stringifyYaml');
  });

  it('an empty term is a one-line error and exit code 2, and a missing one a usage error', () => {
    for (const args of [['analogy', folder, 'parseJson', '  ', 'parseYaml'], ['axis', folder, '', 'write']]) {
      const run = cli([...args, '--cache-dir', cacheDir]);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /is empty/);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
    const missing = cli(['analogy', folder, 'parseJson', 'json', '--cache-dir', cacheDir]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing <c>/);
  });

  it('axis orders symbols from one pole to the other, furthest towards `to` first, the projection as score', () => {
    const answer = json(['axis', folder, 'read', 'write', '-k', '10']);
    assert.deepEqual(answer.axis, { from: 'read', to: 'write' });
    const names = answer.results.map((r) => r.name);
    assert.ok(names.indexOf('writeFile') < names.indexOf('readFile'), names.join(', '));
    assert.ok(names.indexOf('writeSocket') < names.indexOf('readSocket'), names.join(', '));
    for (let i = 1; i < answer.results.length; i++) assert.ok(answer.results[i - 1]!.score >= answer.results[i]!.score);
    // Towards `write` is positive, towards `read` negative: the midpoint of the poles is 0.
    assert.ok(answer.results.find((r) => r.name === 'writeFile')!.score > 0);
    assert.ok(answer.results.find((r) => r.name === 'readFile')!.score < 0);
  });

  it('search reads `parseJson - json + yaml` as arithmetic, and prints a readable table without --json', () => {
    const answer = json(['search', folder, 'parseJson - json + yaml', '-k', '3']);
    assert.equal(answer.results[0]!.name, 'parseYaml');
    assert.ok(!answer.results.some((r) => r.name === 'parseJson'));
    const table = cli(['analogy', folder, 'openConnection', 'closeConnection', 'readFile', '--cache-dir', cacheDir, '-k', '3']);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^#\s+score\s+kind\s+name\s+location/);
  });
});
