// Find Similar Symbols and Search by Meaning: quick picks of ranked symbols that
// preview a symbol when it is focused and open it when it is accepted. Escape
// puts the editor back as it was.
import * as vscode from 'vscode';

import { splitIdentifier } from '../core/text';
import type { RankedSymbol } from '../core/types';
import type { IndexService } from './indexService';
import { KIND_ICON, openSymbol, symbolAtCursor } from './navigation';
import { literalIcons } from './pickText';

/** Similar symbols listed: more than a hover shows, few enough to scan. */
const SIMILAR_RESULTS = 25;
/** Search results listed. */
const SEARCH_RESULTS = 30;
/** Typing pause before a search runs (ms): each search embeds the query in the worker. */
const SEARCH_DEBOUNCE_MS = 200;

interface SymbolItem extends vscode.QuickPickItem {
  readonly id: string;
}

function toItem(r: RankedSymbol): SymbolItem {
  return {
    id: r.id,
    label: `$(${KIND_ICON[r.kind]}) ${literalIcons(r.name)}`,
    // What it is defined in next to the name, as Go to Symbol in Workspace shows it.
    description: `${r.container ? `${literalIcons(r.container)} · ` : ''}${r.score.toFixed(2)} · ${r.kind}`,
    detail: `${r.file}:${r.line}`,
    // The index ranked these; the quick pick must not filter them again by label.
    alwaysShow: true,
  };
}

/** Wires preview-on-focus, open-on-accept and restore-on-escape into a quick pick. */
function previewing(service: IndexService, pick: vscode.QuickPick<SymbolItem>): void {
  const before = vscode.window.activeTextEditor;
  const restore = before && { uri: before.document.uri, selection: before.selection, column: before.viewColumn };
  let accepted = false;
  pick.onDidChangeActive((items) => {
    const item = items[0];
    if (item) void openSymbol(service, item.id, { preview: true, preserveFocus: true, viewColumn: restore?.column });
  });
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0] ?? pick.activeItems[0];
    if (!item) return;
    accepted = true;
    pick.hide();
    void openSymbol(service, item.id, { preview: false, viewColumn: restore?.column });
  });
  pick.onDidHide(() => {
    pick.dispose();
    if (!accepted && restore) {
      void vscode.window.showTextDocument(restore.uri, { selection: restore.selection, viewColumn: restore.column });
    }
  });
}

/** Similar symbols to the one at the cursor, or to symbol `id` of the map (its selection panel and context menu). */
export async function findSimilar(service: IndexService, id?: string): Promise<void> {
  let found: Awaited<ReturnType<typeof symbolAtCursor>>;
  if (id !== undefined) {
    const index = await service.ensure();
    const symbol = index?.symbol(id);
    found = index && symbol ? { index, symbol } : undefined;
  } else {
    found = await symbolAtCursor(service);
  }
  if (!found) return;
  const { index, symbol } = found;
  const results = await index.similar(symbol.id, SIMILAR_RESULTS);
  if (results.length === 0) {
    void vscode.window.showInformationMessage(`Latent Map: ${symbol.name} is the only symbol on the map.`);
    return;
  }
  const pick = vscode.window.createQuickPick<SymbolItem>();
  pick.title = `Symbols similar to ${symbol.name}`;
  pick.placeholder = 'Focus one to preview it, Enter to open it';
  pick.matchOnDetail = true;
  pick.items = results.map(toItem);
  previewing(service, pick);
  pick.show();
}

/** Counterparts listed. */
const COUNTERPART_RESULTS = 25;

/** What Find Counterpart replaces and with what; given, the questions are skipped (a keybinding's args, a test). */
export interface CounterpartArgs {
  readonly replace?: unknown;
  readonly with?: unknown;
}

/**
 * Find Counterpart: the symbol at the cursor, what of its meaning to replace
 * ("json") and with what ("yaml"), then the symbols that are to "yaml" what
 * it is to "json" (LatentIndex.analogy), in a quick pick that previews and
 * opens them. Resolves to the ids listed (none when a question was dismissed).
 */
export async function findCounterpart(service: IndexService, args: CounterpartArgs = {}): Promise<string[]> {
  const found = await symbolAtCursor(service);
  if (!found) return [];
  const { index, symbol } = found;
  const nonEmpty = (value: string) => (value.trim() ? undefined : 'Type a word or a symbol name');
  const words = splitIdentifier(symbol.name);
  const replace =
    typeof args.replace === 'string'
      ? args.replace
      : await vscode.window.showInputBox({
          title: `Find Counterpart of ${symbol.name} (1/2)`,
          prompt: `What to replace in ${symbol.name}'s meaning: a word or a symbol name, e.g. "json"`,
          value: words[words.length - 1] ?? '',
          validateInput: nonEmpty,
        });
  if (replace === undefined || !replace.trim()) return [];
  const by =
    typeof args.with === 'string'
      ? args.with
      : await vscode.window.showInputBox({
          title: `Find Counterpart of ${symbol.name} (2/2)`,
          prompt: `Replace "${replace}" with what? A word or a symbol name, e.g. "yaml"`,
          validateInput: nonEmpty,
        });
  if (by === undefined || !by.trim()) return [];
  const results = await index.analogy(replace, by, symbol.id, COUNTERPART_RESULTS);
  if (results.length === 0) {
    void vscode.window.showInformationMessage(`Latent Map: no counterpart of ${symbol.name} on the map.`);
    return [];
  }
  const pick = vscode.window.createQuickPick<SymbolItem>();
  pick.title = `Counterparts of ${symbol.name}: ${replace.trim()} → ${by.trim()}`;
  pick.placeholder = 'Focus one to preview it, Enter to open it';
  pick.matchOnDetail = true;
  pick.items = results.map(toItem);
  previewing(service, pick);
  pick.show();
  return results.map((r) => r.id);
}

export async function searchByMeaning(service: IndexService): Promise<void> {
  const index = await service.ensure();
  if (!index) return;
  const pick = vscode.window.createQuickPick<SymbolItem>();
  pick.title = 'Search by Meaning';
  pick.placeholder = 'Describe what the code does, e.g. "parse a date from a string", or do arithmetic: parseJson - json + yaml';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  pick.onDidChangeValue((value) => {
    const request = ++latest;
    if (timer !== undefined) clearTimeout(timer);
    if (value.trim() === '') {
      pick.items = [];
      pick.busy = false;
      return;
    }
    pick.busy = true;
    timer = setTimeout(() => {
      // The index may have been rebuilt since the pick opened: search the current one.
      const current = service.index;
      if (!current) return;
      current.search(value, SEARCH_RESULTS).then(
        (results) => {
          if (request !== latest) return; // a newer query is on its way
          pick.items = results.map(toItem);
          pick.busy = false;
        },
        () => {
          if (request === latest) pick.busy = false;
        },
      );
    }, SEARCH_DEBOUNCE_MS);
  });
  pick.onDidHide(() => {
    if (timer !== undefined) clearTimeout(timer);
    latest++;
  });
  previewing(service, pick);
  pick.show();
}
