// Several `latent-map index` processes share one --cache-dir, as two VS Code
// windows and the CLI share the extension's storage: none may drop the
// vectors another embedded, a writer killed mid-write may leave nothing that
// is trusted wrongly, and a cache folder that cannot be written must cost the
// cache, never the map. Needs dist/ (npm run build).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { MapJson } from '../../src/core/types';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURES = path.resolve(__dirname, '../fixtures');
/** Longer than any run here takes on a busy 2-core machine; a hang (the /proc case once spun forever) fails instead of stalling the suite. */
const RUN_TIMEOUT_MS = 180_000;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function index(folder: string, cacheDir: string, onStart?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'index', folder, '--cache-dir', cacheDir, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    onStart?.(child.pid!);
  });
}

function map(run: Run, what: string): MapJson {
  assert.equal(run.status, 0, `${what}: ${run.stderr}`);
  return JSON.parse(run.stdout) as MapJson;
}

/** What a user sees of a map: every symbol where it is, and the clusters (not timings, not the folder's path). */
function drawn(json: MapJson): unknown {
  return { symbols: json.symbols, clusters: json.clusters };
}

function copy(fixture: string, into: string): string {
  const folder = mkdtempSync(path.join(into, `${path.basename(fixture)}-`));
  cpSync(fixture, folder, { recursive: true });
  return folder;
}

/** A folder big enough that writing its cache takes a while: functions named from a few hundred words. */
function generatedFolder(into: string): string {
  const folder = mkdtempSync(path.join(into, 'generated-'));
  const verbs = ['read', 'write', 'parse', 'render', 'load', 'save', 'merge', 'split', 'sort', 'filter', 'format', 'draw', 'send', 'fetch', 'open', 'close'];
  const nouns = ['file', 'buffer', 'image', 'string', 'number', 'colour', 'matrix', 'vector', 'token', 'cursor', 'window', 'socket', 'record', 'table', 'column', 'row'];
  const qualities = ['quickly', 'safely', 'lazily', 'again', 'once', 'twice', 'slowly', 'eagerly'];
  for (let f = 0; f < qualities.length; f++) {
    const lines: string[] = [];
    for (const verb of verbs) {
      for (const noun of nouns) {
        const name = `${verb}${noun[0]!.toUpperCase()}${noun.slice(1)}${qualities[f]![0]!.toUpperCase()}${qualities[f]!.slice(1)}`;
        lines.push(`/** ${verb}s the ${noun} ${qualities[f]}. */\nexport function ${name}(${noun}: string): string {\n  return ${noun};\n}\n`);
      }
    }
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, 'src', `${qualities[f]}.ts`), lines.join('\n'));
  }
  return folder;
}

describe('writers sharing one cache folder', () => {
  let work: string;
  let cacheDir: string;
  /** The folders whose writers finish: one indexed by two writers at once, a copy of it (the same texts), two with other texts. */
  let folders: string[];
  let victimFolder: string;
  let runs: Run[];
  let victim: Run;
  let killedMidWrite = false;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    work = mkdtempSync(path.join(tmpdir(), 'lm-concurrency-'));
    cacheDir = path.join(work, 'cache');
    mkdirSync(cacheDir);
    const repo = copy(path.join(FIXTURES, 'repo'), work);
    folders = [repo, copy(path.join(FIXTURES, 'repo'), work), copy(path.join(FIXTURES, 'extract'), work), copy(path.join(FIXTURES, 'workspace'), work)];
    victimFolder = generatedFolder(work);

    // The victim is killed the moment it starts writing a file into the
    // cache (atomicWrite names its temporary files with the writer's pid):
    // holding the lock, with a half-written temporary file.
    let victimPid = -1;
    const watcher = watch(cacheDir, (_event, name) => {
      if (victimPid > 0 && !killedMidWrite && name?.includes(`.${victimPid}.`) && name.endsWith('.tmp')) {
        killedMidWrite = true;
        process.kill(victimPid, 'SIGKILL');
      }
    });
    try {
      const victimRun = index(victimFolder, cacheDir, (pid) => (victimPid = pid));
      runs = await Promise.all([repo, ...folders].map((folder) => index(folder, cacheDir)));
      victim = await victimRun;
    } finally {
      watcher.close();
    }
  });

  it('every writer that was not killed finishes with a map, and the killed one was killed mid-write', () => {
    runs.forEach((run, i) => map(run, `writer ${i}`));
    assert.ok(killedMidWrite, `the victim was not caught writing (it exited with ${victim.status}): ${victim.stderr}`);
    assert.equal(victim.signal, 'SIGKILL');
  });

  it('keeps every text any finished writer embedded: the next run of each folder embeds nothing and draws what a clean run draws', async () => {
    for (const folder of folders) {
      const again = map(await index(folder, cacheDir), `rerun of ${folder}`);
      assert.equal(again.stats.embedded, 0, `${folder} embedded ${again.stats.embedded} texts again: a writer dropped them`);
      const clean = map(await index(folder, mkdtempSync(path.join(work, 'clean-cache-'))), `clean run of ${folder}`);
      assert.deepEqual(drawn(again), drawn(clean));
    }
  });

  it('gave each concurrent writer the map a clean run gives', async () => {
    const clean = new Map<string, unknown>();
    for (const folder of folders) clean.set(folder, drawn(map(await index(folder, mkdtempSync(path.join(work, 'clean-cache-'))), folder)));
    [folders[0]!, ...folders].forEach((folder, i) => assert.deepEqual(drawn(map(runs[i]!, folder)), clean.get(folder)));
  });

  it('never trusts what the killed writer left: its folder indexes again with no cache discarded and the map of a clean run', async () => {
    const run = await index(victimFolder, cacheDir);
    const again = map(run, 'rerun of the victim folder');
    assert.doesNotMatch(run.stderr, /discarded/);
    assert.ok(again.stats.symbols >= 1000);
    const clean = map(await index(victimFolder, mkdtempSync(path.join(work, 'clean-cache-'))), 'clean run of the victim folder');
    assert.deepEqual(drawn(again), drawn(clean));
  });
});

describe('a cache folder that cannot be written', () => {
  let work: string;
  let folder: string;
  let clean: unknown;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    work = mkdtempSync(path.join(tmpdir(), 'lm-unwritable-'));
    folder = copy(path.join(FIXTURES, 'repo'), work);
    clean = drawn(map(await index(folder, path.join(work, 'clean-cache')), 'clean run'));
  });

  /** The run gives the clean map and says exactly one thing on stderr: caching is off, for this folder, for this reason. */
  function assertMapAndOneWarning(run: Run, cacheDir: string, cause: RegExp): void {
    assert.deepEqual(drawn(map(run, cacheDir)), clean);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.ok(lines[0]!.startsWith(`latent-map: Cannot write the cache folder ${cacheDir}: `), lines[0]);
    assert.match(lines[0]!, cause);
    assert.match(lines[0]!, /The map is built without caching/);
  }

  it('under a regular file: a map, and one warning naming the file', async () => {
    const file = path.join(work, 'plain-file');
    writeFileSync(file, 'not a folder');
    const cacheDir = path.join(file, 'cache');
    assertMapAndOneWarning(await index(folder, cacheDir), cacheDir, new RegExp(`${file} is a file, not a folder`));
  });

  it('in /proc (where a recursive mkdir spins forever): a map, and one warning, in the usual time', { skip: !existsSync('/proc/self') }, async () => {
    const cacheDir = '/proc/latent-map-test/cache';
    assertMapAndOneWarning(await index(folder, cacheDir), cacheDir, /no folder can be created in \/proc/);
  });

  // A genuinely read-only file system: a read-only tmpfs mounted in a mount
  // namespace of the run's own, so nothing outlives it. chmod would not do:
  // tests run as root, whom permissions do not stop.
  const probe = mkdtempSync(path.join(tmpdir(), 'lm-mount-probe-'));
  const canMount = spawnSync('unshare', ['-m', '--propagation', 'private', 'mount', '-t', 'tmpfs', '-o', 'ro', 'tmpfs', probe]).status === 0;
  it('on a read-only file system: a map, and one warning saying so', { skip: canMount ? false : 'cannot mount a read-only file system here (needs root and unshare)' }, () => {
    const mount = mkdtempSync(path.join(work, 'read-only-'));
    const cacheDir = path.join(mount, 'cache');
    const script = `mount -t tmpfs -o ro tmpfs "$1" && exec "$2" "$3" index "$4" --cache-dir "$5" --quiet`;
    const result = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', mount, process.execPath, CLI, folder, cacheDir], {
      encoding: 'utf8',
      timeout: RUN_TIMEOUT_MS,
      maxBuffer: 64 << 20,
    });
    assertMapAndOneWarning({ status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }, cacheDir, /the file system is read-only/);
  });
});
