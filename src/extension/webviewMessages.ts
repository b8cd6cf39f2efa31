// What the host does with a message from the map page, kept free of `vscode`
// so it can be fuzzed in tests against a real index. The page is
// untrusted: a message is checked with the shared guard first, and a symbol
// named by id is resolved against the current index before anything opens, so
// no message can make the host open a path of its choosing.
import { UserError, type IndexedSymbol, type RankedSymbol } from '../core/types';
import { isFromWebviewMessage } from '../shared/guards';
import type { ColourBy, FromWebviewMessage, SymbolAction, ToWebviewMessage } from '../shared/protocol';

/** Search results sent to the map: enough to frame a neighbourhood, few enough to read. */
export const MAP_SEARCH_RESULTS = 25;
/**
 * Results scoring under this share of the best one are not sent: the map
 * highlights every result, and the tail of a ranking is mostly symbols that
 * share one common word with the query (`get`, `update` for "debounce a
 * function call" on monaco-editor), which spreads the highlight over the
 * whole map. Half keeps every result of a query whose matches are all close
 * ("find matching bracket": 25 of 25) and one or two for a query that
 * matches nothing well.
 */
export const MAP_SEARCH_RELATIVE_CUTOFF = 0.5;

/** The results worth highlighting: best first, none under MAP_SEARCH_RELATIVE_CUTOFF of the best. */
export function strongResults(results: readonly RankedSymbol[]): RankedSymbol[] {
  const best = results[0]?.score ?? 0;
  return results.filter((r, i) => i === 0 || r.score >= best * MAP_SEARCH_RELATIVE_CUTOFF);
}

/** The parts of LatentIndex the page's requests use. */
export interface QueryableIndex {
  symbol(id: string): IndexedSymbol | undefined;
  similar(id: string, k: number): Promise<RankedSymbol[]>;
  search(query: string, k: number, signal?: AbortSignal): Promise<RankedSymbol[]>;
  similarToMany(ids: readonly string[], k: number): Promise<RankedSymbol[]>;
  axisOf(from: string, to: string, signal?: AbortSignal): Promise<{ symbols: readonly IndexedSymbol[]; coordinates: Float64Array }>;
  directions(count: number, signal?: AbortSignal): Promise<{ from: string; to: string }[]>;
}

/** Directions offered in the Axes view: a few to choose from, each a principal direction of the workspace. */
export const OFFERED_DIRECTIONS = 5;

/** What the panel provides to answer the page. */
export interface MessageHost {
  /** The current index, if any. */
  readonly index: QueryableIndex | undefined;
  /** Neighbours to list (the `latentMap.neighbours` setting). */
  readonly neighbours: number;
  /** The page loaded and listens: send it the whole state. */
  ready(): void;
  /** Opens a symbol that is in the current index. */
  open(symbol: IndexedSymbol): Promise<void>;
  post(message: ToWebviewMessage): void;
  storeColourBy(value: ColourBy): Promise<void>;
  /** A message was dropped, and why (for the log). */
  dropped(reason: string, raw: unknown): void;
  /** Runs a map action on a symbol of the current index (context menu, selection panel). */
  act(action: SymbolAction, symbol: IndexedSymbol): Promise<void>;
  /** Saves symbols of the current index as JSON where the user picks. */
  exportSymbols(symbols: readonly IndexedSymbol[]): Promise<void>;
  /** Saves a PNG (its bytes) where the user picks. */
  savePng(bytes: Uint8Array): Promise<void>;
  /** Requests being answered, by id, so that the page can cancel one (see src/shared/requests.ts). */
  readonly inFlight: Map<number, AbortController>;
}

/** Handles one message from the page; never throws. */
export async function handleWebviewMessage(raw: unknown, host: MessageHost): Promise<void> {
  if (!isFromWebviewMessage(raw)) {
    host.dropped('malformed', raw);
    return;
  }
  try {
    await dispatch(raw, host);
  } catch (error) {
    host.dropped(`failed: ${error instanceof Error ? error.message : String(error)}`, raw);
  }
}

async function dispatch(message: FromWebviewMessage, host: MessageHost): Promise<void> {
  const index = host.index;
  switch (message.type) {
    case 'ready':
      host.ready();
      return;
    case 'open': {
      const symbol = index?.symbol(message.id);
      if (symbol) await host.open(symbol);
      else host.dropped('names no symbol on the map', message);
      return;
    }
    case 'neighbours': {
      if (!index) return;
      await answer(host, message.requestId, async () => {
        const results = index.symbol(message.id) ? await index.similar(message.id, host.neighbours) : [];
        return { type: 'neighbours', requestId: message.requestId, id: message.id, results };
      });
      return;
    }
    case 'search': {
      if (!index) return;
      await answer(host, message.requestId, async (signal) => {
        const results = strongResults(await index.search(message.query, MAP_SEARCH_RESULTS, signal));
        return { type: 'searchResults', requestId: message.requestId, query: message.query, results };
      });
      return;
    }
    case 'cancel':
      host.inFlight.get(message.requestId)?.abort();
      return;
    case 'similarToMany': {
      if (!index) return;
      await answer(host, message.requestId, async () => {
        const results = await index.similarToMany(message.ids, MAP_SEARCH_RESULTS);
        return { type: 'searchResults', requestId: message.requestId, query: `similar to ${message.ids.length} selected`, results };
      });
      return;
    }
    case 'axes': {
      if (!index) return;
      await answer(host, message.requestId, async (signal) => {
        try {
          const x = await index.axisOf(message.x.from, message.x.to, signal);
          const y = message.y ? await index.axisOf(message.y.from, message.y.to, signal) : undefined;
          return {
            type: 'axes',
            requestId: message.requestId,
            ids: x.symbols.map((s) => s.id),
            x: Array.from(x.coordinates, round),
            // Both come from the same index unless an update landed between them: then the y axis waits for the next request.
            y: y && y.symbols === x.symbols ? Array.from(y.coordinates, round) : [],
            error: '',
          };
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          return { type: 'axes', requestId: message.requestId, ids: [], x: [], y: [], error: error.message };
        }
      });
      return;
    }
    case 'directions': {
      if (!index) return;
      await answer(host, message.requestId, async (signal) => ({
        type: 'directions',
        requestId: message.requestId,
        directions: await index.directions(OFFERED_DIRECTIONS, signal),
      }));
      return;
    }
    case 'action': {
      const symbol = index?.symbol(message.id);
      if (symbol) await host.act(message.action, symbol);
      else host.dropped('names no symbol on the map', message);
      return;
    }
    case 'exportSymbols': {
      // Only symbols of the index, whatever ids the page sent.
      const symbols = index ? message.ids.flatMap((id) => index.symbol(id) ?? []) : [];
      if (symbols.length > 0) await host.exportSymbols(symbols);
      else host.dropped('names no symbol on the map', message);
      return;
    }
    case 'savePng': {
      const bytes = Buffer.from(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1), 'base64');
      // The PNG signature: a data URL that does not hold a PNG is not written.
      if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) {
        host.dropped('not a PNG', '(data URL)');
        return;
      }
      await host.savePng(bytes);
      return;
    }
    case 'colourBy':
      await host.storeColourBy(message.value);
      return;
  }
}

/**
 * Answers request `requestId` unless the page cancels it meanwhile: a
 * cancelled request posts nothing, and work that takes the signal stops.
 */
async function answer(host: MessageHost, requestId: number, work: (signal: AbortSignal) => Promise<ToWebviewMessage>): Promise<void> {
  const controller = new AbortController();
  host.inFlight.get(requestId)?.abort();
  host.inFlight.set(requestId, controller);
  try {
    const reply = await work(controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return undefined;
      throw error;
    });
    if (reply && !controller.signal.aborted) host.post(reply);
  } finally {
    if (host.inFlight.get(requestId) === controller) host.inFlight.delete(requestId);
  }
}

/** Axis coordinates are sent with 4 decimals, as map positions are. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** A short, single-line description of untrusted data for the log. */
export function describeUntrusted(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069]/g, '?');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
