// The map's webview panel: at most one, restored after a window reload by a
// serializer. The page gets the whole state each time it says `ready` (first
// load, reload, becoming visible again), so nothing posted while it was not
// listening is lost. Every message from it is checked with the shared guards
// and resolved against the current index; anything else is dropped and logged.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

import type { LatentIndex } from '../core/indexer';
import { toMapSymbol } from '../core/mapSymbol';
import { mapMessageFor } from '../shared/columns';
import type { MapPayload, SymbolAction, ToWebviewMessage } from '../shared/protocol';
import { renderMapHtml } from '../../webview/html';
import { qualifiedName, type IndexedSymbol } from '../core/types';
import type { DraftLayout, IndexService, IndexState } from './indexService';
import { openIndexedSymbol, symbolUri } from './navigation';
import { filesText, symbolCount } from './progressText';
import { readViewSettings, storeColourBy } from './settings';
import { describeUntrusted, handleWebviewMessage } from './webviewMessages';

export const MAP_VIEW_TYPE = 'latentMap.map';
/** Dropped messages logged one by one before the log only counts them (a hostile page could flood it). */
const DROPPED_LOGGED = 20;

export class MapPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private ready = false;
  /** A reveal asked for before the page could take it. */
  private pendingReveal: string | undefined;
  private dropped = 0;
  /** The symbols of the draft map the page shows while the first index is built. */
  private draftShown: readonly IndexedSymbol[] | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: IndexService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          this.adopt(panel);
          // The map was open before the reload: bring it back (from the cache, usually instant).
          await this.service.ensure();
        },
      }),
      service.onDidChangeIndex((index) => {
        this.draftShown = undefined;
        // No index (cache cleared, folder closed): an empty map, so no stale point can be clicked.
        this.post(index ? mapMessage(index) : EMPTY_MAP);
        this.post(statusMessage(service.state));
      }),
      service.onDidUpdate((update) => this.post({ type: 'update', upserted: update.upserted, removed: update.removed })),
      service.onDidChangeState((state) => this.post(statusMessage(state))),
      service.onDidLayout((draft) => this.postDraft(draft)),
    );
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Shows the map (creating the panel if needed) and builds the index if there is none. */
  async show(): Promise<void> {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.adopt(this.create());
    await this.service.ensure();
  }

  /** Shows the map and centres it on a symbol. */
  async reveal(id: string): Promise<void> {
    this.pendingReveal = id;
    if (this.panel) this.panel.reveal(undefined, true);
    else this.adopt(this.create());
    if (this.ready && this.service.index) this.flushReveal();
  }

  /** Tells an open map that the view settings changed. */
  settingsChanged(): void {
    const view = readViewSettings();
    this.post({ type: 'settings', colourBy: view.colourBy, neighbours: view.neighbours });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private create(): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(MAP_VIEW_TYPE, 'Latent Map', vscode.ViewColumn.Active, this.webviewOptions());
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The page is cheap to rebuild from the index (it asks with `ready`), and a
      // hidden canvas of many thousand points is memory better given back.
      retainContextWhenHidden: false,
      enableFindWidget: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.context.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.context.extensionUri, 'media'),
      ],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const old = this.panel;
    this.disposePanel();
    this.panel = panel;
    // One map at a time: a second restored panel replaces the first.
    if (old && old !== panel) old.dispose();
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.disposePanel();
          this.panel = undefined;
        }
      }),
      // A hidden page is torn down (retainContextWhenHidden is off) and says
      // `ready` again when shown; until then posting to it would be lost.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      // Messages arrive only from this panel's own webview: the listener is its.
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (this.panel === panel) void this.receive(message);
      }),
    );
  }

  private disposePanel(): void {
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    this.ready = false;
  }

  private html(webview: vscode.Webview): string {
    const asUri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts)).toString();
    return renderMapHtml({
      cspSource: webview.cspSource,
      // A fresh nonce per load: a script tag the page did not write itself never runs.
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asUri('dist', 'webview.js'),
      styleUri: asUri('media', 'map.css'),
    });
  }

  private post(message: ToWebviewMessage): void {
    if (!this.panel || !this.ready) return;
    void Promise.resolve(this.panel.webview.postMessage(message)).catch(() => undefined);
  }

  /** The first layout of a build goes out as a map of its symbols, later ones as positions only. */
  private postDraft(draft: DraftLayout): void {
    if (!this.panel || !this.ready) return;
    if (this.draftShown === draft.symbols) {
      // A copy: the message carries its whole buffer, and the projection keeps writing into its own.
      this.post({ type: 'layout', xy: Float32Array.from(draft.xy) });
      return;
    }
    this.draftShown = draft.symbols;
    this.post(draftMessage(draft));
  }

  private flushReveal(): void {
    const id = this.pendingReveal;
    this.pendingReveal = undefined;
    if (id !== undefined && this.service.index?.symbol(id)) this.post({ type: 'reveal', id });
  }

  private async act(action: SymbolAction, symbol: IndexedSymbol): Promise<void> {
    switch (action) {
      case 'findSimilar':
        await vscode.commands.executeCommand('latentMap.findSimilar', symbol.id);
        return;
      case 'revealInExplorer': {
        const uri = symbolUri(this.service, symbol);
        if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
        return;
      }
      case 'copyName':
        await vscode.env.clipboard.writeText(qualifiedName(symbol));
        return;
      case 'copyLocation':
        await vscode.env.clipboard.writeText(`${symbol.file}:${symbol.line}`);
        return;
    }
  }

  private async exportSymbols(symbols: readonly IndexedSymbol[]): Promise<void> {
    const rows = symbols.map((s) => ({ id: s.id, name: s.name, kind: s.kind, container: s.container, file: s.file, line: s.line, endLine: s.endLine, comment: s.comment }));
    await this.save(Buffer.from(JSON.stringify({ symbols: rows }, null, 2) + '\n'), 'latent-map-selection.json', { JSON: ['json'] });
  }

  /** Asks where to save and writes `bytes` there; says where it went. */
  private async save(bytes: Uint8Array, name: string, filters: Record<string, string[]>): Promise<void> {
    const folder = this.service.folder?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Latent Map: saved ${vscode.workspace.asRelativePath(target)}.`);
  }

  /** The page's requests being answered, so that it can cancel them. */
  private readonly inFlight = new Map<number, AbortController>();

  private async receive(raw: unknown): Promise<void> {
    await handleWebviewMessage(raw, {
      index: this.service.index,
      neighbours: readViewSettings().neighbours,
      ready: () => this.onReady(),
      open: async (symbol) => {
        await openIndexedSymbol(this.service, symbol, { viewColumn: vscode.ViewColumn.Beside });
      },
      post: (message) => this.post(message),
      storeColourBy,
      act: (action, symbol) => this.act(action, symbol),
      exportSymbols: (symbols) => this.exportSymbols(symbols),
      savePng: (bytes) => this.save(bytes, 'latent-map.png', { 'PNG image': ['png'] }),
      inFlight: this.inFlight,
      dropped: (reason, message) => {
        this.dropped++;
        if (this.dropped <= DROPPED_LOGGED) this.log.warn(`Dropped a message from the map (${reason}): ${describeUntrusted(message)}`);
        else if (this.dropped % 1000 === 0) this.log.warn(`Dropped ${this.dropped} messages from the map so far`);
      },
    });
  }

  /** The page loaded: it gets the settings, the map and the status, then any reveal waiting for it. */
  private onReady(): void {
    this.ready = true;
    this.draftShown = undefined;
    const index = this.service.index;
    this.settingsChanged();
    if (index) this.post(mapMessage(index));
    this.post(statusMessage(this.service.state));
    if (index) this.flushReveal();
    else if (!this.service.isBuilding && this.service.state.kind !== 'error') void this.service.ensure();
  }
}

const EMPTY_MAP: ToWebviewMessage = { type: 'map', map: { root: '', model: { id: '', dimensions: 0 }, symbols: [], clusters: [], regions: [] } };

function draftMessage(draft: DraftLayout): ToWebviewMessage {
  // Clusters come with the finished map.
  const symbols = draft.symbols.map((s, i) => toMapSymbol(s, draft.xy[2 * i]!, draft.xy[2 * i + 1]!, -1, -1));
  return mapMessageFor({ root: draft.root, model: { id: draft.model, dimensions: 0 }, symbols, clusters: [], regions: [] });
}


function mapMessage(index: LatentIndex): ToWebviewMessage {
  // Exactly the payload's fields: the page's guard checks the shape, and stats are the log's business.
  // Files by workspace path: with several folders, each starts with its folder's name.
  const map: MapPayload = {
    root: index.root,
    model: { id: index.modelId, dimensions: index.dimensions },
    symbols: index.mapSymbols(),
    clusters: index.clusters,
    regions: index.regions,
  };
  return mapMessageFor(map);
}

function statusMessage(state: IndexState): ToWebviewMessage {
  switch (state.kind) {
    case 'indexing':
      return { type: 'status', state: 'indexing', message: state.message };
    case 'ready':
      return { type: 'status', state: 'ready', message: `${symbolCount(state.symbols)} in ${filesText(state)} · ${state.model}` };
    case 'error':
      return { type: 'status', state: 'error', message: state.message };
    case 'idle':
      return { type: 'status', state: 'ready', message: 'Not indexed. Run "Latent Map: Rebuild Index" to draw the map.' };
  }
}
