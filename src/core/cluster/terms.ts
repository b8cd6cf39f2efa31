// The terms regions are named with (label.ts), interned as numbers.
//
// A term is a label word, or a phrase of two or three words that a name
// spells in that order ("deep clone", "day of week"), from a symbol's own name
// or, marked, from what it is defined in. At 100k symbols there are a few
// hundred thousand term occurrences among some 50k distinct names and
// contexts; building each phrase as a string and looking it up in a string
// map was most of the labelling's cost. Here words come as numbers
// (words.ts) and a term is found by its kind and its words' numbers, so a
// string is only built for the few terms a label is chosen from.
import { STOP_WORDS } from '../text/stopWords';

/** Identifier words too generic in code to name a region. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['get', 'set', 'is', 'has', 'new', 'init', 'make', 'do', 'on', 'handle', 'fn', 'cb', 'val', 'tmp', 'impl', 'internal', 'base', 'constructor', 'index', 'lib', 'src', 'js', 'ts', 'mjs', 'cjs', 'esm', 'dist', 'util', 'utils']);

/** Short stop words that may link a three-word phrase: "day of week", "array to string". */
const LINK_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS].filter((w) => w.length <= 3));

export function isLabelWord(word: string): boolean {
  return word.length >= 2 && !/^\d+$/.test(word) && !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word);
}

export const enum TermKind {
  Word = 1,
  Pair = 2,
  Triple = 3,
}

/**
 * Terms by number, over the words of a vocabulary (words.ts). A term is
 * found by its kind and word numbers in an open-addressing table of typed
 * arrays. Hand-written because a Map keyed by a number built from four parts
 * needs more than 31 bits, and V8 then boxes every key: at 100k symbols the
 * boxing and rehashing were most of the interning's cost.
 */
export class TermTable {
  private readonly words: readonly string[];
  /** Per word: 1 when the word may name a region. */
  private readonly labelWord: Uint8Array;
  /** Per word: 1 when it may link a three-word phrase. */
  private readonly linkWord: Uint8Array;
  /** Per term: kind × 2 + marked (from the context), and its words (link is -1 unless a triple). */
  private code = new Int32Array(1024);
  private first = new Int32Array(1024);
  private link = new Int32Array(1024);
  private last = new Int32Array(1024);
  private count = 0;
  /** Slots of the hash table: a term's id + 1, 0 when empty. Kept under half full. */
  private slots = new Int32Array(2048);
  /** A term's list, reused by termsOf. */
  private scratch = new Int32Array(64);

  constructor(vocabulary: readonly string[]) {
    this.words = vocabulary;
    this.labelWord = new Uint8Array(vocabulary.length);
    this.linkWord = new Uint8Array(vocabulary.length);
    vocabulary.forEach((w, i) => {
      this.labelWord[i] = isLabelWord(w) ? 1 : 0;
      this.linkWord[i] = LINK_WORDS.has(w) ? 1 : 0;
    });
  }

  get size(): number {
    return this.count;
  }

  /** The distinct terms of words[from] to words[to - 1] (word numbers), in order of first appearance. */
  termsOf(words: Int32Array, from: number, to: number, marked: boolean): Int32Array {
    if (this.scratch.length < 3 * (to - from)) this.scratch = new Int32Array(3 * (to - from));
    const out = this.scratch;
    let size = 0;
    const add = (t: number) => {
      for (let k = 0; k < size; k++) if (out[k] === t) return;
      out[size++] = t;
    };
    for (let i = from; i < to; i++) {
      const w = words[i]!;
      if (!this.labelWord[w]) continue;
      add(this.term(TermKind.Word, marked, w, -1, -1));
      if (i + 1 >= to) continue;
      const next = words[i + 1]!;
      if (next !== w && this.labelWord[next]) add(this.term(TermKind.Pair, marked, w, -1, next));
      if (i + 2 < to && this.linkWord[next] && this.labelWord[words[i + 2]!]) add(this.term(TermKind.Triple, marked, w, next, words[i + 2]!));
    }
    return out.slice(0, size);
  }

  /** The same term from a name rather than from a context, or the other way round. */
  twin(t: number, marked: boolean): number {
    return this.term(this.code[t]! >> 1, marked, this.first[t]!, this.link[t]!, this.last[t]!);
  }

  isPhrase(t: number): boolean {
    return this.code[t]! >> 1 !== TermKind.Word;
  }

  isMarked(t: number): boolean {
    return (this.code[t]! & 1) === 1;
  }

  /** The term's words, without its context mark. */
  text(t: number): string {
    const words = this.words;
    switch (this.code[t]! >> 1) {
      case TermKind.Word:
        return words[this.first[t]!]!;
      case TermKind.Pair:
        return `${words[this.first[t]!]} ${words[this.last[t]!]}`;
      default:
        return `${words[this.first[t]!]} ${words[this.link[t]!]} ${words[this.last[t]!]}`;
    }
  }

  /** The number of a single-word term's word, for finding the phrases it forms. */
  wordOf(t: number): number {
    return this.code[t]! >> 1 === TermKind.Word ? this.first[t]! : -1;
  }

  /** The existing (unmarked) two-word phrase of two words, if any name spells it. */
  pair(firstWord: number, lastWord: number): number | undefined {
    const t = this.find(TermKind.Pair * 2, firstWord, -1, lastWord);
    return t < 0 ? undefined : t;
  }

  private term(kind: TermKind, marked: boolean, a: number, link: number, b: number): number {
    const code = kind * 2 + (marked ? 1 : 0);
    const found = this.find(code, a, link, b);
    if (found >= 0) return found;
    const id = this.count++;
    if (id === this.code.length) this.grow();
    this.code[id] = code;
    this.first[id] = a;
    this.link[id] = link;
    this.last[id] = b;
    if (2 * this.count > this.slots.length) this.rehash(this.slots.length * 2);
    else this.slots[this.emptySlot(code, a, link, b)] = id + 1;
    return id;
  }

  /** The term's id, or -1. */
  private find(code: number, a: number, link: number, b: number): number {
    const mask = this.slots.length - 1;
    for (let at = hash(code, a, link, b) & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at]!;
      if (slot === 0) return -1;
      const t = slot - 1;
      if (this.code[t] === code && this.first[t] === a && this.last[t] === b && this.link[t] === link) return t;
    }
  }

  private emptySlot(code: number, a: number, link: number, b: number): number {
    const mask = this.slots.length - 1;
    let at = hash(code, a, link, b) & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const bigger = (a: Int32Array) => {
      const out = new Int32Array(a.length * 2);
      out.set(a);
      return out;
    };
    this.code = bigger(this.code);
    this.first = bigger(this.first);
    this.link = bigger(this.link);
    this.last = bigger(this.last);
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let t = 0; t < this.count; t++) this.slots[this.emptySlot(this.code[t]!, this.first[t]!, this.link[t]!, this.last[t]!)] = t + 1;
  }
}

function hash(code: number, a: number, link: number, b: number): number {
  let h = Math.imul(code ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ a, 0xc2b2ae35);
  h = Math.imul(h ^ (link + 1), 0x27d4eb2f);
  h = Math.imul(h ^ b, 0x165667b1);
  return (h ^ (h >>> 15)) >>> 0;
}
