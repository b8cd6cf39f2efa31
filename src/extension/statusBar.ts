// The status bar item: what the index is doing, and a click away from the map.
// Its text is also what the end-to-end tests wait for ("N symbols").
import * as vscode from 'vscode';

import type { IndexState } from './indexService';
import { filesText, symbolCount } from './progressText';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    // Right side, like other background work (language servers, indexers).
    this.item = vscode.window.createStatusBarItem('latentMap.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Latent Map';
    this.item.command = 'latentMap.showMap';
    this.update({ kind: 'idle' });
    this.foldersChanged();
  }

  /** Shown only where there is a folder to map. */
  foldersChanged(): void {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) > 0) this.item.show();
    else this.item.hide();
  }

  update(state: IndexState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'idle':
        item.text = '$(graph-scatter) Latent Map';
        item.tooltip = 'Latent Map: show the semantic map of this workspace';
        break;
      case 'indexing':
        item.text = '$(sync~spin) Latent Map: indexing…';
        item.tooltip = `Latent Map: ${state.message}`;
        break;
      case 'ready':
        if (state.team) {
          const { uri, version, localFiles } = state.team;
          const local = `${localFiles} local change${localFiles === 1 ? '' : 's'}`;
          item.text = `$(cloud) ${symbolCount(state.symbols)} · team v${version} + ${local}`;
          item.tooltip = `Latent Map: team index ${uri}, version ${version}, with ${local} (files indexed on this machine over it): ${symbolCount(state.symbols)} in ${state.files} files, model ${state.model}. Click to show the map.`;
        } else {
          item.text = `$(graph-scatter) ${symbolCount(state.symbols)}`;
          item.tooltip = `Latent Map: ${symbolCount(state.symbols)} in ${filesText(state)}, model ${state.model}. Click to show the map.`;
        }
        break;
      case 'error':
        item.text = '$(error) Latent Map: error';
        item.tooltip = `Latent Map: ${state.message}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
    item.accessibilityInformation = { label: item.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
