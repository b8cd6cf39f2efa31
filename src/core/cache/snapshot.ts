import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Cluster, ExtractedSymbol, SymbolKind } from '../types';
import { mapSliced } from '../slices';
import { writeFileAtomic } from './atomicWrite';

// What a warm reopen needs without re-reading the workspace: each file's
// symbols (valid while its size and mtime are unchanged) and the last layout
// (valid while the ordered list of embedded texts is unchanged) with its
// clusters, so that a reopen repeats none of that work.

/** Bump when extraction, clustering or the snapshot shape changes, so old snapshots are re-derived. */
export const SNAPSHOT_VERSION = 4;

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
  /** The map's clusters: a cluster id per point (-1 none) and the clusters. */
  readonly clusters: { readonly assignment: readonly number[]; readonly list: readonly Cluster[] };
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

// The file is the SHA-256 of the JSON, a newline, then the JSON: a flipped byte
// inside a string would still parse, so parsing alone cannot tell damage.

/** Reads a snapshot; anything missing, damaged or of another version gives undefined. */
export async function loadSnapshot(cacheDir: string, root: string): Promise<Snapshot | undefined> {
  let raw: unknown;
  try {
    const text = await fs.readFile(snapshotFile(cacheDir, root), 'utf8');
    const newline = text.indexOf('\n');
    const json = text.slice(newline + 1);
    if (newline !== 64 || createHash('sha256').update(json).digest('hex') !== text.slice(0, 64)) return undefined;
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isSnapshot(raw, root) ? raw : undefined;
}

export async function saveSnapshot(cacheDir: string, snapshot: Snapshot, signal?: AbortSignal): Promise<void> {
  // JSON.stringify(snapshot), a file at a time (see slices.ts): at 100k
  // symbols the whole object is a second or more of work in one piece.
  const pieces: string[] = [`{"version":${JSON.stringify(snapshot.version)},"root":${JSON.stringify(snapshot.root)},"files":[`];
  const files = await mapSliced(snapshot.files, (file, i) => (i > 0 ? ',' : '') + JSON.stringify(file), signal);
  pieces.push(...files, '],"layouts":[');
  const layouts = await mapSliced(snapshot.layouts, (layout, i) => (i > 0 ? ',' : '') + JSON.stringify(layout), signal);
  pieces.push(...layouts, ']}');
  const hash = createHash('sha256');
  await mapSliced(pieces, (piece) => hash.update(piece), signal);
  await writeFileAtomic(snapshotFile(cacheDir, snapshot.root), [`${hash.digest('hex')}\n`, ...pieces]);
}

const KINDS: ReadonlySet<SymbolKind> = new Set(['function', 'method', 'class', 'interface', 'enum', 'type', 'struct', 'trait', 'module']);

function isSnapshot(value: unknown, root: string): value is Snapshot {
  if (!isObject(value) || value.version !== SNAPSHOT_VERSION || value.root !== root) return false;
  if (!Array.isArray(value.files) || !Array.isArray(value.layouts)) return false;
  for (const file of value.files as unknown[]) {
    if (!isObject(file) || typeof file.path !== 'string' || !Number.isFinite(file.size) || !Number.isFinite(file.mtimeMs)) return false;
    if (!Array.isArray(file.symbols) || !(file.symbols as unknown[]).every(isSymbol)) return false;
  }
  for (const layout of value.layouts as unknown[]) {
    if (!isObject(layout) || typeof layout.key !== 'string' || !Array.isArray(layout.xy)) return false;
    if (!(layout.xy as unknown[]).every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
    if (!isLayoutClusters(layout.clusters, layout.xy.length / 2)) return false;
  }
  return true;
}

function isLayoutClusters(value: unknown, n: number): value is SnapshotLayout['clusters'] {
  if (!isObject(value) || !Array.isArray(value.assignment) || !Array.isArray(value.list)) return false;
  const count = value.list.length;
  if (value.assignment.length !== n || !(value.assignment as unknown[]).every((c) => Number.isInteger(c) && (c as number) >= -1 && (c as number) < count)) return false;
  return (value.list as unknown[]).every(
    (c, i) =>
      isObject(c) &&
      c.id === i &&
      typeof c.label === 'string' &&
      Number.isInteger(c.size) &&
      typeof c.x === 'number' &&
      Number.isFinite(c.x) &&
      typeof c.y === 'number' &&
      Number.isFinite(c.y),
  );
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
    typeof value.comment === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
