// The host of an exported map page (src/core/export/html.ts): what
// webview/vscode.ts is inside VS Code, answered in the page from the data the
// export embedded. esbuild.mjs bundles webview/main.ts a second time with
// './vscode' resolved to this file, so the page is the panel's own.
//
// Neighbours are the lists LatentIndex.similar gave at export time, so a
// tooltip here lists what it lists in VS Code. Search has no model to embed
// the query with, so it is the index's own word search (SearchIndex.wordSearch:
// the same word scores, priors and exact names first, without the meaning
// half), cut like the panel's (strongResults).
import { SearchIndex } from '../src/core/search/searchIndex';
import { VectorStore } from '../src/core/vectors/store';
import type { IndexedSymbol, RankedSymbol } from '../src/core/types';
import { isFromWebviewMessage } from '../src/shared/guards';
import type { FromWebviewMessage, ToWebviewMessage } from '../src/shared/protocol';
import { FLAG_INTERNAL, FLAG_RETURNS_BOOLEAN, isStandaloneData, STANDALONE_DATA_ID, type StandaloneData } from '../src/shared/standalone';
import type { Host } from './vscode';

/** Search results listed, as in the panel (MAP_SEARCH_RESULTS). */
const SEARCH_RESULTS = 25;
/** As the panel's MAP_SEARCH_RELATIVE_CUTOFF: results under half the best one's score are not highlighted. */
const RELATIVE_CUTOFF = 0.5;

/** Saves a URL's content as a download (a picture or symbols the page made). */
function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function readData(): StandaloneData | undefined {
  const element = document.getElementById(STANDALONE_DATA_ID);
  try {
    const data: unknown = JSON.parse(element?.textContent ?? '');
    return isStandaloneData(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Follows the browser's light or dark preference, the way VS Code sets the body class (webview/theme.ts reads it). */
function followColourScheme(): void {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    document.body.classList.toggle('vscode-dark', dark?.matches ?? false);
    document.body.classList.toggle('vscode-light', !(dark?.matches ?? false));
  };
  apply();
  dark?.addEventListener('change', apply);
}

export function connectHost(): Host {
  followColourScheme();
  const data = readData();
  let state: unknown;
  let words: SearchIndex | undefined;
  const positions = new Map(data?.map.symbols.map((s, i) => [s.id, i]));

  // Replies arrive as the panel's do: later, as message events the page checks like any other.
  const reply = (message: ToWebviewMessage) => setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: message })), 0);

  const ranked = (i: number, score: number): RankedSymbol => {
    const s = data!.map.symbols[i]!;
    return { id: s.id, name: s.name, kind: s.kind, container: s.container, file: s.file, line: s.line, score };
  };

  const search = (query: string): RankedSymbol[] => {
    // Built on the first search: a page that is only looked at never pays for it.
    words ??= new SearchIndex(
      data!.map.symbols.map(
        (s, i): IndexedSymbol => ({
          ...s,
          params: data!.params[i]!,
          text: '',
          ...(data!.flags[i]! & FLAG_INTERNAL ? { internal: true } : {}),
          ...(data!.flags[i]! & FLAG_RETURNS_BOOLEAN ? { returnsBoolean: true } : {}),
        }),
      ),
      VectorStore.fromPacked(new Float32Array(0), 0),
    );
    const results = words.wordSearch(query, SEARCH_RESULTS);
    const best = results[0]?.score ?? 0;
    return results.filter((r, i) => i === 0 || r.score >= best * RELATIVE_CUTOFF);
  };

  /**
   * A selection taken as a whole, without its vectors (the file does not
   * carry them): each symbol counts the scores it has in the members' own
   * similar lists, over the number of members, so what is similar to most of
   * the selection comes first. An approximation of the panel's mean vector.
   */
  const similarToMany = (ids: readonly string[]): RankedSymbol[] => {
    const members = new Set(ids.flatMap((id) => positions.get(id) ?? []));
    const sum = new Map<number, number>();
    for (const i of members) for (const [j, score] of data!.similar[i]!) if (!members.has(j)) sum.set(j, (sum.get(j) ?? 0) + score);
    return [...sum]
      .map(([j, total]) => ({ j, score: Math.round((total / members.size) * 10_000) / 10_000 }))
      .sort((a, b) => b.score - a.score || a.j - b.j)
      .slice(0, SEARCH_RESULTS)
      .map(({ j, score }) => ranked(j, score));
  };

  const answer = (message: FromWebviewMessage): void => {
    if (!data) {
      if (message.type === 'ready') reply({ type: 'status', state: 'error', message: 'This file holds no map, or a damaged one.' });
      return;
    }
    switch (message.type) {
      case 'ready':
        document.title = `Latent Map · ${data.map.root}`;
        reply({ type: 'settings', colourBy: 'folder', neighbours: data.neighbours });
        reply({ type: 'map', map: data.map });
        reply({ type: 'status', state: 'ready', message: data.status });
        return;
      case 'neighbours': {
        const i = positions.get(message.id);
        const results = i === undefined ? [] : data.similar[i]!.map(([j, score]) => ranked(j, score));
        reply({ type: 'neighbours', requestId: message.requestId, id: message.id, results });
        return;
      }
      case 'search':
        reply({ type: 'searchResults', requestId: message.requestId, query: message.query, results: search(message.query) });
        return;
      case 'similarToMany':
        reply({ type: 'searchResults', requestId: message.requestId, query: `similar to ${message.ids.length} selected`, results: similarToMany(message.ids) });
        return;
      case 'action':
        if (message.action === 'copyName' || message.action === 'copyLocation') {
          const i = positions.get(message.id);
          const s = i === undefined ? undefined : data.map.symbols[i];
          // A file:// page may not be granted the clipboard; then nothing is copied, as nothing is there to say why.
          if (s) navigator.clipboard?.writeText(message.action === 'copyName' ? s.name : `${s.file}:${s.line}`).catch(() => undefined);
        }
        // Find Similar and Reveal in Explorer need VS Code: the tooltip lists the similar symbols here.
        return;
      case 'exportSymbols': {
        const chosen = message.ids.flatMap((id) => {
          const i = positions.get(id);
          return i === undefined ? [] : [data.map.symbols[i]!];
        });
        if (chosen.length > 0) download(URL.createObjectURL(new Blob([JSON.stringify(chosen, null, 2)], { type: 'application/json' })), 'symbols.json');
        return;
      }
      case 'savePng':
        // The page's own canvas, as a data URL it made.
        if (message.dataUrl.startsWith('data:image/png;base64,')) download(message.dataUrl, 'latent-map.png');
        return;
      case 'axes':
        // Axes need every symbol's vector, which the file does not carry.
        reply({ type: 'axes', requestId: message.requestId, ids: [], x: [], y: [], error: 'Axes need the index: open the map in VS Code or use latent-map axis.' });
        return;
      case 'directions':
        reply({ type: 'directions', requestId: message.requestId, directions: [] });
        return;
      case 'open':
      case 'colourBy':
      case 'cancel':
        // No editor to open in and no settings to keep; replies come at once, so there is nothing to stop.
        return;
    }
  };

  return {
    post(message) {
      if (isFromWebviewMessage(message)) answer(message);
      else console.warn('Latent Map: refusing to post a malformed message', message);
    },
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}
