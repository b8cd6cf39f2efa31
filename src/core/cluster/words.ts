// What regions are named with, per symbol (see label.ts).
import { mapSliced } from '../slices';
import { splitIdentifier } from '../text';
import type { IndexedSymbol } from '../types';
import type { RegionWords } from '../project';

/**
 * What regions are named with: each symbol's identifier words, and, as a
 * weaker source, the words of its container and of its file's name and folder
 * (a region of one class's methods is best named by the class).
 */
export async function regionWords(symbols: readonly IndexedSymbol[], signal?: AbortSignal): Promise<RegionWords> {
  // Symbols with the same name, or the same container and file, share one
  // array: the worker receives them shared (structured cloning keeps shared
  // references), and the labeller splits each distinct one once, by identity.
  const names = new Map<string, string[]>();
  const contexts = new Map<string, string[]>();
  const words = await mapSliced(
    symbols,
    (s) => {
      let w = names.get(s.name);
      if (!w) names.set(s.name, (w = splitIdentifier(s.name)));
      return w;
    },
    signal,
  );
  const context = await mapSliced(
    symbols,
    (s) => {
      const key = `${s.container}\u0000${s.file}`;
      let c = contexts.get(key);
      if (!c) contexts.set(key, (c = contextWords(s)));
      return c;
    },
    signal,
  );
  return { words, context };
}

function contextWords(s: IndexedSymbol): string[] {
  const parts = s.file.split('/');
  const stem = (parts.pop() ?? '').replace(/\.[^.]*$/, '');
  const folder = parts.slice(-1);
  // '|' (never a label word) keeps a phrase from running across parts: "cache" + "vectorCache" is not "cache vector".
  return [...splitIdentifier(s.container), '|', ...splitIdentifier(stem), '|', ...folder.flatMap(splitIdentifier)];
}

