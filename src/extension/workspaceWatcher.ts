// Watches one folder of the map and hands batches of changed and removed
// source files to the index, named by workspace path (the folder's prefix,
// '' with one folder, then the path relative to it: see src/core/roots.ts).
// Saves, creates, deletes and renames all arrive here as file-system events
// (a rename is a delete plus a create); events for a folder stand for every
// indexed file under it.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { IndexedSymbol } from '../core/types';
import { ChangeBatcher, type ChangeBatch } from './changeBatcher';
import { SOURCE_GLOB, isWatchedSource } from './languages';

/**
 * Quiet time before a batch goes out (ms): long enough for format-on-save and
 * a checkout's burst of writes to land in one batch, short enough to feel live.
 */
const BATCH_DELAY_MS = 500;

export class WorkspaceWatcher implements vscode.Disposable {
  private readonly batcher: ChangeBatcher;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly folder: vscode.WorkspaceFolder,
    private readonly prefix: string,
    private readonly indexed: () => readonly IndexedSymbol[],
    onBatch: (batch: ChangeBatch) => void,
  ) {
    this.batcher = new ChangeBatcher(BATCH_DELAY_MS, onBatch);
    const sources = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, SOURCE_GLOB));
    // Deleting or renaming a folder reports the folder alone, not its files.
    const everything = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, true, false);
    this.disposables.push(
      sources,
      everything,
      sources.onDidCreate((uri) => this.changed(uri)),
      sources.onDidChange((uri) => this.changed(uri)),
      sources.onDidDelete((uri) => this.removed(uri)),
      everything.onDidCreate((uri) => void this.folderCreated(uri)),
      everything.onDidDelete((uri) => this.folderRemoved(uri)),
    );
  }

  dispose(): void {
    this.batcher.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const relative = path.relative(this.folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    return relative === '' || path.isAbsolute(relative) ? undefined : relative;
  }

  private changed(uri: vscode.Uri): void {
    const relative = this.relative(uri);
    if (relative !== undefined && isWatchedSource(relative)) this.batcher.changed(this.prefix + relative);
  }

  private removed(uri: vscode.Uri): void {
    const relative = this.relative(uri);
    if (relative !== undefined && isWatchedSource(relative)) this.batcher.removed(this.prefix + relative);
  }

  /** A folder appeared (created, renamed, checked out): its source files are new. */
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    const relative = this.relative(uri);
    if (relative === undefined || isWatchedSource(relative)) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || (stat.type & vscode.FileType.Directory) === 0) return;
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, SOURCE_GLOB));
    for (const file of files) this.changed(file);
  }

  /** A folder went away: every indexed file under it is removed. */
  private folderRemoved(uri: vscode.Uri): void {
    const relative = this.relative(uri);
    if (relative === undefined || isWatchedSource(relative)) return;
    const prefix = `${this.prefix}${relative}/`;
    const files = new Set(this.indexed().filter((s) => s.file.startsWith(prefix)).map((s) => s.file));
    for (const file of files) this.batcher.removed(file);
  }
}
