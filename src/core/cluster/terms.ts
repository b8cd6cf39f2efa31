// The terms regions are named with (label.ts), interned as numbers.
//
// A term is a label word, or a phrase of two or three words that a name
// spells in that order ("deep clone", "day of week"), from a symbol's own name
// or, marked, from what it is defined in. At 100k symbols there are a few
// hundred thousand term occurrences among some 50k distinct names and
// contexts; building each phrase as a string and looking it up in a string
// map was most of the labelling's cost. Here every word is interned once and
// a term is found by a number made of its kind and its word ids, so a string
// is only built for the few terms a label is chosen from.
import { STOP_WORDS } from '../text/stopWords';

/** Identifier words too generic in code to name a region. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['get', 'set', 'is', 'has', 'new', 'init', 'make', 'do', 'on', 'handle', 'fn', 'cb', 'val', 'tmp', 'impl', 'internal', 'base', 'constructor', 'index', 'lib', 'src', 'js', 'ts', 'mjs', 'cjs', 'esm', 'dist', 'util', 'utils']);

/** Short stop words that may link a three-word phrase: "day of week", "array to string". */
const LINK_WORDS: readonly string[] = [...STOP_WORDS].filter((w) => w.length <= 3);

/** Word ids take 21 bits and link word ids 7 in a term's key, which then stays an exact integer (< 2^53). */
const WORD_SPAN = 2 ** 21;
const LINK_SPAN = 2 ** 7;

export function isLabelWord(word: string): boolean {
  return word.length >= 2 && !/^\d+$/.test(word) && !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word);
}

export const enum TermKind {
  Word = 1,
  Pair = 2,
  Triple = 3,
}

export class TermTable {
  private readonly wordIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  /** Per word id: 1 when the word may name a region. */
  private readonly labelWord: number[] = [];
  private readonly termIds = new Map<number, number>();
  /** Per term: its kind, whether it comes from the context, and its words (link is -1 unless a triple). */
  private readonly kinds: number[] = [];
  private readonly markedFlags: number[] = [];
  private readonly first: number[] = [];
  private readonly link: number[] = [];
  private readonly last: number[] = [];

  constructor() {
    // Link words first, so their ids fit the 7 bits a triple's key gives them.
    if (LINK_WORDS.length > LINK_SPAN) throw new Error('too many link words');
    for (const w of LINK_WORDS) this.word(w);
  }

  get size(): number {
    return this.kinds.length;
  }

  /** The distinct terms of a list of words, in order of first appearance. */
  termsOf(words: readonly string[], marked: boolean): Int32Array {
    const ids = words.map((w) => this.word(w.toLowerCase()));
    const out: number[] = [];
    const add = (t: number) => {
      if (!out.includes(t)) out.push(t);
    };
    for (let i = 0; i < ids.length; i++) {
      const w = ids[i]!;
      if (!this.labelWord[w]) continue;
      add(this.term(TermKind.Word, marked, w, -1, -1));
      const next = ids[i + 1];
      if (next === undefined) continue;
      if (next !== w && this.labelWord[next]) add(this.term(TermKind.Pair, marked, w, -1, next));
      const after = ids[i + 2];
      if (after !== undefined && next < LINK_WORDS.length && this.labelWord[after]) add(this.term(TermKind.Triple, marked, w, next, after));
    }
    return Int32Array.from(out);
  }

  /** The same term from a name rather than from a context, or the other way round. */
  twin(t: number, marked: boolean): number {
    return this.term(this.kinds[t]!, marked, this.first[t]!, this.link[t]!, this.last[t]!);
  }

  isPhrase(t: number): boolean {
    return this.kinds[t] !== TermKind.Word;
  }

  isMarked(t: number): boolean {
    return this.markedFlags[t] === 1;
  }

  /** The term's words, without its context mark. */
  text(t: number): string {
    const words = this.wordText;
    switch (this.kinds[t]) {
      case TermKind.Word:
        return words[this.first[t]!]!;
      case TermKind.Pair:
        return `${words[this.first[t]!]} ${words[this.last[t]!]}`;
      default:
        return `${words[this.first[t]!]} ${words[this.link[t]!]} ${words[this.last[t]!]}`;
    }
  }

  /** The id of a single-word term's word, for finding the phrases it forms. */
  wordOf(t: number): number {
    return this.kinds[t] === TermKind.Word ? this.first[t]! : -1;
  }

  /** The existing (unmarked) two-word phrase of two words, if any name spells it. */
  pair(firstWord: number, lastWord: number): number | undefined {
    return this.termIds.get(key(TermKind.Pair, false, firstWord, -1, lastWord));
  }

  private word(w: string): number {
    let id = this.wordIds.get(w);
    if (id === undefined) {
      id = this.wordText.length;
      if (id >= WORD_SPAN) throw new Error('too many distinct words to label regions');
      this.wordIds.set(w, id);
      this.wordText.push(w);
      this.labelWord.push(isLabelWord(w) ? 1 : 0);
    }
    return id;
  }

  private term(kind: TermKind, marked: boolean, a: number, link: number, b: number): number {
    const k = key(kind, marked, a, link, b);
    let id = this.termIds.get(k);
    if (id === undefined) {
      id = this.kinds.length;
      this.termIds.set(k, id);
      this.kinds.push(kind);
      this.markedFlags.push(marked ? 1 : 0);
      this.first.push(a);
      this.link.push(link);
      this.last.push(b);
    }
    return id;
  }
}

function key(kind: TermKind, marked: boolean, a: number, link: number, b: number): number {
  return (((kind * 2 + (marked ? 1 : 0)) * WORD_SPAN + a) * LINK_SPAN + (link < 0 ? 0 : link)) * WORD_SPAN + (b < 0 ? 0 : b);
}
