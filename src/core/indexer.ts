import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CacheFolder, layoutKey, SnapshotStore, textKey, VectorCache, type Snapshot, type SnapshotFile } from './cache';
import { LAYOUTS_KEPT, SNAPSHOT_VERSION, textFingerprint, type SnapshotLayout } from './cache/snapshot';
import { carryRegions, followRegions, type ClusterResult, type PreviousRegions } from './cluster';
import { regionWords } from './cluster/words';
import { admitFile, discover, DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_SIZE, type DiscoveredFile, type DiscoverOptions } from './discover';
import { absoluteOf, indexedRoots, splitWorkspacePath, workspacePathOf, type IndexedRoot, type IndexRoot } from './roots';
import { BUILTIN_MODEL, createEmbedder, pendingEmbedder, resolveModel, type Embedder, type ResolvedModel } from './embed';
import { ExtractorPool, languageForFile, type ExtractResult } from './extract';
import { toMapSymbol } from './mapSymbol';
import { clusterOffThread, projectMap, type LayoutPrior } from './project';
import { MIN_KNOWN_SHARE } from './project/layout';
import { PREVIEW_SAMPLE } from './project/preview';
import { placeAmongNeighbours } from './project/place';
import { isEntrySymbol, isPrivateSymbol, parseArithmetic, SearchIndex } from './search';
import { forEachSliced, mapSliced } from './slices';
import { arithmeticHits, axisCoordinates, DEFAULT_ARITHMETIC, principalDirections, topK, VectorStore, type ArithmeticOptions } from './vectors';
import { embeddingText, splitIdentifier, stem, STOP_WORDS } from './text';
import {
  CancelledError,
  qualifiedName,
  throwIfAborted,
  type Cluster,
  type IndexedSymbol,
  type IndexStats,
  type MapJson,
  type MapSymbol,
  type ProgressSink,
  type RankedSymbol,
  type SkipReason,
  UserError,
} from './types';
import type { StoredMap } from './store/read';

export interface IndexOptions {
  /** Absolute folder to index. */
  readonly root: string;
  /**
   * Several folders on one map, in this order (`root` is then not read). A
   * symbol's file is then its workspace path, `name/relative` (see roots.ts).
   */
  readonly roots?: readonly IndexRoot[];
  /** `builtin` (default), a transformers.js hub id, or a model folder. */
  readonly model?: string;
  /** Vector cache and index snapshot folder. */
  readonly cacheDir: string;
  /** Where downloaded models are kept. */
  readonly modelCacheDir?: string;
  /** False: never download a model. */
  readonly allowRemote?: boolean;
  /** Use the built-in model when the chosen one cannot be loaded. */
  readonly fallback?: boolean;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly maxFiles?: number;
  readonly maxFileSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
  /** Intermediate layouts (n × 2, in symbol order) while the projection refines. */
  readonly onLayout?: (xy: Float32Array) => void;
  /** The symbols, in the order of `onLayout`'s points, just before a new layout starts (none when the layout is cached). */
  readonly onSymbols?: (symbols: readonly IndexedSymbol[]) => void;
  readonly onWarning?: (message: string) => void;
  /**
   * The cache folder cannot be written, so this index goes on without
   * caching: said once per index, naming the folder and the cause. Without
   * this, onWarning says it.
   */
  readonly onCacheProblem?: (message: string) => void;
  /**
   * With a model other than the built-in one that has texts to embed, and no
   * earlier map of the folder to show meanwhile: called once with a first map
   * made from the built-in model (seconds), while the chosen model embeds.
   * The model's map then starts from it, so regions stay where they were
   * seen. Not called when the model's vectors are ready first.
   */
  readonly onFirstMap?: (first: FirstMap) => void;
  /**
   * Lay the map out afresh, ignoring the folder's previous maps. Otherwise a
   * saved layout of exactly these texts is reused, and failing that the last
   * map is refined (unchanged symbols keep their places, regions their ids
   * and names).
   */
  readonly newLayout?: boolean;
  /** Only files this accepts (relative paths) are indexed: a shard of a team store (see store/shard.ts). */
  readonly fileFilter?: (file: string) => boolean;
  /** False: no map is laid out (positions 0, no regions), for a store shard that `layout --store` lays out with the others. */
  readonly layout?: false;
}

/** A first map, from another model than the index's (see IndexOptions.onFirstMap). */
export interface FirstMap {
  /** The symbols, in the order of `xy`'s points (the same array onSymbols gets later). */
  readonly symbols: readonly IndexedSymbol[];
  readonly xy: Float32Array;
  /** The model it was made with: `builtin`. */
  readonly modelId: string;
}

/** Seed of the projection: the same input gives the same map. */
const LAYOUT_SEED = 42;
/** Files read and parsed at once: two per extraction worker keeps them busy without holding many sources. */
const FILES_IN_FLIGHT = 8;

/**
 * The index of one folder, or of several on one map: its symbols, their
 * vectors, the map, and the answers to search, similar and neighbours. Built
 * by `LatentIndex.build`, kept up to date by `updateFiles`. Files are named by
 * workspace path (see roots.ts): with one folder, the path relative to it.
 */
export class LatentIndex {
  private symbolList: IndexedSymbol[];
  private xy: Float32Array;
  private assignment: Int32Array;
  private clusterList: Cluster[];
  private regionList: Cluster[];
  private leaf: Int32Array;
  /** Resolves once built: a reopen draws the map first and builds this right after. */
  private searchIndex: Promise<SearchIndex>;
  private byId: Map<string, number>;
  /** By workspace path; each entry's own `path` is relative to its folder, as its folder's snapshot keeps it. */
  private files: Map<string, SnapshotFile>;

  private constructor(
    private readonly options: IndexOptions,
    private readonly rootList: readonly IndexedRoot[],
    private readonly embedder: Embedder,
    private readonly cache: VectorCache,
    private readonly cacheFolder: CacheFolder,
    /** One per folder, in the order of rootList. */
    private readonly snapshots: readonly SnapshotStore[],
    private readonly pool: ExtractorPool,
    state: {
      symbols: IndexedSymbol[];
      xy: Float32Array;
      files: Map<string, SnapshotFile>;
      layouts: Snapshot['layouts'][];
      searchIndex: Promise<SearchIndex>;
      clusters: ClusterResult;
    },
    private statsValue: IndexStats,
  ) {
    this.symbolList = state.symbols;
    this.xy = state.xy;
    this.files = state.files;
    this.layouts = state.layouts;
    this.byId = new Map(state.symbols.map((s, i) => [s.id, i]));
    this.searchIndex = state.searchIndex;
    this.assignment = state.clusters.assignment;
    this.clusterList = state.clusters.clusters;
    this.regionList = state.clusters.regions;
    this.leaf = state.clusters.leaf;
  }

  /** Each folder's snapshot's layouts, in the order of rootList; the first of each is the current map. */
  private layouts: Snapshot['layouts'][];

  /** The (first) folder. */
  get root(): string {
    return this.rootList[0]!.path;
  }
  /** The folders on the map, with the names their files' workspace paths start with when there are several. */
  get roots(): readonly IndexedRoot[] {
    return this.rootList;
  }
  /** The absolute path of a symbol's file (a workspace path), only if it lies inside its folder. */
  absolutePath(file: string): string | undefined {
    return absoluteOf(this.rootList, file);
  }
  /** The workspace path of an absolute path inside one of the folders, else undefined. */
  workspacePath(absolute: string): string | undefined {
    return workspacePathOf(this.rootList, absolute);
  }
  get modelId(): string {
    return this.embedder.modelId;
  }
  /** What the vectors are keyed by: the same fingerprint, the same vectors. */
  get modelFingerprint(): string {
    return this.embedder.fingerprint;
  }
  get dimensions(): number {
    return this.embedder.dimensions;
  }
  get fallbackReason(): string | undefined {
    return this.embedder.fallbackReason;
  }
  get symbols(): readonly IndexedSymbol[] {
    return this.symbolList;
  }
  get stats(): IndexStats {
    return this.statsValue;
  }
  /** Why nothing is cached for this index (the cache folder cannot be written), or undefined. */
  get cacheProblem(): string | undefined {
    return this.cacheFolder.problem;
  }

  static async build(options: IndexOptions): Promise<LatentIndex> {
    const started = performance.now();
    const { signal, onProgress } = options;
    const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const roots = indexedRoots(options.roots ?? [{ path: options.root }]);
    const root = roots[0]!.path;

    // Start loading the model while the files are read: both take a while.
    const embedderPromise = createEmbedder({
      model: options.model ?? BUILTIN_MODEL,
      modelCacheDir: options.modelCacheDir,
      allowRemote: options.allowRemote,
      fallback: options.fallback,
      onProgress,
      signal,
    });
    // A rejection is handled below; this keeps it from being reported as unhandled meanwhile.
    embedderPromise.catch(() => undefined);

    let embedder: Embedder | undefined;
    let firstMap: FirstMapRun | undefined;
    let firstMapModel: Promise<Embedder | undefined> | undefined;
    const pool = new ExtractorPool();
    // Writes go through it: an unwritable folder turns caching off, never the index.
    const cacheFolder = new CacheFolder(options.cacheDir, options.onCacheProblem ?? options.onWarning);
    try {
      // The snapshots (one per folder) are read while the folders are walked: neither needs the other.
      const snapshots = roots.map((r) => new SnapshotStore(options.cacheDir, r.path));
      const snapshotPromise = Promise.all(snapshots.map((store) => store.load(signal)));
      // Awaited after the walk; this keeps a cancellation meanwhile from being reported as unhandled.
      snapshotPromise.catch(() => undefined);
      // The built-in model for a first map loads while the files are read (it is only needed after).
      firstMapModel = snapshotPromise.then(
        (loaded) => (wantsFirstMap(options, loaded.find((s) => s?.layouts.length) ?? loaded[0]) ? createEmbedder({ model: BUILTIN_MODEL, signal }) : undefined),
        () => undefined,
      );
      // Awaited by startFirstMap or disposed below; a failed load only means no first map.
      firstMapModel = firstMapModel.catch(() => undefined);
      onProgress?.({ phase: 'discover', message: 'Finding files' });
      const found = await discoverRoots(roots, options, signal);
      const skipped = found.skipped;
      if (found.capped) {
        options.onWarning?.(
          `Only the first ${found.files.length} source files were indexed (file cap); ${found.skipped.fileCap ?? 0} more were left out. Raise the file cap or narrow the folder to include them.`,
        );
      }
      const discovered = performance.now();

      const rootSnapshots = await snapshotPromise;
      const previous = new Map<string, SnapshotFile>();
      rootSnapshots.forEach((snapshot, r) => {
        for (const f of snapshot?.files ?? []) previous.set(roots[r]!.prefix + f.path, f);
      });
      const total = found.files.length;
      let done = 0;
      // Files are read and parsed (on the pool's worker threads) a few at a
      // time, so sources are never all held at once; unchanged files come from
      // the snapshot. Results land by position, so the order stays stable.
      const results: (SnapshotFile | undefined)[] = new Array(total);
      let next = 0;
      // Files taken from each folder's snapshot as they were.
      const reused = new Array<number>(roots.length).fill(0);
      const work = async (): Promise<void> => {
        for (let i = next++; i < total; i = next++) {
          throwIfAborted(signal);
          const { file, root: r, key: workspaceFile } = found.files[i]!;
          const known = previous.get(workspaceFile);
          if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) {
            results[i] = known;
            reused[r] = reused[r]! + 1;
          } else {
            const read = await extractOrWarn(pool, roots[r]!.path, file.path, maxFileSize, signal, options.onWarning);
            if ('skip' in read) skipped[read.skip] = (skipped[read.skip] ?? 0) + 1;
            else results[i] = { ...file, symbols: read.symbols };
          }
          done++;
          if (done % 25 === 0 || done === total) onProgress?.({ phase: 'extract', message: 'Reading symbols', done, total });
        }
      };
      await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, work));
      // Their grammars' heaps are not needed until a file changes.
      await pool.releaseIdle();
      const files = new Map<string, SnapshotFile>();
      results.forEach((file, i) => {
        if (file) files.set(found.files[i]!.key, { path: file.path, size: file.size, mtimeMs: file.mtimeMs, symbols: file.symbols });
      });
      const extracted = performance.now();

      const symbols = await indexSymbols(files, signal);
      // When the cache holds every symbol's vector the map needs no model:
      // the model goes on loading for the first query (see embed/pending.ts).
      const keys = await mapSliced(symbols, keyOf, signal);
      const cached = await cachedModel(options, keys);
      let cache: VectorCache;
      if (cached) {
        cache = cached.cache;
        embedder = pendingEmbedder({ id: cached.id, fingerprint: cache.modelId, dimensions: cache.dimensions }, embedderPromise);
      } else {
        // Only without an earlier map of any of the folders (see wantsFirstMap).
        firstMap = startFirstMap(options, symbols, firstMapModel, started);
        embedder = await embedderPromise;
        // The chosen model failed and the built-in one took over: a first map not shown yet is the same map twice.
        if (embedder.modelId === BUILTIN_MODEL) firstMap?.abort.abort();
        if (embedder.fallbackReason) options.onWarning?.(embedder.fallbackReason);
        cache = await VectorCache.open(options.cacheDir, embedder.fingerprint, embedder.dimensions);
        if (cache.discardReason) options.onWarning?.(`The vector cache was discarded and will be rebuilt: ${cache.discardReason}.`);
      }
      // Until the first map is handed over, the model embeds on one core and the first map has the other.
      const { vectors, embedded } = await embedAll(symbols, embedder, cache, { ...options, extraWorkersAfter: firstMap?.done }, keys);
      // A first map not started (the vectors were cached) leaves its model unused.
      if (!firstMap) void firstMapModel?.then((model) => model?.dispose());
      const embeddedAt = performance.now();

      const key = mapKey(roots, embedder.fingerprint, keys);
      const noLayout = options.layout === false;
      const saved = rootSnapshots.flatMap((snapshot) => snapshot?.layouts ?? []);
      const known = options.newLayout || noLayout ? undefined : saved.find((l) => l.key === key && l.xy.length === symbols.length * 2);
      // Without a saved layout of these texts, the last map (whatever its
      // model) is where the new one starts, so the geography a user learnt
      // stays; with several folders, the last map of any of them that has
      // most of these symbols (a folder added or removed since keeps the
      // others where they were).
      const lastMap = known || options.newLayout || noLayout ? undefined : lastMapOf(roots, rootSnapshots, symbols);
      // The first map is where this one starts. It is waited for when the
      // model was quicker (a small folder, a fast model): at most one
      // built-in layout, partly repaid by the shorter refinement, and the
      // user always sees the same sequence.
      const first = await firstMap?.done;
      const prior =
        first && !known
          ? { xy: first.xy, known: new Uint8Array(symbols.length).fill(1), extent: first.extent, preview: first.preview }
          : lastMap && priorFrom(lastMap, symbols, keys, embedder.fingerprint);
      // A new layout (and its clusters) is computed in a worker while this
      // thread builds the search index and embeds its words.
      let mapping: Promise<{ xy: Float32Array; clusters: ClusterResult; extent?: number }> | undefined;
      if (noLayout) {
        mapping = Promise.resolve({ xy: new Float32Array(symbols.length * 2), clusters: noRegions(symbols.length) });
      } else if (!known) {
        onProgress?.({ phase: 'project', message: 'Laying out', done: 0, total: 1 });
        options.onSymbols?.(symbols);
        mapping = projectMap(vectors, symbols.length, embedder.dimensions, await regionWords(symbols, signal), {
          seed: LAYOUT_SEED,
          signal,
          prior,
          onLayout: options.onLayout,
          onProgress: (d, t) => onProgress?.({ phase: 'project', message: 'Laying out', done: d, total: t }),
        }).then(({ xy, clusters, extent }) => ({
          xy,
          extent,
          clusters: prior && lastMap ? keepRegions(clusters!, symbols.map((s) => s.id), xy, previousRegions(lastMap)) : clusters!,
        }));
        // Rejections are awaited below; this keeps one from being reported as unhandled meanwhile.
        mapping.catch(() => undefined);
      }
      // The search index, and its words' vectors (they let search widen query
      // words). With a layout running, they are built meanwhile and the
      // layout's progress is the one shown. A reopen with its layout known
      // does not wait for them: the map is drawn first, and search waits.
      const background = known !== undefined && embedded === 0;
      const searchIndex = (async () => {
        const store = VectorStore.fromPacked(vectors, embedder!.dimensions, symbols.map((s) => s.id), embedTexts(embedder!));
        const built = await SearchIndex.create(symbols, store, {}, background ? undefined : signal);
        // While a layout runs (its neighbour graph on one core), the words embed on the other: a second
        // worker, loading the model again, would only slow the layout down (extraWorkersAfter).
        await attachWordVectors(built, embedder!, cache, background ? undefined : signal, mapping ? undefined : onProgress, mapping);
        // Every vector in use is now the store's (embedAll shares it): the block the cache file was read into can go.
        cache.releaseBlock();
        await cacheFolder.write(() => cache.save());
        return built;
      })();
      // Awaited below or by the first query; this keeps a failure meanwhile from being reported as unhandled.
      searchIndex.catch(() => undefined);
      if (!background) await searchIndex;

      let xy: Float32Array;
      let clusters: ClusterResult;
      let extent: number | undefined;
      if (mapping) ({ xy, clusters, extent } = await mapping);
      else {
        xy = Float32Array.from(known!.xy);
        clusters = fromSnapshot(known!.clusters);
      }
      const projected = performance.now();
      const layout: SnapshotLayout = known ?? layoutEntry(roots, key, xy, clusters, symbols, keys, extent, embedder.fingerprint);
      // A map left unlaid is never saved as a folder's layout.
      const layouts = rootSnapshots.map((snapshot) =>
        noLayout ? (snapshot?.layouts ?? []) : [layout, ...(snapshot?.layouts ?? []).filter((l) => l.key !== key)].slice(0, LAYOUTS_KEPT),
      );
      const rootFiles = filesByRoot(roots, files);
      for (let r = 0; r < roots.length; r++) {
        const snapshot = rootSnapshots[r];
        // A reopen that changed nothing leaves the snapshot as it is: rewriting it costs a hash and a write of every symbol.
        const unchanged =
          snapshot !== undefined &&
          snapshot.layouts[0] === known &&
          reused[r] === rootFiles[r]!.length &&
          rootFiles[r]!.length === snapshot.files.length;
        if (!unchanged) await cacheFolder.write(() => snapshots[r]!.save({ version: SNAPSHOT_VERSION, root: roots[r]!.path, files: rootFiles[r]!, layouts: layouts[r]! }, signal));
      }

      const stats: IndexStats = {
        files: files.size,
        symbols: symbols.length,
        embedded,
        skipped,
        ms: {
          discover: Math.round(discovered - started),
          extract: Math.round(extracted - discovered),
          embed: Math.round(embeddedAt - extracted),
          project: Math.round(projected - embeddedAt),
          total: 0,
          ...(first ? { firstMap: first.ms } : {}),
        },
        layout: known ? 'saved' : prior ? 'refined' : 'fresh',
      };
      const index = new LatentIndex({ ...options, root }, roots, embedder, cache, cacheFolder, snapshots, pool, { symbols, xy, files, layouts, searchIndex, clusters }, stats);
      stats.ms.total = Math.round(performance.now() - started);
      return index;
    } catch (error) {
      firstMap?.abort.abort();
      if (!firstMap) void firstMapModel?.then((model) => model?.dispose());
      await pool.dispose();
      await (embedder ?? (await embedderPromise.catch(() => undefined)))?.dispose();
      throw error;
    }
  }

  /**
   * The index of a team store's map (store/read.ts), for `root`'s working
   * tree: symbols, vectors, positions and regions come from the store;
   * `updateFiles` then overlays files changed locally. The model must be the
   * store's (checked here again once loaded: a fallback may have replaced it).
   * `stored` may still be on its way: the model loads meanwhile (each takes
   * about a second on a small store). `onStep` hears how long each step took.
   */
  static async fromStore(
    options: IndexOptions,
    storedMap: StoredMap | Promise<StoredMap>,
    onStep?: (step: string, ms: number) => void,
  ): Promise<LatentIndex> {
    const started = performance.now();
    let at = started;
    const step = (name: string) => {
      const now = performance.now();
      onStep?.(name, Math.round(now - at));
      at = now;
    };
    const root = path.resolve(options.root);
    const { signal } = options;
    const reading = Promise.resolve(storedMap);
    // Handled below, once the model is loaded: a store that fails first must not count as unhandled meanwhile.
    reading.catch(() => undefined);
    const embedder = await createEmbedder({
      model: options.model ?? BUILTIN_MODEL,
      modelCacheDir: options.modelCacheDir,
      allowRemote: options.allowRemote,
      fallback: options.fallback,
      onProgress: options.onProgress,
      signal,
    });
    step('model');
    const pool = new ExtractorPool();
    try {
      const stored = await reading;
      step('store (beyond the model)');
      if (embedder.fingerprint !== stored.meta.model || embedder.dimensions !== stored.meta.dimensions) {
        const why = embedder.fallbackReason ? ` (${embedder.fallbackReason})` : '';
        throw new UserError(`the team store was built with the model ${stored.meta.modelId}, but ${embedder.modelId} is loaded${why}: its vectors cannot be compared`);
      }
      const files = new Map(stored.files.map((f) => [f.path, f]));
      const symbols = await indexSymbols(files, signal);
      const dims = embedder.dimensions;
      if (symbols.length * dims !== stored.vectors.length || stored.xy.length !== symbols.length * 2) {
        throw new UserError(`the team store is damaged: ${symbols.length} symbols but ${stored.vectors.length / dims} vectors`);
      }
      step('symbols');
      const cache = await VectorCache.open(options.cacheDir, embedder.fingerprint, dims);
      // The store's vectors stand in for the cache's: an overlaid file whose symbols the store has is not embedded again.
      const keys = await mapSliced(symbols, keyOf, signal);
      keys.forEach((key, i) => cache.set(key, stored.vectors.subarray(i * dims, (i + 1) * dims)));
      const cacheFolder = new CacheFolder(options.cacheDir, options.onCacheProblem ?? options.onWarning);
      // Its own snapshot, apart from the folder's local index: updates save positions on the store's map there.
      const snapshots = [new SnapshotStore(options.cacheDir, `${root}\u0000${stored.uri}`)];
      step('vector cache');
      const store = VectorStore.fromPacked(stored.vectors, dims, symbols.map((s) => s.id), embedTexts(embedder));
      const built = await SearchIndex.create(symbols, store, {}, signal);
      step('search index');
      await attachWordVectors(built, embedder, cache, signal);
      step('word vectors');
      const searchIndex = Promise.resolve(built);
      const stats: IndexStats = {
        files: files.size,
        symbols: symbols.length,
        embedded: 0,
        skipped: {},
        ms: { discover: 0, extract: 0, embed: 0, project: 0, total: Math.round(performance.now() - started) },
        layout: 'saved',
      };
      const roots = indexedRoots([{ path: root }]);
      return new LatentIndex({ ...options, root }, roots, embedder, cache, cacheFolder, snapshots, pool, { symbols, xy: stored.xy.slice(), files, layouts: [[]], searchIndex, clusters: stored.clusters }, stats);
    } catch (error) {
      await pool.dispose();
      await embedder.dispose();
      throw error;
    }
  }

  /** The files the index holds (workspace paths: relative with one folder), symbols or not. */
  get filePaths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * The map in the CLI contract's shape; symbols in the order of `symbols`.
   * With several folders, `roots` lists them and each symbol's `file` is
   * relative to its folder, named by `root` (the map itself and the page use
   * workspace paths: mapSymbols).
   */
  toJson(): MapJson {
    const several = this.rootList.length > 1;
    return {
      version: 1,
      model: { id: this.modelId, dimensions: this.dimensions },
      root: this.root,
      ...(several ? { roots: this.rootList.map((r) => ({ name: r.name, path: r.path })) } : {}),
      symbols: several ? this.mapSymbols().map((s) => this.forJson(s)) : this.mapSymbols(),
      clusters: this.clusterList,
      regions: this.regionList,
      stats: this.statsValue,
    };
  }

  /**
   * A symbol or result as the CLI contract writes it: with several folders,
   * `file` relative to its folder and `root` the folder's name; with one, as is.
   */
  forJson<T extends { readonly file: string }>(item: T): T | (T & { readonly root: string }) {
    if (this.rootList.length === 1) return item;
    const split = splitWorkspacePath(this.rootList, item.file);
    return split ? { ...item, file: split.relative, root: split.root.name } : item;
  }

  /** The map's symbols, files named by workspace path. */
  mapSymbols(): MapSymbol[] {
    return this.symbolList.map((s, i) => this.mapSymbol(s, i));
  }

  get clusters(): readonly Cluster[] {
    return this.clusterList;
  }

  /** Regions at every level (see MapJson.regions). */
  get regions(): readonly Cluster[] {
    return this.regionList;
  }

  symbol(id: string): IndexedSymbol | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.symbolList[i];
  }

  /** The innermost symbol whose lines span `line` in `file` (relative, `/` separators). */
  symbolAt(file: string, line: number): IndexedSymbol | undefined {
    let best: IndexedSymbol | undefined;
    for (const s of this.symbolList) {
      if (s.file !== file || line < s.line || line > s.endLine) continue;
      if (!best || s.endLine - s.line <= best.endLine - best.line) best = s;
    }
    return best;
  }

  /**
   * The symbol a name stands for: `debounce`, `Command.option` or an id. A
   * name several symbols share (overloads, a bundle's copy of a module) goes
   * to the one declared around `near` (file, 1-based line), else to one in
   * `near`'s file, else to a file's entry symbol (the one named after its
   * file, see isEntrySymbol), else to a public one, else to the first. The
   * CLI's `similar <name>` and the editor hover use it, so both mean the
   * same symbol by the same word.
   */
  symbolNamed(name: string, near?: { readonly file: string; readonly line: number }): IndexedSymbol | undefined {
    const exact = this.symbolList.filter((s) => s.name === name || qualifiedName(s) === name || s.id === name);
    const lower = name.toLowerCase();
    const candidates = exact.length ? exact : this.symbolList.filter((s) => s.name.toLowerCase() === lower || qualifiedName(s).toLowerCase() === lower);
    if (candidates.length <= 1) return candidates[0];
    const rank = (s: IndexedSymbol): number => {
      if (near && s.file === near.file && s.line <= near.line && near.line <= s.endLine) return 0;
      if (near && s.file === near.file) return 1;
      if (isEntrySymbol(s)) return 2;
      return isPrivateSymbol(s) ? 4 : 3;
    };
    // Stable: among equals, the first in the index's order (files by path).
    return candidates.reduce((best, s) => (rank(s) < rank(best) ? s : best));
  }

  /**
   * Symbols best matching a description, by meaning and by words together.
   * A query that spells concept arithmetic (`parseJson - json + yaml`, see
   * parseArithmetic) is answered by arithmetic().
   */
  async search(query: string, k: number, signal?: AbortSignal): Promise<RankedSymbol[]> {
    const text = query.trim();
    if (!text || this.symbolList.length === 0) return [];
    const sum = parseArithmetic(text);
    if (sum) return this.arithmetic(sum.plus, sum.minus, k, {}, signal);
    // The query and its words in one batch: the words let search widen a
    // word no symbol uses to the code's words nearest it in meaning.
    const words = SearchIndex.queryWords(text);
    const index = await this.searchIndex;
    const packed = await index.store.embed([text, ...words], signal);
    if (signal?.aborted) throw new CancelledError();
    const d = index.dims;
    return index.search(text, packed.subarray(0, d), k, packed.subarray(d));
  }

  /** Symbols that mean the same as symbol `id`, itself excluded. */
  async similar(id: string, k: number): Promise<RankedSymbol[]> {
    const index = await this.searchIndex;
    // Checked against the index awaited: an update may have swapped both meanwhile.
    const i = this.byId.get(id);
    return i === undefined || index.symbols[i]?.id !== id ? [] : index.similar(i, k);
  }

  /** Symbols nearest the mean of symbols `ids` (a selection taken as a whole), none of them included. */
  async similarToMany(ids: readonly string[], k: number): Promise<RankedSymbol[]> {
    const index = await this.searchIndex;
    const members = new Set<number>();
    for (const id of ids) {
      const i = index.store.indexOf(id);
      if (i >= 0) members.add(i);
    }
    if (members.size === 0) return [];
    return index.nearest(index.store.mean(members), k, (i) => members.has(i));
  }

  /**
   * Every symbol's vector, packed in the order of `symbols`, for exports.
   * Taken with the symbols from the search index itself, so that the two
   * agree even if an update lands meanwhile.
   */
  async embedding(): Promise<{ symbols: readonly IndexedSymbol[]; vectors: Float32Array; dimensions: number }> {
    const index = await this.searchIndex;
    return { symbols: index.symbols, vectors: index.store.packed(), dimensions: index.dims };
  }

  /**
   * Every symbol's `k` most similar symbols, each list exactly what
   * similar() gives for it, for an exported map to show without an index.
   * A symbol at a time, giving the event loop turns (seconds of work on a
   * large index); `onProgress` gets symbols done.
   */
  async similarOfAll(
    k: number,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ symbols: readonly IndexedSymbol[]; lists: RankedSymbol[][] }> {
    const index = await this.searchIndex;
    const lists: RankedSymbol[][] = new Array(index.size);
    let last = 0;
    await forEachSliced(
      index.size,
      (i) => {
        lists[i] = index.similar(i, k);
        if (onProgress && (i + 1 === index.size || performance.now() - last > 100)) {
          last = performance.now();
          onProgress(i + 1, index.size);
        }
      },
      signal,
    );
    throwIfAborted(signal);
    return { symbols: index.symbols, lists };
  }

  /** Symbols nearest to a word or phrase in the embedding space. */
  async neighbours(term: string, k: number): Promise<RankedSymbol[]> {
    const text = term.trim();
    if (!text || this.symbolList.length === 0) return [];
    const index = await this.searchIndex;
    return index.nearest(await index.store.embed([text]), k);
  }

  /**
   * "`a` is to `b` as `c` is to ?": the symbols that best complete `b - a +
   * c`, best first, never a symbol a term names. Each term is a symbol's
   * name (`debounce`, `Command.option`, an id) or, when no symbol has that
   * name, free text. An empty term is an error.
   */
  async analogy(a: string, b: string, c: string, k: number, options?: Partial<ArithmeticChoice>, signal?: AbortSignal): Promise<RankedSymbol[]> {
    // c first: the word swap (ArithmeticChoice.swapFirst) rewrites the first added term's name.
    return this.arithmetic([c, b], [a], k, options, signal);
  }

  /**
   * Concept arithmetic: the symbols nearest `plus[0] + plus[1]... -
   * minus[0]...` (see analogy; `parseJson - json + yaml` is plus [parseJson,
   * yaml], minus [json]), never a symbol a term names.
   */
  async arithmetic(
    plus: readonly string[],
    minus: readonly string[],
    k: number,
    options: Partial<ArithmeticChoice> = {},
    signal?: AbortSignal,
  ): Promise<RankedSymbol[]> {
    const choice = { ...SHIPPED_ARITHMETIC, ...options };
    const index = await this.searchIndex;
    const store = choice.vectors === 'name' ? await this.nameStore(index, signal) : index.store;
    const terms = await this.termVectors(index, store, [...plus, ...minus], signal);
    // A term's symbol, and its copies under the same name (a re-export, an overload), are never an answer.
    const ownNames = new Set(terms.flatMap((t) => (t.symbol === undefined ? [] : [index.symbols[t.symbol]!.name])));
    const own = (i: number) => ownNames.has(index.symbols[i]!.name);
    const swapped = choice.swapFirst ? swappedNameKey(terms.map((t, i) => (t.symbol === undefined ? [...plus, ...minus][i]! : index.symbols[t.symbol]!.name)), plus.length) : undefined;
    const named = swapped === undefined ? [] : index.symbols.flatMap((s, i) => (nameWordsKey(s.name) === swapped && !own(i) ? [i] : []));
    const hits = arithmeticHits(
      store,
      terms.slice(0, plus.length).map((t) => t.vector),
      terms.slice(plus.length).map((t) => t.vector),
      // Enough to hold every symbol the swapped name spells as well.
      k + named.length,
      own,
      choice,
    );
    if (named.length === 0) return hits.slice(0, k).map((h) => index.ranked(h));
    // The symbols the swap spells go first, in the arithmetic's order among themselves, as a spelled name does in search.
    const first = new Set(named);
    const order = new Map(hits.map((h, r) => [h.index, r]));
    // A lifted symbol shows the best score there is, so the scores read in the order printed.
    const best = hits[0]?.score ?? 1;
    const lead = named.sort((x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity) || x - y).map((i) => ({ index: i, score: best }));
    return [...lead, ...hits.filter((h) => !first.has(h.index))].slice(0, k).map((h) => index.ranked(h));
  }

  /**
   * Symbols ordered by their place on the axis from `from` to `to` (each a
   * symbol's name or free text, as in analogy), furthest towards `to` first,
   * the coordinate as score (0 halfway between the poles).
   */
  async axis(from: string, to: string, k: number, signal?: AbortSignal): Promise<RankedSymbol[]> {
    const { index, coordinates } = await this.axisOf(from, to, signal);
    return topK(coordinates, k).map((h) => index.ranked(h));
  }

  /** Every symbol's coordinate on the axis from `from` to `to` (see axis), in the order of `symbols` returned with it. */
  async axisOf(from: string, to: string, signal?: AbortSignal): Promise<{ index: SearchIndex; symbols: readonly IndexedSymbol[]; coordinates: Float64Array }> {
    const index = await this.searchIndex;
    const [f, t] = await this.termVectors(index, index.store, [from, to], signal);
    return { index, symbols: index.symbols, coordinates: axisCoordinates(index.store, f!.vector, t!.vector) };
  }

  /**
   * Directions worth offering as axes: the strongest principal directions of
   * the symbols' vectors, each named by the name word most common among the
   * symbols at one end and rare at the other, as free-text poles (so that
   * choosing one is the same as typing its two words). Strongest first;
   * directions whose ends share their best word are left out.
   */
  async directions(count: number, signal?: AbortSignal): Promise<{ from: string; to: string }[]> {
    const index = await this.searchIndex;
    const store = index.store;
    const out: { from: string; to: string }[] = [];
    const seen = new Set<string>();
    for (const direction of principalDirections(store, count * 2)) {
      throwIfAborted(signal);
      const along = store.scores(direction);
      const order = Array.from(along.keys()).sort((x, y) => along[x]! - along[y]! || x - y);
      const end = Math.max(5, Math.min(DIRECTION_END, Math.floor(order.length / 4)));
      const low = wordCounts(order.slice(0, end).map((i) => index.symbols[i]!));
      const high = wordCounts(order.slice(-end).map((i) => index.symbols[i]!));
      const from = bestWord(low, high);
      const to = bestWord(high, low);
      if (!from || !to || from === to) continue;
      const key = [from, to].sort().join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ from, to });
      if (out.length === count) break;
    }
    return out;
  }

  /** Each term as a vector of `store`: a symbol's row when a symbol has that name, else the text embedded. */
  private async termVectors(
    index: SearchIndex,
    store: VectorStore,
    terms: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ vector: Float32Array; symbol?: number }[]> {
    const resolved = terms.map((term, i) => {
      const text = term.trim();
      if (!text) throw new UserError(`term ${i + 1} is empty: give a symbol name or a few words`);
      const symbol = this.symbolNamed(text);
      const row = symbol ? index.store.indexOf(symbol.id) : -1;
      return { text, row };
    });
    const free = resolved.filter((r) => r.row < 0).map((r) => r.text);
    const embedded = free.length ? await index.store.embed(free, signal) : new Float32Array(0);
    throwIfAborted(signal);
    let next = 0;
    return resolved.map((r) => {
      if (r.row >= 0) return { vector: store.row(r.row), symbol: r.row };
      const j = next++;
      return { vector: embedded.subarray(j * store.dims, (j + 1) * store.dims) };
    });
  }

  /**
   * The symbols' names alone embedded (`parseJsonFile` as `parse json
   * file`), row for row with `index.store`: for arithmetic on names. Built on
   * first use through the vector cache, once per index.
   */
  private nameStore(index: SearchIndex, signal?: AbortSignal): Promise<VectorStore> {
    let store = nameStores.get(index);
    if (!store) {
      store = embedAll(
        index.symbols.map((s) => ({ text: splitIdentifier(s.name).join(' ') || s.name })),
        this.embedder,
        this.cache,
        { signal },
      ).then(({ vectors }) => index.store.with(vectors, index.store.ids));
      nameStores.set(index, store);
      store.catch(() => nameStores.delete(index));
    }
    return store;
  }

  /**
   * Re-reads `changed` files and drops `removed` ones (workspace paths, see
   * roots.ts: relative to the folder when there is one). Only
   * new embedding texts are embedded; a symbol whose text is unchanged keeps
   * its place, and a new one is placed among its nearest neighbours, so the
   * map updates without a new layout.
   */
  async updateFiles(
    changed: readonly string[],
    removed: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ upserted: MapSymbol[]; removed: string[] }> {
    const maxFileSize = this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const files = new Map(this.files);
    for (const file of removed) files.delete(file);
    const maxFiles = this.options.maxFiles ?? DEFAULT_MAX_FILES;
    for (const file of changed) {
      throwIfAborted(signal);
      const split = splitWorkspacePath(this.rootList, file);
      if (!split || split.relative === '') continue;
      const { root, relative } = split;
      // The rules of a full walk apply to files created since: .gitignore, excludes, caps.
      const refused = await admitFile(discoverOptions(this.options, root), relative);
      if (refused || (!files.has(file) && files.size >= maxFiles)) {
        files.delete(file);
        continue;
      }
      const info = await stat(path.join(root.path, relative)).catch(() => undefined);
      const read = await extractOrWarn(this.pool, root.path, relative, maxFileSize, signal, this.options.onWarning);
      if ('skip' in read) {
        files.delete(file);
        continue;
      }
      files.set(file, { path: relative, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0, symbols: read.symbols });
    }
    const symbols = await indexSymbols(files, signal);
    const keys = await mapSliced(symbols, keyOf, signal);
    const { vectors } = await embedAll(symbols, this.embedder, this.cache, { signal }, keys);
    await this.cacheFolder.write(() => this.cache.save());

    // Keep the position of every symbol whose id and text are unchanged.
    const old = new Map(this.symbolList.map((s, i) => [s.id, i]));
    const xy = new Float32Array(symbols.length * 2);
    const placed = new Uint8Array(symbols.length);
    const upserted: number[] = [];
    symbols.forEach((s, i) => {
      const j = old.get(s.id);
      if (j !== undefined && this.symbolList[j]!.text === s.text) {
        xy[2 * i] = this.xy[2 * j]!;
        xy[2 * i + 1] = this.xy[2 * j + 1]!;
        placed[i] = 1;
        const before = this.symbolList[j]!;
        if (before.line !== s.line || before.endLine !== s.endLine || before.comment !== s.comment) upserted.push(i);
      } else {
        upserted.push(i);
      }
    });
    const store = VectorStore.fromPacked(vectors, this.dimensions, symbols.map((s) => s.id), embedTexts(this.embedder));
    placeAmongNeighbours(store, xy, placed);
    const ids = new Set(symbols.map((s) => s.id));
    const gone = this.symbolList.filter((s) => !ids.has(s.id)).map((s) => s.id);

    const clustered = await clusterOffThread(xy, symbols.length, await regionWords(symbols, signal), signal);
    // The regions the page showed until now keep their colours and names where they still hold the same symbols.
    const clusters = keepRegions(
      clustered,
      symbols.map((s) => s.id),
      xy,
      { ids: this.symbolList.map((s) => s.id), assignment: this.assignment, regions: this.regionList, leaf: this.leaf },
    );
    const searchIndex = await SearchIndex.create(symbols, store, {}, signal);
    // From here on nothing waits until the state is whole again: queries that
    // arrive meanwhile see the old index or the new one, never a mix.
    this.files = files;
    this.symbolList = symbols;
    this.xy = xy;
    this.byId = new Map(symbols.map((s, i) => [s.id, i]));
    this.searchIndex = Promise.resolve(searchIndex);
    this.assignment = clusters.assignment;
    this.clusterList = clusters.clusters;
    this.regionList = clusters.regions;
    this.leaf = clusters.leaf;
    this.statsValue = { ...this.statsValue, files: files.size, symbols: symbols.length };
    const key = mapKey(this.rootList, this.embedder.fingerprint, keys);
    // Placing points leaves the scale of the map they were placed on (the first layout of the list).
    const layout = layoutEntry(this.rootList, key, xy, clusters, symbols, keys, this.layouts[0]?.[0]?.extent, this.embedder.fingerprint);
    this.layouts = this.layouts.map((list) => [layout, ...list.filter((l) => l.key !== key)].slice(0, LAYOUTS_KEPT));
    // Every folder's snapshot keeps the map they share (see SnapshotLayout.roots).
    const rootFiles = filesByRoot(this.rootList, files);
    for (let r = 0; r < this.rootList.length; r++) {
      const snapshot = { version: SNAPSHOT_VERSION, root: this.rootList[r]!.path, files: rootFiles[r]!, layouts: this.layouts[r]! };
      await this.cacheFolder.write(() => this.snapshots[r]!.save(snapshot));
    }
    // Last, so that a cancellation here leaves a consistent index that only lacks word widening.
    await attachWordVectors(searchIndex, this.embedder, this.cache, signal);
    await this.cacheFolder.write(() => this.cache.save());
    return { upserted: upserted.map((i) => this.mapSymbol(symbols[i]!, i)), removed: gone };
  }

  async dispose(): Promise<void> {
    // A search index still being built uses the embedder and the cache.
    await this.searchIndex.catch(() => undefined);
    await this.pool.dispose();
    await this.embedder.dispose();
  }

  private mapSymbol(s: IndexedSymbol, i: number): MapSymbol {
    return toMapSymbol(s, round(this.xy[2 * i]!), round(this.xy[2 * i + 1]!), this.assignment[i] ?? -1, this.leaf[i] ?? -1);
  }

}

/** Free text into an index's space, through its embedder (read when called: a pending embedder resolves later). */
function embedTexts(embedder: Embedder): (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array> {
  return (texts, signal) => embedder.embed([...texts], { signal });
}

/** Which vectors arithmetic runs on, and how it ranks (eval/ANALOGIES.md). */
export interface ArithmeticChoice extends ArithmeticOptions {
  /** 'text': the symbols' own vectors (name, container, parameters, comment); 'name': their names alone. */
  readonly vectors: 'text' | 'name';
  /**
   * Symbols whose name is the first added term's name with the words of the
   * taken terms swapped for those of the other added terms (`addDays -
   * add + sub` spells `subDays`) go first.
   */
  readonly swapFirst: boolean;
}

/**
 * What analogy, arithmetic and the search box's `a - b + c` use, chosen on
 * eval/ANALOGIES.md: 3CosMul on the symbols' own vectors, with a name the
 * word swap spells first. Names alone solve word swaps but lose most
 * analogies that need meaning; the swap gives the word swaps back.
 * Near-copies are not left out by similarity (0.98 dropped right answers
 * whose texts differ in one word, `trimStart`/`trimEnd`), only by name.
 */
export const SHIPPED_ARITHMETIC: ArithmeticChoice = { ...DEFAULT_ARITHMETIC, nearCopy: 2, vectors: 'text', swapFirst: true };

/** A name's words, stemmed, sorted: `addDays` and `daysAdd` agree, `addDay` too. */
function nameWordsKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = [...new Set(splitIdentifier(name).map(stem))].sort().join(' ');
    nameKeys.set(name, key);
  }
  return key;
}
/** Per name, not per symbol: the names of an index repeat, and the map stays small. */
const nameKeys = new Map<string, string>();

/**
 * The name key (nameWordsKey) the word swap spells: the first added term's
 * words, less the words of the taken terms that the other added terms lack,
 * plus the other added terms' words the taken ones lack; undefined when
 * that changes nothing or leaves nothing.
 */
function swappedNameKey(names: readonly string[], plusCount: number): string | undefined {
  const wordsOf = (text: string) => new Set(text.split(/[^\p{L}\p{N}]+/u).flatMap(splitIdentifier).map(stem));
  const base = wordsOf(names[0]!);
  const added = new Set(names.slice(1, plusCount).flatMap((n) => [...wordsOf(n)]));
  const taken = new Set(names.slice(plusCount).flatMap((n) => [...wordsOf(n)]));
  const out = new Set([...base].filter((w) => !taken.has(w) || added.has(w)));
  for (const w of added) if (!taken.has(w)) out.add(w);
  const key = [...out].sort().join(' ');
  return key && key !== [...base].sort().join(' ') ? key : undefined;
}

const nameStores = new WeakMap<SearchIndex, Promise<VectorStore>>();

/** Symbols at each end of a principal direction whose name words name it. */
const DIRECTION_END = 40;

/** How many of `symbols` have each content word of three letters or more in their name, by word as written. */
function wordCounts(symbols: readonly IndexedSymbol[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of symbols) {
    for (const w of new Set(splitIdentifier(s.name))) {
      if (w.length < 3 || /\d/.test(w) || STOP_WORDS.has(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

/** The word most common in `here` beyond its count in `there` (at least twice), or undefined. */
function bestWord(here: ReadonlyMap<string, number>, there: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let score = 1;
  for (const [w, c] of here) {
    const s = c - (there.get(w) ?? 0);
    if (s > score || (s === score && best !== undefined && w < best)) {
      best = w;
      score = s;
    }
  }
  return best;
}

/** Reads and extracts `file` on the pool; an extraction failure is a warning and no symbols, a skip is counted by the caller. */
async function extractOrWarn(
  pool: ExtractorPool,
  root: string,
  file: string,
  maxFileSize: number,
  signal: AbortSignal | undefined,
  onWarning?: (message: string) => void,
): Promise<ExtractResult> {
  try {
    return await pool.extractFile(file, path.join(root, file), maxFileSize, signal);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    onWarning?.(`Could not read symbols from ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return { symbols: [] };
  }
}

export function discoverOptions(options: IndexOptions, root: IndexedRoot): Omit<DiscoverOptions, 'signal' | 'maxFiles'> {
  return {
    root: root.path,
    isSource: (file) => languageForFile(file) !== undefined,
    include: root.include ?? options.include,
    exclude: root.exclude ?? options.exclude,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  };
}

/** A discovered file with its folder (an index into the roots) and its workspace path. */
interface FoundFile {
  readonly file: DiscoveredFile;
  readonly root: number;
  readonly key: string;
}

/**
 * Walks each folder in turn, the file cap shared: a folder gets what the
 * folders before it left. Skip counts are summed.
 */
async function discoverRoots(
  roots: readonly IndexedRoot[],
  options: IndexOptions,
  signal: AbortSignal | undefined,
): Promise<{ files: FoundFile[]; skipped: Partial<Record<SkipReason, number>>; capped: boolean }> {
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const files: FoundFile[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  let capped = false;
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    const found = await discover({ ...discoverOptions(options, root), maxFiles: maxFiles - files.length, signal });
    for (const file of found.files) {
      const key = root.prefix + file.path;
      if (!options.fileFilter || options.fileFilter(key)) files.push({ file, root: r, key });
    }
    for (const [reason, n] of Object.entries(found.skipped) as [SkipReason, number][]) skipped[reason] = (skipped[reason] ?? 0) + n;
    capped ||= found.capped;
  }
  return { files, skipped, capped };
}

/** Each folder's files (in the order of `roots`), as its own snapshot keeps them. */
function filesByRoot(roots: readonly IndexedRoot[], files: ReadonlyMap<string, SnapshotFile>): SnapshotFile[][] {
  const lists = roots.map((): SnapshotFile[] => []);
  for (const [file, entry] of files) {
    const split = splitWorkspacePath(roots, file);
    if (split) lists[roots.indexOf(split.root)]!.push(entry);
  }
  return lists;
}

/**
 * The layout key (see layoutKey) of a map: with several folders, the folders
 * and their names count too, so that a map of one folder and a map of it
 * beside others never share a key.
 */
function mapKey(roots: readonly IndexedRoot[], modelId: string, textKeys: readonly string[]): string {
  const folders = roots.length === 1 ? '' : roots.map((r) => `\n${r.prefix}${r.path}`).join('');
  return layoutKey(modelId + folders, textKeys);
}

/**
 * The most recent map among the folders' snapshots that has most of
 * `symbols`, with its ids rewritten to this index's ids (a folder's symbols
 * keep their place whether it was mapped alone or beside others, under any
 * name); symbols of folders not on this map get the id '' (no symbol's).
 */
function lastMapOf(roots: readonly IndexedRoot[], snapshots: readonly (Snapshot | undefined)[], symbols: readonly IndexedSymbol[]): SnapshotLayout | undefined {
  const current = new Set(symbols.map((s) => s.id));
  let best: { layout: SnapshotLayout; count: number } | undefined;
  snapshots.forEach((snapshot, r) => {
    const last = snapshot?.layouts[0];
    if (!last) return;
    const folders = last.roots ?? [{ path: roots[r]!.path, prefix: '' }];
    const prefixOf = new Map(roots.map((root) => [root.path, root.prefix]));
    const ids = last.ids.map((id) => {
      const folder = folders.find((f) => id.startsWith(f.prefix));
      const prefix = folder && prefixOf.get(folder.path);
      return prefix === undefined ? '' : prefix + id.slice(folder!.prefix.length);
    });
    let count = 0;
    for (const id of ids) if (current.has(id)) count++;
    if (!best || count > best.count) best = { layout: { ...last, ids }, count };
  });
  return best?.layout;
}

/**
 * The vector cache of the model `options` name when it already holds the
 * vector of every text in `keys`, so the map can be drawn before the model has
 * loaded; otherwise undefined (and the caller waits for the model).
 */
async function cachedModel(options: IndexOptions, keys: readonly string[]): Promise<{ cache: VectorCache; id: string } | undefined> {
  let model: ResolvedModel;
  try {
    model = resolveModel({ model: options.model ?? BUILTIN_MODEL, modelCacheDir: options.modelCacheDir, allowRemote: options.allowRemote });
  } catch {
    return undefined; // createEmbedder reports why (or falls back).
  }
  const cache = await VectorCache.open(options.cacheDir, model.fingerprint);
  if (cache.discardReason) options.onWarning?.(`The vector cache was discarded and will be rebuilt: ${cache.discardReason}.`);
  if (cache.size === 0 || keys.some((key) => !cache.has(key))) return undefined;
  return { cache, id: model.id };
}

/**
 * Embeds the search index's words (through the vector cache, so each word
 * once per model) for search to widen query words no symbol uses.
 */
async function attachWordVectors(
  index: SearchIndex,
  embedder: Embedder,
  cache: VectorCache,
  signal?: AbortSignal,
  onProgress?: ProgressSink,
  extraWorkersAfter?: Promise<unknown>,
): Promise<void> {
  const words = index.vocabulary;
  const progress: ProgressSink | undefined = onProgress && ((p) => onProgress({ ...p, message: 'Embedding search words' }));
  const { vectors } = await embedAll(words.map((text) => ({ text })), embedder, cache, { signal, onProgress: progress, extraWorkersAfter });
  index.setWordVectors(vectors);
}

/** Gives every symbol its id and embedding text, files in path order. */
export async function indexSymbols(files: ReadonlyMap<string, SnapshotFile>, signal?: AbortSignal): Promise<IndexedSymbol[]> {
  const paths = [...files.keys()].sort();
  const perFile = await mapSliced(
    paths,
    (file) => {
      const entry = files.get(file)!;
      let indexed = indexedByFile.get(entry);
      if (!indexed) {
        const seen = new Map<string, number>();
        indexed = entry.symbols.map((s): IndexedSymbol => {
          const base = `${file}#${s.container ? `${s.container}.` : ''}${s.name}`;
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          return { ...s, id: n === 1 ? base : `${base}@${n}`, file, text: embeddingText(s) };
        });
        indexedByFile.set(entry, indexed);
      }
      return indexed;
    },
    signal,
  );
  return perFile.flat();
}

// An incremental update keeps the snapshot entries of unchanged files, so
// their indexed symbols are reused, and with them everything kept per symbol
// object (text keys here, search terms in search/): a saved file costs its own
// symbols, not the whole index's again.
const indexedByFile = new WeakMap<SnapshotFile, IndexedSymbol[]>();
const keyBySymbol = new WeakMap<IndexedSymbol, string>();

/** The vector cache key of a symbol's embedding text. */
function keyOf(symbol: IndexedSymbol): string {
  let key = keyBySymbol.get(symbol);
  if (key === undefined) keyBySymbol.set(symbol, (key = textKey(symbol.text)));
  return key;
}


/** Packs every symbol's vector, embedding only texts the cache does not hold. */
async function embedAll(
  symbols: readonly { readonly text: string }[],
  embedder: Embedder,
  cache: VectorCache,
  options: { signal?: AbortSignal; onProgress?: ProgressSink; extraWorkersAfter?: Promise<unknown> },
  keys: readonly string[] = symbols.map((s) => textKey(s.text)),
): Promise<{ vectors: Float32Array; embedded: number }> {
  const dims = embedder.dimensions;
  // Shared memory: the projection worker reads these rows where they are
  // instead of a copy (154 MB at 100k symbols of 384 dimensions).
  const vectors = new Float32Array(new SharedArrayBuffer(symbols.length * dims * Float32Array.BYTES_PER_ELEMENT));
  /** Texts the cache lacks, by key: the first row whose symbol has it. */
  const missing = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!cache.get(key) && !missing.has(key)) missing.set(key, i);
  });
  if (missing.size > 0) {
    const rows = [...missing.values()];
    const texts = rows.map((i) => symbols[i]!.text);
    options.onProgress?.({ phase: 'embed', message: 'Embedding', done: 0, total: texts.length });
    // Embedded straight into `vectors` (rows 0..missing.size - 1), not into an
    // array of their own that would hold them all a second time (100-154 MB
    // at 100k symbols) until it is collected.
    await embedder.embed(texts, {
      signal: options.signal,
      into: vectors,
      extraWorkersAfter: options.extraWorkersAfter,
      onProgress: (done, total) => options.onProgress?.({ phase: 'embed', message: 'Embedding', done, total }),
    });
    // Then each moves to its symbol's row. Row j belongs at rows[j] >= j and
    // rows only increase, so moving from the last down never overwrites a
    // row that has yet to move (memmove's order).
    for (let j = rows.length - 1; j >= 0; j--) {
      const at = rows[j]!;
      if (at !== j) vectors.copyWithin(at * dims, j * dims, (j + 1) * dims);
    }
    let j = 0;
    for (const key of missing.keys()) {
      const at = rows[j++]!;
      cache.set(key, vectors.subarray(at * dims, (at + 1) * dims));
    }
  }
  keys.forEach((key, i) => {
    const vector = cache.get(key)!;
    if (vector.buffer === vectors.buffer && vector.byteOffset === i * dims * Float32Array.BYTES_PER_ELEMENT) return;
    vectors.set(vector, i * dims);
    // From here the cache reads the packed row, so each vector in use is held
    // once, in the store the caller builds over `vectors`, not again in the cache.
    cache.share(key, vectors.subarray(i * dims, (i + 1) * dims));
  });
  return { vectors, embedded: missing.size };
}

function layoutEntry(
  roots: readonly IndexedRoot[],
  key: string,
  xy: Float32Array,
  clusters: ClusterResult,
  symbols: readonly IndexedSymbol[],
  keys: readonly string[],
  extent: number | undefined,
  model: string,
): SnapshotLayout {
  return {
    key,
    model,
    xy: Array.from(xy),
    ids: symbols.map((s) => s.id),
    texts: keys.map(textFingerprint),
    ...(extent === undefined ? {} : { extent }),
    ...(roots.length === 1 ? {} : { roots: roots.map((r) => ({ path: r.path, prefix: r.prefix })) }),
    clusters: { assignment: Array.from(clusters.assignment), list: clusters.clusters, regions: clusters.regions, leaf: Array.from(clusters.leaf) },
  };
}

/** A map with no regions (see IndexOptions.layout). */
function noRegions(n: number): ClusterResult {
  return { assignment: new Int32Array(n).fill(-1), clusters: [], regions: [], leaf: new Int32Array(n).fill(-1) };
}

function fromSnapshot(saved: SnapshotLayout['clusters']): ClusterResult {
  return {
    assignment: Int32Array.from(saved.assignment),
    clusters: saved.list.map((c) => ({ ...c })),
    regions: saved.regions.map((c) => ({ ...c })),
    leaf: Int32Array.from(saved.leaf),
  };
}

/** A first map being made (see IndexOptions.onFirstMap): `done` gives it once handed over, undefined if it failed. */
interface FirstMapRun {
  readonly abort: AbortController;
  readonly done: Promise<{ readonly xy: Float32Array; readonly extent?: number; readonly ms: number; readonly preview: boolean } | undefined>;
}

/**
 * Whether a build with these options makes a first map from the built-in
 * model (IndexOptions.onFirstMap): another model is to embed, and the folder
 * has no earlier map (which would be shown meanwhile and refined instead).
 */
function wantsFirstMap(options: IndexOptions, snapshot: Snapshot | undefined): boolean {
  if (!options.onFirstMap || options.layout === false || (options.model ?? BUILTIN_MODEL).trim() === BUILTIN_MODEL) return false;
  return !snapshot?.layouts.length || options.newLayout === true;
}

/**
 * Starts a first map from the built-in model (`model`, loaded while the files
 * were read; see wantsFirstMap) beside the chosen model's embedding. It is a
 * preview (project/preview.ts): seconds even at 100k symbols, refined into
 * the model's map. Failures only mean no first map.
 */
function startFirstMap(
  options: IndexOptions,
  symbols: readonly IndexedSymbol[],
  model: Promise<Embedder | undefined> | undefined,
  started: number,
): FirstMapRun | undefined {
  const onFirstMap = options.onFirstMap;
  if (!onFirstMap || !model || symbols.length === 0) return undefined;
  const abort = new AbortController();
  const signal = abort.signal;
  const outer = options.signal;
  const onOuterAbort = () => abort.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  if (outer?.aborted) abort.abort();
  const done = (async () => {
    const builtin = await model;
    if (!builtin) return undefined;
    try {
      // Each distinct text once (a third of a large folder's symbols share
      // their text with another), and no vector cache: the built-in model
      // embeds ~15,000 texts a second, and these vectors are not kept.
      const rowOf = new Map<string, number>();
      const row = symbols.map((s) => {
        let r = rowOf.get(s.text);
        if (r === undefined) rowOf.set(s.text, (r = rowOf.size));
        return r;
      });
      const distinct = await builtin.embed([...rowOf.keys()], { signal });
      const dims = builtin.dimensions;
      const vectors = new Float32Array(symbols.length * dims);
      row.forEach((r, i) => vectors.set(distinct.subarray(r * dims, (r + 1) * dims), i * dims));
      const { xy, extent } = await projectMap(vectors, symbols.length, dims, undefined, { seed: LAYOUT_SEED, signal, preview: true });
      if (signal.aborted) return undefined;
      const ms = Math.round(performance.now() - started);
      onFirstMap({ symbols, xy, modelId: BUILTIN_MODEL });
      return { xy, extent, ms, preview: symbols.length > PREVIEW_SAMPLE };
    } finally {
      await builtin.dispose();
    }
  })()
    .catch(() => undefined)
    .finally(() => outer?.removeEventListener('abort', onOuterAbort));
  const run: FirstMapRun = { abort, done };
  return run;
}

/**
 * Where the previous map had each symbol, for those whose id and text are
 * unchanged; undefined when too few are (the map is then laid out anew, see
 * MIN_KNOWN_SHARE).
 */
function priorFrom(previous: SnapshotLayout, symbols: readonly IndexedSymbol[], keys: readonly string[], model: string): LayoutPrior | undefined {
  const at = new Map<string, number>();
  previous.ids.forEach((id, j) => at.set(id, j));
  const xy = new Float32Array(symbols.length * 2);
  const known = new Uint8Array(symbols.length);
  let count = 0;
  symbols.forEach((s, i) => {
    const j = at.get(s.id);
    if (j === undefined || previous.texts[j] !== textFingerprint(keys[i]!)) return;
    xy[2 * i] = previous.xy[2 * j]!;
    xy[2 * i + 1] = previous.xy[2 * j + 1]!;
    known[i] = 1;
    count++;
  });
  return count > 0 && count >= MIN_KNOWN_SHARE * symbols.length ? { xy, known, extent: previous.extent, sameModel: previous.model === model } : undefined;
}

/**
 * The regions of a map made from the previous one: the previous regions
 * themselves while nearly every symbol is the same (carry.ts), otherwise the
 * fresh ones with the previous colours and names where they match (follow.ts).
 */
function keepRegions(fresh: ClusterResult, ids: readonly string[], xy: Float32Array, previous: PreviousRegions): ClusterResult {
  return carryRegions(ids, xy, previous) ?? followRegions(fresh, ids, previous);
}

function previousRegions(layout: SnapshotLayout): PreviousRegions {
  return { ids: layout.ids, assignment: layout.clusters.assignment, regions: layout.clusters.regions, leaf: layout.clusters.leaf };
}

/** Map coordinates are written with 4 decimals: enough for any screen, half the JSON. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
