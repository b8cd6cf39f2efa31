// Latent Map's extension host entry. Activation only registers commands, the
// hover, the status bar and the map's serializer: nothing is read or indexed
// until the user opens the map or runs a command.
import * as vscode from 'vscode';

import { exportMap } from './exportMap';
import { NeighboursHoverProvider } from './hover';
import { IndexService } from './indexService';
import { LANGUAGE_IDS } from './languages';
import { MapPanels } from './mapPanel';
import { OPEN_SYMBOL_COMMAND } from './markdown';
import { openSymbol, symbolAtCursor } from './navigation';
import { findCounterpart, findSimilar, searchByMeaning, type CounterpartArgs } from './quickPicks';
import { affectsIndex, affectsView } from './settings';
import { StatusBar } from './statusBar';
import { setTeamCredentials } from './teamIndex';

let service: IndexService | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Latent Map', { log: true });
  service = new IndexService(context, log);
  const index = service;
  const statusBar = new StatusBar();
  const panels = new MapPanels(context, index, log);
  log.info(`Latent Map ${String(context.extension.packageJSON.version)} activated (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`);

  /**
   * Registers a command whose failure is never silent: the output channel gets
   * the stack, the user a one-line notification, and the error is rethrown so
   * a caller of executeCommand (a test, another extension) sees it too.
   */
  const command = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${id} failed: ${error instanceof Error ? error.stack ?? message : message}`);
        void vscode.window.showErrorMessage(`Latent Map: ${message}`, 'Show Log').then((pick) => {
          if (pick) log.show(true);
        });
        throw error;
      }
    });

  context.subscriptions.push(
    log,
    index,
    statusBar,
    panels,
    index.onDidChangeState((state) => statusBar.update(state)),

    command('latentMap.showMap', () => panels.show()),
    // Resolves to the number of symbols indexed (undefined when no index came
    // of it), so that a caller can tell what the rebuild did.
    // The map is refined from the last one (unchanged symbols stay put); the
    // argument 'new-layout', or the command of its own, lays it out afresh.
    command('latentMap.rebuild', (layout?: unknown) => rebuild(index, panels, layout === 'new-layout')),
    command('latentMap.rebuildNewLayout', () => rebuild(index, panels, true)),
    // An id argument comes from the map (a symbol of the index); from the palette, the cursor's symbol.
    command('latentMap.findSimilar', (id?: unknown) => findSimilar(index, typeof id === 'string' ? id : undefined)),
    // Resolves to the files written; `{ format, out }` skips the questions.
    command('latentMap.export', (args) => exportMap(index, context, args)),
    command('latentMap.search', () => searchByMeaning(index)),
    // `{ replace, with }` skips the questions.
    command('latentMap.findCounterpart', (args) => findCounterpart(index, typeof args === 'object' && args !== null ? (args as CounterpartArgs) : {})),
    command('latentMap.setTeamCredentials', () => setTeamCredentials(context.secrets)),
    command('latentMap.reveal', async () => {
      const found = await symbolAtCursor(index);
      if (found) await panels.reveal(found.symbol.id);
    }),
    // A caller that names what to delete ('vectors' or 'all': a keybinding's
    // args, a test) has chosen already; from the palette the user is asked.
    command('latentMap.clearCache', async (scope) => {
      if (scope !== undefined && scope !== 'vectors' && scope !== 'all') {
        throw new Error(`Clear Cache deletes 'vectors' or 'all', not ${JSON.stringify(scope)}.`);
      }
      const vectors = 'Delete Cache';
      const all = 'Delete Cache and Models';
      const pick =
        scope === undefined
          ? await vscode.window.showWarningMessage(
              'Delete Latent Map\'s cache? The vectors of every mapped workspace are computed again when a map is next built.',
              { modal: true, detail: `Vectors: ${index.cacheDir}\nDownloaded models: ${index.modelCacheDir}` },
              vectors,
              all,
            )
          : scope === 'all'
            ? all
            : vectors;
      if (!pick) return;
      await index.clearCache({ models: pick === all });
      void vscode.window.showInformationMessage('Latent Map: cache deleted. The map is rebuilt when you next open it.');
    }),
    // Internal (hidden from the palette): the hover's links. The argument comes
    // from a command URI, so it is checked before use.
    command(OPEN_SYMBOL_COMMAND, async (id) => {
      if (typeof id === 'string') await openSymbol(index, id);
    }),

    vscode.languages.registerHoverProvider(
      LANGUAGE_IDS.map((language) => ({ language, scheme: 'file' })),
      new NeighboursHoverProvider(index),
    ),

    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsView(event)) panels.settingsChanged();
      // A build in flight starts again with the new settings; a finished map is rebuilt only if the user says so.
      if (affectsIndex(event) && !index.restartIfStale()) offerRebuild(index, 'Latent Map settings changed.');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (!index.restartIfStale()) offerRebuild(index, 'The workspace is trusted now, so Latent Map can use the model in your settings.');
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      statusBar.foldersChanged();
      void index.foldersChanged();
    }),
  );
}

async function rebuild(index: IndexService, panels: MapPanels, newLayout: boolean): Promise<number | undefined> {
  const built = await index.rebuild({ newLayout });
  if (built && !panels.isOpen) {
    void vscode.window.showInformationMessage(`Latent Map: ${built.symbols.length} symbols indexed.`, 'Show Map').then((pick) => {
      if (pick) void panels.show();
    });
  }
  return built?.symbols.length;
}

/** Settings that decide what the index holds changed: offer to rebuild, never rebuild unasked. */
function offerRebuild(index: IndexService, why: string): void {
  if (!index.index || index.isBuilding || !index.isStale()) return;
  void vscode.window.showInformationMessage(`${why} Rebuild the map?`, 'Rebuild').then((pick) => {
    if (pick) void index.rebuild();
  });
}

export async function deactivate(): Promise<void> {
  // Ends the workers; VS Code waits for this promise (briefly) before it exits.
  const current = service;
  service = undefined;
  await current?.shutdown();
}
