// Opening symbols and finding the one under the cursor. A symbol is always
// named by id and resolved against the current index here, so neither the
// webview nor a hover link can make the extension open a path of its choosing.
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { LatentIndex } from '../core/indexer';
import type { IndexedSymbol, SymbolKind } from '../core/types';
import type { IndexService } from './indexService';

/** The codicon of each symbol kind, as VS Code's own outline shows them. */
export const KIND_ICON: Readonly<Record<SymbolKind, string>> = {
  function: 'symbol-function',
  method: 'symbol-method',
  class: 'symbol-class',
  interface: 'symbol-interface',
  enum: 'symbol-enum',
  type: 'symbol-parameter',
  struct: 'symbol-struct',
  trait: 'symbol-interface',
  module: 'symbol-namespace',
};

/** The file of an indexed symbol (a workspace path), if it really is inside its folder of the map. */
export function symbolUri(service: IndexService, symbol: IndexedSymbol | { readonly file: string }): vscode.Uri | undefined {
  const absolute = service.index?.absolutePath(symbol.file);
  return absolute === undefined ? undefined : vscode.Uri.file(absolute);
}

export interface OpenOptions {
  readonly viewColumn?: vscode.ViewColumn;
  readonly preview?: boolean;
  readonly preserveFocus?: boolean;
}

/** Opens the symbol `id` of the current index at its line; false when the id is unknown. */
export async function openSymbol(service: IndexService, id: string, options: OpenOptions = {}): Promise<boolean> {
  const symbol = service.index?.symbol(id);
  return symbol ? openIndexedSymbol(service, symbol, options) : false;
}

/** Opens an indexed symbol at its line; false when its file is not inside the indexed folder. */
export async function openIndexedSymbol(service: IndexService, symbol: IndexedSymbol, options: OpenOptions = {}): Promise<boolean> {
  const uri = symbolUri(service, symbol);
  if (!uri) return false;
  const position = new vscode.Position(Math.max(0, symbol.line - 1), 0);
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: options.viewColumn,
    preview: options.preview,
    preserveFocus: options.preserveFocus,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/**
 * The workspace path of a document as the index names files ('/'
 * separators; with several folders, the folder's name first), if it is inside
 * a folder of the map.
 */
export function relativeToIndex(service: IndexService, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  return service.index?.workspacePath(uri.fsPath);
}

/**
 * The indexed symbol under the active editor's cursor, building the index
 * first if needed. Tells the user, and resolves to undefined, when there is none.
 * When the focus is on an editor that is not text (the map, the walkthrough's
 * button) and exactly one text editor is visible, that editor's cursor counts.
 */
export async function symbolAtCursor(
  service: IndexService,
): Promise<{ readonly index: LatentIndex; readonly symbol: IndexedSymbol } | undefined> {
  const visible = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'file');
  const editor = vscode.window.activeTextEditor ?? (visible.length === 1 ? visible[0] : undefined);
  if (!editor) {
    void vscode.window.showInformationMessage('Latent Map: put the cursor in a function, method or class of a source file first.');
    return undefined;
  }
  const index = await service.ensure();
  if (!index) return undefined;
  const relative = relativeToIndex(service, editor.document.uri);
  if (relative === undefined) {
    void vscode.window.showInformationMessage(
      `Latent Map: ${path.basename(editor.document.uri.fsPath)} is not in ${index.roots.length > 1 ? 'any of the mapped folders' : `the mapped folder ${service.folder?.name ?? ''}`}.`,
    );
    return undefined;
  }
  const symbol = index.symbolAt(relative, editor.selection.active.line + 1);
  if (!symbol) {
    void vscode.window.showInformationMessage(
      `Latent Map: no symbol on the map at ${relative}:${editor.selection.active.line + 1}. Put the cursor inside a function, method or class (unsaved changes are mapped when saved).`,
    );
    return undefined;
  }
  return { index, symbol };
}
