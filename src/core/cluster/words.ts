// What regions are named with, per symbol (see label.ts), as numbers.
//
// At 100k symbols there are some 50k distinct names and contexts and a few
// hundred thousand words in them. Sent to the projection worker as strings,
// every word had to be cloned, hashed again and looked up there (most of the
// labelling's cost). Here each distinct word gets a number once, on the
// thread that splits the names, and each distinct list of words is stored
// once: the worker receives a few typed arrays and one list of distinct words.
import { forEachSliced } from '../slices';
import { splitIdentifier } from '../text';
import type { IndexedSymbol } from '../types';

/** Every symbol's name words and context words, by number (see the file comment). */
export interface WordLists {
  /** Every distinct word, lower case; a word's number is its index here. */
  readonly vocabulary: readonly string[];
  /** The distinct lists' words, one after another: list k is words[start[k]] to words[start[k + 1]]. */
  readonly words: Int32Array;
  readonly start: Int32Array;
  /** Per symbol: the list of its identifier words (in name order). */
  readonly nameOf: Int32Array;
  /** Per symbol: the list of the words of what it is defined in (its container, its file and folder), a weaker source of names; -1 for none. */
  readonly contextOf: Int32Array;
}

/** Builds WordLists one list at a time; lists with the same words are stored once. */
export class WordListBuilder {
  private readonly vocabulary: string[] = [];
  private readonly wordIds = new Map<string, number>();
  private readonly listIds = new Map<string, number>();
  private words = new Int32Array(1024);
  private used = 0;
  private readonly start: number[] = [0];
  readonly nameOf: Int32Array;
  readonly contextOf: Int32Array;

  constructor(count: number) {
    this.nameOf = new Int32Array(count);
    this.contextOf = new Int32Array(count).fill(-1);
  }

  /** The number of a list of words (lower-cased here), the same for the same words in the same order. */
  list(words: readonly string[]): number {
    const lower = words.map((w) => w.toLowerCase());
    const key = lower.join('\u0000');
    let id = this.listIds.get(key);
    if (id !== undefined) return id;
    id = this.start.length - 1;
    this.listIds.set(key, id);
    if (this.used + lower.length > this.words.length) {
      const grown = new Int32Array(Math.max(this.words.length * 2, this.used + lower.length));
      grown.set(this.words.subarray(0, this.used));
      this.words = grown;
    }
    for (const w of lower) {
      let word = this.wordIds.get(w);
      if (word === undefined) {
        word = this.vocabulary.length;
        this.wordIds.set(w, word);
        this.vocabulary.push(w);
      }
      this.words[this.used++] = word;
    }
    this.start.push(this.used);
    return id;
  }

  done(): WordLists {
    return { vocabulary: this.vocabulary, words: this.words.slice(0, this.used), start: Int32Array.from(this.start), nameOf: this.nameOf, contextOf: this.contextOf };
  }
}

/** WordLists from plain lists of words per symbol (tests, small inputs). */
export function packWords(words: readonly (readonly string[])[], context?: readonly (readonly string[] | undefined)[]): WordLists {
  const builder = new WordListBuilder(words.length);
  words.forEach((w, i) => {
    builder.nameOf[i] = builder.list(w);
    const c = context?.[i];
    if (c && c.length > 0) builder.contextOf[i] = builder.list(c);
  });
  return builder.done();
}

/**
 * What regions are named with: each symbol's identifier words, and, as a
 * weaker source, the words of its container and of its file's name and folder
 * (a region of one class's methods is best named by the class).
 */
export async function regionWords(symbols: readonly IndexedSymbol[], signal?: AbortSignal): Promise<WordLists> {
  const builder = new WordListBuilder(symbols.length);
  // Names repeat (copies, overloads) and so do contexts (every symbol of a file shares its container and file): each distinct one is split once.
  const names = new Map<string, number>();
  const contexts = new Map<string, number>();
  await forEachSliced(
    symbols.length,
    (i) => {
      const s = symbols[i]!;
      let name = names.get(s.name);
      if (name === undefined) names.set(s.name, (name = builder.list(splitIdentifier(s.name))));
      builder.nameOf[i] = name;
      const key = `${s.container}\u0000${s.file}`;
      let context = contexts.get(key);
      if (context === undefined) contexts.set(key, (context = builder.list(contextWords(s))));
      builder.contextOf[i] = context;
    },
    signal,
  );
  return builder.done();
}

function contextWords(s: IndexedSymbol): string[] {
  const parts = s.file.split('/');
  const stem = (parts.pop() ?? '').replace(/\.[^.]*$/, '');
  const folder = parts.slice(-1);
  // '|' (never a label word) keeps a phrase from running across parts: "cache" + "vectorCache" is not "cache vector".
  return [...splitIdentifier(s.container), '|', ...splitIdentifier(stem), '|', ...folder.flatMap(splitIdentifier)];
}
