// Owns the index of the workspace: builds it on demand with a cancellable
// progress notification, keeps the previous one usable until a new one is
// ready, applies file changes incrementally, and tells the status bar and the
// map what happened. Nothing is indexed until a command or the map asks.
// Every folder of a multi-root workspace is on the one map (see
// src/core/roots.ts); adding or removing a folder builds it again, the
// folders that stay keeping their places.
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { describeFsError, makeFolder } from '../core/cache';
import { BUILTIN_MODEL } from '../core/embed';
import { LatentIndex, type IndexOptions } from '../core/indexer';
import { CancelledError, UserError, type IndexedSymbol, type MapSymbol, type Progress } from '../core/types';
import type { ChangeBatch } from './changeBatcher';
import { fallbackText, progressText, skippedText, throttleProgress, timingsText } from './progressText';
import { readIndexSettings, sameIndexSettings, type IndexSettings } from './settings';
import { openTeamIndex, storeEnvironment, teamOf, timingText } from './teamIndex';
import { WorkspaceWatcher } from './workspaceWatcher';

/** Progress redraws at most this often (ms): smooth to the eye, cheap for the host. */
const PROGRESS_INTERVAL_MS = 150;

export type IndexState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'indexing'; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly symbols: number;
      readonly files: number;
      /** Folders on the map (a multi-root workspace has several). */
      readonly folders: number;
      readonly model: string;
      /** Set when the map comes from a team index: which store, its version, and how many files are indexed locally over it. */
      readonly team?: { readonly uri: string; readonly version: number; readonly localFiles: number };
    }
  | { readonly kind: 'error'; readonly message: string };

export interface IndexUpdate {
  readonly upserted: readonly MapSymbol[];
  readonly removed: readonly string[];
}

/** A layout of an index still being built: its symbols and their positions so far. */
export interface DraftLayout {
  readonly root: string;
  readonly model: string;
  readonly symbols: readonly IndexedSymbol[];
  readonly xy: Float32Array;
}

interface Build {
  readonly abort: AbortController;
  readonly promise: Promise<void>;
  readonly folders: readonly vscode.WorkspaceFolder[];
  /** The settings it was started with, one per folder (see restartIfStale). */
  readonly settings: readonly IndexSettings[];
  readonly newLayout: boolean;
}

export class IndexService implements vscode.Disposable {
  private current: { index: LatentIndex; folders: readonly vscode.WorkspaceFolder[]; settings: readonly IndexSettings[] } | undefined;
  private building: Build | undefined;
  private watchers: WorkspaceWatcher[] = [];
  /** Updates run one at a time, after any build in flight. */
  private updates: Promise<void> = Promise.resolve();
  private stateValue: IndexState = { kind: 'idle' };
  /** Fallback and cache warnings already shown this session: shown once, not on every rebuild. */
  private readonly warned = new Set<string>();
  private disposed = false;

  private readonly stateEmitter = new vscode.EventEmitter<IndexState>();
  private readonly indexEmitter = new vscode.EventEmitter<LatentIndex | undefined>();
  private readonly updateEmitter = new vscode.EventEmitter<IndexUpdate>();
  private readonly layoutEmitter = new vscode.EventEmitter<DraftLayout>();
  /** The state changed (status bar, map status line). */
  readonly onDidChangeState = this.stateEmitter.event;
  /** A new index replaced the old one, or the index was dropped (undefined). */
  readonly onDidChangeIndex = this.indexEmitter.event;
  /** An incremental update changed some symbols of the current index. */
  readonly onDidUpdate = this.updateEmitter.event;
  /** An intermediate layout of the first index being built (a map that already shows stays until the new one is done). */
  readonly onDidLayout = this.layoutEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): IndexState {
    return this.stateValue;
  }

  /** The index as it is now, never waiting or building (the hover uses this). */
  get index(): LatentIndex | undefined {
    return this.current?.index;
  }

  /** The first folder on the map (where exports are offered to go). */
  get folder(): vscode.WorkspaceFolder | undefined {
    return this.current?.folders[0];
  }

  get isBuilding(): boolean {
    return this.building !== undefined;
  }

  /** Where vectors and index snapshots live: the extension's global storage, never the workspace. */
  get cacheDir(): string {
    return path.join(this.context.globalStorageUri.fsPath, 'vectors');
  }

  /** Where downloaded models live, shared by all workspaces. */
  get modelCacheDir(): string {
    return path.join(this.context.globalStorageUri.fsPath, 'models');
  }

  /**
   * The current index, building one first when there is none. Resolves to
   * undefined when there is no folder, or the build failed or was cancelled
   * (the user has been told, or chose to cancel).
   */
  async ensure(): Promise<LatentIndex | undefined> {
    if (this.current) return this.current.index;
    if (!this.building) {
      const folders = this.workspaceFolders();
      if (!folders) return undefined;
      this.start(folders);
    }
    await this.settle();
    return this.index;
  }

  /**
   * Builds again from scratch (the cache makes unchanged symbols free), the
   * map refined from the last one unless `newLayout` asks for a fresh layout.
   * Resolves to the new index, or undefined when none came of it (failed,
   * cancelled: the previous one, if any, still serves).
   */
  async rebuild(options: { readonly newLayout?: boolean } = {}): Promise<LatentIndex | undefined> {
    const folders = this.workspaceFolders();
    if (!folders) return undefined;
    const before = this.index;
    this.start(folders, options.newLayout === true);
    await this.settle();
    const after = this.index;
    return after !== before ? after : undefined;
  }

  /** Drops the index and deletes the vector cache (and the downloaded models when asked). */
  async clearCache(options: { readonly models: boolean }): Promise<void> {
    this.building?.abort.abort();
    await this.settle();
    await this.updates;
    await this.drop();
    await rm(this.cacheDir, { recursive: true, force: true });
    if (options.models) await rm(this.modelCacheDir, { recursive: true, force: true });
    this.log.info(`Deleted ${this.cacheDir}${options.models ? ` and ${this.modelCacheDir}` : ''}`);
    this.setState({ kind: 'idle' });
  }

  /** Settings that decide the index changed: is the current index now stale? */
  isStale(): boolean {
    if (!this.current) return false;
    const { folders, settings } = this.current;
    return folders.some((folder, i) => !sameIndexSettings(settings[i]!, readIndexSettings(folder)));
  }

  /**
   * Settings that decide the index changed. A build in flight that read the
   * old ones starts again with the new ones, since what it would give is
   * already out of date (a setting that arrives after the map was asked for,
   * or a model changed while the first one downloads). Returns whether
   * it did; with no build in flight, nothing happens here.
   */
  restartIfStale(): boolean {
    const build = this.building;
    if (!build) return false;
    const now = build.folders.map((folder) => readIndexSettings(folder));
    if (build.settings.every((settings, i) => sameIndexSettings(settings, now[i]!))) return false;
    this.log.info(`Settings changed while indexing (model ${build.settings[0]!.model} → ${now[0]!.model}): indexing again with the new ones.`);
    this.start(build.folders, build.newLayout);
    return true;
  }

  /**
   * Workspace folders were added or removed: a map that is shown or being
   * built is built again with the folders there are now (the folders that
   * stay keep their places), or dropped when none is left.
   */
  async foldersChanged(): Promise<void> {
    if (!this.current && !this.building) return;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      this.building?.abort.abort();
      await this.settle();
      await this.drop();
      this.setState({ kind: 'idle' });
      return;
    }
    if (!this.building && this.current && sameFolders(this.current.folders, folders)) return;
    this.start(folders);
    await this.settle();
  }

  /** Stops building and ends the index's workers. */
  async shutdown(): Promise<void> {
    this.disposed = true;
    this.building?.abort.abort();
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    const current = this.current;
    this.current = undefined;
    await current?.index.dispose();
  }

  dispose(): void {
    void this.shutdown();
    this.stateEmitter.dispose();
    this.indexEmitter.dispose();
    this.updateEmitter.dispose();
    this.layoutEmitter.dispose();
  }

  // ---- building -----------------------------------------------------------

  /** Starts a build, cancelling one in flight (the newest request wins). */
  private start(folders: readonly vscode.WorkspaceFolder[], newLayout = false): void {
    this.building?.abort.abort();
    const abort = new AbortController();
    // Each folder's own include and exclude globs; the model and caps are the first folder's (one map, one model).
    const settings = folders.map((folder) => readIndexSettings(folder));
    const build: Build = {
      abort,
      folders,
      settings,
      newLayout,
      promise: this.run(folders, settings, abort, newLayout).finally(() => {
        if (this.building === build) this.building = undefined;
      }),
    };
    this.building = build;
  }

  /** Waits until no build is in flight (a build started meanwhile is waited for too). */
  private async settle(): Promise<void> {
    while (this.building) await this.building.promise;
  }

  private async run(folders: readonly vscode.WorkspaceFolder[], folderSettings: readonly IndexSettings[], abort: AbortController, newLayout: boolean): Promise<void> {
    const settings = folderSettings[0]!;
    const root = folders[0]!.uri.fsPath;
    const names = folders.map((f) => f.name).join(', ');
    const previous = this.stateValue;
    this.setState({ kind: 'indexing', message: 'Starting' });
    let draft: readonly IndexedSymbol[] | undefined;
    /** Set while the map shows a first map from another model than the one indexing: says so in the status line. */
    let firstFrom: string | undefined;
    this.log.info(
      `Indexing ${folders.map((f) => f.uri.fsPath).join(', ')} with model ${settings.model}` +
        ` (downloads ${settings.allowRemote ? 'allowed' : 'off'}${settings.note ? `; ${settings.note}` : ''})`,
    );
    try {
      // The vector cache folder is made by the core, which goes on without
      // caching when it cannot be written; a models folder that cannot be made
      // only stops downloads, and the built-in model takes over.
      await makeFolder(this.modelCacheDir).catch((error: unknown) => this.log.warn(`Cannot create ${this.modelCacheDir}: ${describeFsError(error)}`));
      const index = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Latent Map', cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => abort.abort());
          /** The last progress shown, told again when a first map appears so the line says which model the map is from. */
          let last: Progress | undefined;
          /** Set once the build is over: the model may go on loading for the first query (its vectors were all cached) and report as it does, which must not turn a ready map back into "indexing". */
          let over = false;
          const report = (p: Progress): void => {
            if (over) return;
            last = p;
            const message = firstFrom ? `${progressText(p)} · first map from the ${firstFrom} model` : progressText(p);
            progress.report({ message });
            if (!abort.signal.aborted) this.setState({ kind: 'indexing', message });
          };
          try {
            const options: IndexOptions = {
              root,
              ...(folders.length > 1
                ? { roots: folders.map((f, i) => ({ path: f.uri.fsPath, name: f.name, include: folderSettings[i]!.include, exclude: folderSettings[i]!.exclude })) }
                : {}),
              model: settings.model,
              cacheDir: this.cacheDir,
              modelCacheDir: this.modelCacheDir,
              allowRemote: settings.allowRemote,
              fallback: true,
              include: settings.include,
              exclude: settings.exclude,
              maxFiles: settings.maxFiles,
              maxFileSize: settings.maxFileSize,
              newLayout,
              signal: abort.signal,
              onProgress: throttleProgress(report, PROGRESS_INTERVAL_MS),
              // Another model than the built-in one: a first map from the built-in model within seconds, which the model's map then refines.
              onFirstMap: (first) => {
                if (abort.signal.aborted || this.current) return;
                draft = first.symbols;
                firstFrom = first.modelId === BUILTIN_MODEL ? 'built-in' : first.modelId;
                this.log.info(`First map drawn from the ${firstFrom} model while ${settings.model} embeds.`);
                this.layoutEmitter.fire({ root, model: first.modelId, symbols: first.symbols, xy: first.xy });
                // The model may be downloading with no news for a while: say now whose map this is.
                if (last) report(last);
              },
              onSymbols: (symbols) => {
                draft = symbols;
              },
              // The map takes shape while the projection refines, when there is no map to show meanwhile.
              onLayout: (xy) => {
                if (abort.signal.aborted || this.current || !draft || xy.length !== draft.length * 2) return;
                this.layoutEmitter.fire({ root, model: settings.model, symbols: draft, xy });
              },
              // Unreadable files, a discarded cache: the log's business. What the
              // user must know (fallback, file cap) is told by report() from the result.
              onWarning: (message) => this.log.warn(message),
              onCacheProblem: (message) => this.cacheProblem(message),
            };
            // A team store holds one folder's map: a multi-root workspace is indexed locally.
            if (settings.teamIndex && folders.length > 1) this.log.info('The team index maps one folder; this workspace has several, so it is indexed locally.');
            else if (settings.teamIndex) {
              const team = await this.openTeam(settings.teamIndex, options);
              if (team) return team;
            }
            return await LatentIndex.build(options);
          } finally {
            over = true;
            cancel.dispose();
          }
        },
      );
      if (abort.signal.aborted || this.disposed) {
        // Superseded or shut down after the build finished: this index is not wanted.
        await index.dispose();
        return;
      }
      await this.adopt(folders, folderSettings, index);
      this.report(index, settings);
    } catch (error) {
      if (error instanceof CancelledError || abort.signal.aborted) {
        this.log.info(`Indexing cancelled${this.current ? '; the previous map stays as it was' : ''}.`);
        if (this.building?.abort === abort) {
          this.setState(this.current ? readyState(this.current.index) : previous.kind === 'error' ? previous : { kind: 'idle' });
          // A half-laid-out draft on the map must not outlive its build.
          if (!this.current && draft) this.indexEmitter.fire(undefined);
        }
        return;
      }
      const message = errorText(error);
      this.log.error(`Indexing ${names} failed: ${error instanceof Error && !(error instanceof UserError) ? error.stack ?? message : message}`);
      this.setState({ kind: 'error', message });
      if (!this.current && draft) this.indexEmitter.fire(undefined);
      void vscode.window.showErrorMessage(`Latent Map could not index ${names}: ${message}`, 'Show Log').then((pick) => {
        if (pick) this.log.show(true);
      });
      // The previous index, if any, still answers; the status bar says the last build failed.
    }
  }

  /**
   * The team index for this build, or undefined (the user told why) when it
   * cannot be opened, so that the local index is built instead.
   */
  private async openTeam(uri: string, options: IndexOptions): Promise<LatentIndex | undefined> {
    this.log.info(`Opening the team index ${uri}`);
    try {
      const started = performance.now();
      const index = await openTeamIndex(uri, options, await storeEnvironment(this.context.secrets));
      const team = teamOf(index);
      this.log.info(
        `Opened the team index ${team?.uri} version ${team?.version} in ${Math.round(performance.now() - started)} ms: ` +
          `${index.symbols.length} symbols, ${team?.localFiles.size ?? 0} files indexed locally over it ` +
          `(steps, the store read while the model loads: ${timingText(team?.timings ?? [])})`,
      );
      return index;
    } catch (error) {
      if (error instanceof CancelledError || options.signal?.aborted) throw error;
      const message = errorText(error);
      this.log.warn(`The team index could not be opened: ${message}; indexing locally instead.`);
      void vscode.window
        .showWarningMessage(`Latent Map could not open the team index: ${message}. Showing the local index instead.`, 'Open Settings', 'Show Log')
        .then((pick) => {
          if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'latentMap.teamIndex');
          if (pick === 'Show Log') this.log.show(true);
        });
      return undefined;
    }
  }

  private async adopt(folders: readonly vscode.WorkspaceFolder[], settings: readonly IndexSettings[], index: LatentIndex): Promise<void> {
    const old = this.current;
    this.current = { index, folders, settings };
    // A watcher per folder, naming files by workspace path as the index does (its roots are in the folders' order).
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = folders.map(
      (folder, i) => new WorkspaceWatcher(folder, index.roots[i]!.prefix, () => this.current?.index.symbols ?? [], (batch) => this.enqueue(batch)),
    );
    this.setState(readyState(index));
    this.indexEmitter.fire(index);
    // An update still running on the old index finishes before its workers end.
    if (old && old.index !== index) {
      const oldIndex = old.index;
      void this.updates.then(() => oldIndex.dispose());
    }
  }

  private async drop(): Promise<void> {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    const old = this.current;
    this.current = undefined;
    this.indexEmitter.fire(undefined);
    await old?.index.dispose();
  }

  /** Logs what the build did and tells the user what they must know (fallback, file cap). */
  private report(index: LatentIndex, settings: IndexSettings): void {
    const { stats } = index;
    this.log.info(
      `Indexed ${stats.symbols} symbols in ${stats.files} files with ${index.modelId} (${index.dimensions} dimensions); ` +
        `embedded ${stats.embedded} new texts; ${timingsText(stats.ms)}; skipped: ${skippedText(stats.skipped)}`,
    );
    if (index.fallbackReason) {
      const key = `${settings.model}\n${index.fallbackReason}`;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        void vscode.window
          .showWarningMessage(
            fallbackText(settings.model, index.fallbackReason),
            'Open Settings',
            'Show Log',
          )
          .then((pick) => {
            if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'latentMap.model');
            if (pick === 'Show Log') this.log.show(true);
          });
      }
    }
    const capped = stats.skipped.fileCap ?? 0;
    if (capped > 0) {
      void vscode.window
        .showWarningMessage(
          `Latent Map read the first ${stats.files} source files only (latentMap.maxFiles is ${settings.maxFiles}); ${capped} more were left out.`,
          'Open Settings',
        )
        .then((pick) => {
          if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'latentMap.maxFiles');
        });
    }
  }

  /** The cache folder cannot be written: the map goes on without caching, and the user is told once a session. */
  private cacheProblem(message: string): void {
    this.log.warn(message);
    if (this.warned.has(message)) return;
    this.warned.add(message);
    void vscode.window.showWarningMessage(`Latent Map: ${message}`, 'Show Log').then((pick) => {
      if (pick) this.log.show(true);
    });
  }

  // ---- incremental updates -------------------------------------------------

  private enqueue(batch: ChangeBatch): void {
    this.updates = this.updates.then(() => this.apply(batch)).catch((error: unknown) => {
      this.log.error(`Updating the map failed: ${errorText(error)}`);
    });
  }

  private async apply(batch: ChangeBatch): Promise<void> {
    // A build in flight reads the files itself; applying the batch afterwards is
    // still right (unchanged texts come from the cache) and catches what it missed.
    await this.settle();
    const current = this.current;
    if (!current || this.disposed) return;
    const started = performance.now();
    const result = await current.index.updateFiles(batch.changed, batch.removed);
    // Over a team index, a saved file is one more indexed locally.
    const team = teamOf(current.index);
    for (const file of [...batch.changed, ...batch.removed]) team?.localFiles.add(file);
    if (this.current !== current) return;
    this.log.info(
      `Updated ${batch.changed.length} changed and ${batch.removed.length} removed files in ${Math.round(performance.now() - started)} ms: ` +
        `${result.upserted.length} symbols added or changed, ${result.removed.length} removed`,
    );
    if (result.upserted.length > 0 || result.removed.length > 0) {
      this.updateEmitter.fire(result);
      this.setState(readyState(current.index));
    }
  }

  // ---- folders ---------------------------------------------------------------

  /** Every folder of the workspace, in its order; undefined (and the user told) when there is none. */
  private workspaceFolders(): readonly vscode.WorkspaceFolder[] | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Latent Map maps a folder: open a folder first.');
      return undefined;
    }
    return folders;
  }

  private setState(state: IndexState): void {
    if (this.disposed) return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
  }
}

function readyState(index: LatentIndex): IndexState {
  const team = teamOf(index);
  return {
    kind: 'ready',
    symbols: index.symbols.length,
    files: index.stats.files,
    folders: index.roots.length,
    model: index.modelId,
    ...(team ? { team: { uri: team.uri, version: team.version, localFiles: team.localFiles.size } } : {}),
  };
}

/** The same folders in the same order (a reorder renames nothing but changes the map's key). */
function sameFolders(a: readonly vscode.WorkspaceFolder[], b: readonly vscode.WorkspaceFolder[]): boolean {
  return a.length === b.length && a.every((f, i) => f.uri.toString() === b[i]!.uri.toString() && f.name === b[i]!.name);
}

/** One line for the user: a UserError as is, anything else by its message. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 500);
}

