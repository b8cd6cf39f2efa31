import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CancelledError, throwIfAborted, type Cluster, type ExtractedSymbol, type SymbolKind } from '../types';
import { mapSliced } from '../slices';
import { currentIdentity, readWithIdentity, sameIdentity, writeFileAtomic, type FileIdentity } from './atomicWrite';
import { withFileLock } from './lock';

// What a warm reopen needs without re-reading the workspace: each file's
// symbols (valid while its size and mtime are unchanged) and the last layout
// (valid while the ordered list of embedded texts is unchanged) with its
// clusters, so that a reopen repeats none of that work, and the next layout
// can start from the last one (which symbol each point is).

/** Bump when extraction, clustering or the snapshot shape changes, so old snapshots are re-derived. */
export const SNAPSHOT_VERSION = 19;
/** Layouts kept in a snapshot, so switching between two branches (or two models in two windows) reopens instantly. */
export const LAYOUTS_KEPT = 3;

export interface SnapshotFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly symbols: readonly ExtractedSymbol[];
}

export interface Snapshot {
  readonly version: number;
  readonly root: string;
  readonly files: readonly SnapshotFile[];
  /** Layouts by key (see layoutKey), most recent first. */
  readonly layouts: readonly SnapshotLayout[];
}

export interface SnapshotLayout {
  readonly key: string;
  /** Positions as x0,y0,x1,y1,… */
  readonly xy: readonly number[];
  /**
   * Each point's symbol id and the start of its text's key (see textFingerprint),
   * so that the next layout can start from this one where symbols are unchanged.
   */
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  /** The model (embedder fingerprint) whose vectors this map was made from; absent in maps saved before it was kept. */
  readonly model?: string;
  /** The optimiser's scale for this map (see LayoutPrior.extent), when a layout computed it. */
  readonly extent?: number;
  /**
   * The folders of a map of several (see src/core/roots.ts): each folder's
   * path and the prefix of its symbols' ids. Absent for a map of the
   * snapshot's own folder alone, whose ids have no prefix. Every folder's
   * snapshot keeps the map they share, so that adding or removing a folder
   * starts from it.
   */
  readonly roots?: readonly { readonly path: string; readonly prefix: string }[];
  /**
   * The map's regions: the top-level region per point (-1 none) and the top
   * level, every level's regions and the finest region per point (-1 none).
   */
  readonly clusters: {
    readonly assignment: readonly number[];
    readonly list: readonly Cluster[];
    readonly regions: readonly Cluster[];
    readonly leaf: readonly number[];
  };
}

/** Characters of a text key kept per point in a layout: enough to tell an edited text from the same symbol's old one, a quarter of the key. */
const TEXT_FINGERPRINT_CHARS = 8;

/** What a layout keeps of a point's text key (see SnapshotLayout.texts). */
export function textFingerprint(textKey: string): string {
  return textKey.slice(0, TEXT_FINGERPRINT_CHARS);
}

export function snapshotFile(cacheDir: string, root: string): string {
  return path.join(cacheDir, `index-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
}

/** The layout key: which model embedded which texts, in which order. */
export function layoutKey(modelId: string, textKeys: readonly string[]): string {
  const hash = createHash('sha256').update(modelId);
  for (const key of textKeys) hash.update(key);
  return hash.digest('hex').slice(0, 32);
}

// The file is the SHA-256 of the body, a newline, then the body: a flipped
// byte inside a string would still parse, so parsing alone cannot tell damage.
// The body is JSON lines: a header ({version, root, files, layouts}: the
// counts), then one line per file, then one per layout. Lines rather than one
// JSON document so that reading and writing go a line at a time with the event
// loop getting turns in between (see slices.ts); at 100k symbols one
// JSON.parse of the whole is most of a second in one piece.

/** Hashed this many characters at a time: about 10 ms each. */
const HASH_CHUNK_CHARS = 4 << 20;

// Two windows on one folder (or the CLI beside the editor) write the same
// snapshot. Each save takes the file's lock and, when another process replaced
// the file since this writer last read or wrote it, merges what is there: the
// other writer's layouts are kept (a layout costs a projection to redo), and
// of two entries for one source file the newer is kept. Reads take no lock:
// the file is only ever replaced whole by a rename.

/**
 * The snapshot of one folder, read and written by one writer (an index), which
 * remembers the version of the file it last read or wrote: a save reads the
 * file again to merge only when another writer replaced it since, so saving
 * after each edit does not cost a read of the whole snapshot.
 */
export class SnapshotStore {
  readonly file: string;
  private seen: FileIdentity | undefined;

  constructor(
    readonly cacheDir: string,
    readonly root: string,
  ) {
    this.file = snapshotFile(cacheDir, root);
  }

  /** Reads the snapshot; anything missing, damaged or of another version gives undefined. */
  async load(signal?: AbortSignal): Promise<Snapshot | undefined> {
    let text: string;
    try {
      const read = await readWithIdentity(this.file);
      this.seen = read.identity;
      text = read.bytes.toString('utf8');
    } catch {
      return undefined;
    }
    const root = this.root;
    if (text.indexOf('\n') !== 64) return undefined;
    const hash = createHash('sha256');
    for (let at = 65; at < text.length; at += HASH_CHUNK_CHARS) {
      hash.update(text.slice(at, at + HASH_CHUNK_CHARS));
      await nextTurn();
    }
    if (hash.digest('hex') !== text.slice(0, 64)) return undefined;
    const lines = text.slice(65).split('\n');
    text = '';
    try {
      const header: unknown = JSON.parse(lines[0]!);
      if (!isObject(header) || header.version !== SNAPSHOT_VERSION || header.root !== root) return undefined;
      const { files: fileCount, layouts: layoutCount } = header;
      if (!Number.isInteger(fileCount) || !Number.isInteger(layoutCount)) return undefined;
      // Every line then a final empty one (the body ends with a newline).
      if (lines.length !== 1 + (fileCount as number) + (layoutCount as number) + 1 || lines[lines.length - 1] !== '') return undefined;
      const parsed = await mapSliced(lines.slice(1, -1), (line) => JSON.parse(line) as unknown, signal);
      const files = parsed.slice(0, fileCount as number);
      const layouts = parsed.slice(fileCount as number);
      if (!files.every(isFile) || !layouts.every(isLayout)) return undefined;
      return { version: SNAPSHOT_VERSION, root, files, layouts };
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      return undefined;
    }
  }

  /**
   * Writes a snapshot of this folder atomically, merged with one another
   * writer saved since this one last read or wrote it. Fails with the file
   * system's error when the folder cannot be written.
   */
  async save(snapshot: Snapshot, signal?: AbortSignal): Promise<void> {
    await withFileLock(this.file, async () => {
      let merged = snapshot;
      const onDisk = await currentIdentity(this.file);
      if (onDisk && !sameIdentity(onDisk, this.seen)) {
        const theirs = await this.load(signal);
        if (theirs) merged = await mergeSnapshots(snapshot, theirs);
      }
      await writeSnapshot(this.file, merged, signal);
      // Under the lock nobody else has replaced it since the rename.
      this.seen = await currentIdentity(this.file);
    });
  }
}

/** Reads a snapshot; anything missing, damaged or of another version gives undefined. */
export function loadSnapshot(cacheDir: string, root: string, signal?: AbortSignal): Promise<Snapshot | undefined> {
  return new SnapshotStore(cacheDir, root).load(signal);
}

/** Writes a snapshot, merged with whatever is on disk (a writer with no memory of what it read; see SnapshotStore). */
export function saveSnapshot(cacheDir: string, snapshot: Snapshot, signal?: AbortSignal): Promise<void> {
  return new SnapshotStore(cacheDir, snapshot.root).save(snapshot, signal);
}

/** Lines are written in pieces of about this many characters: few system calls, a few milliseconds of JSON between turns of the event loop. */
const WRITE_CHUNK_CHARS = 1 << 20;

/**
 * Writes the snapshot a piece at a time, each line made as it is written
 * (at 100k symbols the lines are ~35 MB of text, otherwise all held at once),
 * the digest of the body, which opens the file, put in last.
 */
async function writeSnapshot(file: string, snapshot: Snapshot, signal?: AbortSignal): Promise<void> {
  const hash = createHash('sha256');
  async function* body(): AsyncGenerator<Uint8Array> {
    const header = { version: snapshot.version, root: snapshot.root, files: snapshot.files.length, layouts: snapshot.layouts.length };
    const items: readonly unknown[] = [header, ...snapshot.files, ...snapshot.layouts];
    let lines: string[] = [];
    let length = 0;
    for (let i = 0; i < items.length; i++) {
      const line = `${JSON.stringify(items[i])}\n`;
      lines.push(line);
      length += line.length;
      if (length >= WRITE_CHUNK_CHARS || i === items.length - 1) {
        const bytes = Buffer.from(lines.join(''), 'utf8');
        hash.update(bytes);
        lines = [];
        length = 0;
        yield bytes;
        throwIfAborted(signal);
      }
    }
  }
  await writeFileAtomic(file, body(), { head: { length: 65, make: () => Buffer.from(`${hash.digest('hex')}\n`, 'utf8') } });
}

/** Source files stat'ed at once while merging. */
const STATS_IN_FLIGHT = 32;

/**
 * `ours` with what only `theirs` has: our newest layout first, then theirs,
 * then our older ones; for a file both have, the entry of the newer version;
 * a file only they have, while it is still that version on disk (so a file
 * deleted since is not brought back).
 */
export async function mergeSnapshots(ours: Snapshot, theirs: Snapshot): Promise<Snapshot> {
  const layouts: SnapshotLayout[] = [];
  for (const layout of [...ours.layouts.slice(0, 1), ...theirs.layouts, ...ours.layouts.slice(1)]) {
    if (layouts.length < LAYOUTS_KEPT && !layouts.some((l) => l.key === layout.key)) layouts.push(layout);
  }
  const files = new Map(ours.files.map((f) => [f.path, f]));
  const onlyTheirs: SnapshotFile[] = [];
  for (const entry of theirs.files) {
    const mine = files.get(entry.path);
    if (!mine) onlyTheirs.push(entry);
    else if (entry.mtimeMs > mine.mtimeMs) files.set(entry.path, entry);
  }
  for (let at = 0; at < onlyTheirs.length; at += STATS_IN_FLIGHT) {
    await Promise.all(
      onlyTheirs.slice(at, at + STATS_IN_FLIGHT).map(async (entry) => {
        const stat = await fs.stat(path.join(ours.root, entry.path)).catch(() => undefined);
        if (stat && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) files.set(entry.path, entry);
      }),
    );
  }
  return { ...ours, files: [...files.values()], layouts };
}

const KINDS: ReadonlySet<SymbolKind> = new Set(['function', 'method', 'class', 'interface', 'enum', 'type', 'struct', 'trait', 'module']);

function isFile(value: unknown): value is SnapshotFile {
  return (
    isObject(value) &&
    typeof value.path === 'string' &&
    Number.isFinite(value.size) &&
    Number.isFinite(value.mtimeMs) &&
    Array.isArray(value.symbols) &&
    (value.symbols as unknown[]).every(isSymbol)
  );
}

function isLayout(value: unknown): value is SnapshotLayout {
  if (!isObject(value) || typeof value.key !== 'string' || !Array.isArray(value.xy)) return false;
  if (!(value.xy as unknown[]).every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
  const strings = (list: unknown) => Array.isArray(list) && list.length === (value.xy as unknown[]).length / 2 && list.every((s) => typeof s === 'string');
  if (!strings(value.ids) || !strings(value.texts)) return false;
  if (value.extent !== undefined && !(typeof value.extent === 'number' && Number.isFinite(value.extent) && value.extent > 0)) return false;
  if (value.model !== undefined && typeof value.model !== 'string') return false;
  if (value.roots !== undefined && !(Array.isArray(value.roots) && value.roots.every((r) => isObject(r) && typeof r.path === 'string' && typeof r.prefix === 'string'))) {
    return false;
  }
  return isLayoutClusters(value.clusters, value.xy.length / 2);
}

function isLayoutClusters(value: unknown, n: number): value is SnapshotLayout['clusters'] {
  if (!isObject(value) || !Array.isArray(value.assignment) || !Array.isArray(value.list) || !Array.isArray(value.regions) || !Array.isArray(value.leaf)) return false;
  const top = value.list.length;
  const all = value.regions.length;
  const ids = (list: unknown[], count: number) => list.length === n && list.every((c) => Number.isInteger(c) && (c as number) >= -1 && (c as number) < count);
  if (!ids(value.assignment, top) || !ids(value.leaf, all)) return false;
  const isRegion = (c: unknown, i: number): boolean =>
    isObject(c) &&
    c.id === i &&
    typeof c.label === 'string' &&
    Number.isInteger(c.size) &&
    typeof c.x === 'number' &&
    Number.isFinite(c.x) &&
    typeof c.y === 'number' &&
    Number.isFinite(c.y) &&
    Number.isInteger(c.level) &&
    Number.isInteger(c.parent) &&
    (c.parent as number) >= -1 &&
    (c.parent as number) < i &&
    (c.colour === undefined || (Number.isInteger(c.colour) && (c.colour as number) >= 0));
  return (value.list as unknown[]).every(isRegion) && (value.regions as unknown[]).every(isRegion);
}

function isSymbol(value: unknown): value is ExtractedSymbol {
  return (
    isObject(value) &&
    typeof value.name === 'string' &&
    typeof value.kind === 'string' &&
    KINDS.has(value.kind as SymbolKind) &&
    typeof value.container === 'string' &&
    Array.isArray(value.params) &&
    (value.params as unknown[]).every((p) => typeof p === 'string') &&
    Number.isInteger(value.line) &&
    Number.isInteger(value.endLine) &&
    typeof value.comment === 'string' &&
    (value.internal === undefined || value.internal === true) &&
    (value.returnsBoolean === undefined || value.returnsBoolean === true)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
