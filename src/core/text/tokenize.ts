import BRITISH_SPELLINGS from 'american-british-english-translator/data/british_spellings.json';
import { stemmer } from 'stemmer';
import { splitIdentifier } from './identifiers';
import { STOP_WORDS } from './stopWords';

// Words in free text or code: letters, digits and the joiners identifiers use.
const RAW_TOKEN = /[\p{L}\p{M}\p{N}_$]+/gu;

/** Texts longer than this are cut before tokenising: a query or comment never needs more. */
const MAX_TEXT_CHARS = 4000;

/**
 * The lexical terms of a text: identifiers split into words, stop words and
 * lone letters dropped, each word reduced to its Porter stem (so `duplicates`
 * matches `duplicate`, `debounced` matches `debounce`).
 */
export function tokenize(text: string): string[] {
  return contentWords(words(text)).map(stem);
}

/** The words that carry meaning: stop words and lone letters dropped (lone digits kept). */
export function contentWords(all: readonly string[]): string[] {
  return all.filter((word) => !STOP_WORDS.has(word) && (word.length > 1 || /\p{N}/u.test(word)));
}

/** Every lower-case word of a text, identifiers split, nothing dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.slice(0, MAX_TEXT_CHARS).matchAll(RAW_TOKEN)) {
    const token = match[0];
    // Most prose words are plain lower case: no need to split them.
    if (PLAIN_WORD.test(token)) out.push(token);
    else for (const word of splitIdentifier(token)) out.push(word);
  }
  return out;
}

const PLAIN_WORD = /^[a-z]+$/;

const stems = new Map<string, string>();
const surfaces = new Map<string, string>();
/** Memoised: the same few thousand words are stemmed over and over while indexing. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = PLAIN_WORD.test(word) ? stemmer(IRREGULAR_PLURALS.get(word) ?? american(word)) : word;
    if (stems.size < MAX_MEMO) stems.set(word, s);
    const known = surfaces.get(s);
    if (known === undefined || word.length < known.length || (word.length === known.length && word < known)) {
      if (surfaces.size < MAX_MEMO || known !== undefined) surfaces.set(s, word);
    }
  }
  return s;
}

/** A readable word for a stem: the shortest word seen with it (`duplicate` for `duplic`). */
export function surfaceOf(stemmed: string): string {
  return surfaces.get(stemmed) ?? stemmed;
}

/**
 * A British spelling as code spells it, so that `normalise`, `colour` and
 * `serialised` find `normalize`, `color` and `serialized` (Porter leaves
 * `normalis` and `normal` apart). The table is the npm package
 * american-british-english-translator's (1,738 words, MIT); code words it
 * lacks are added below, and a negating or repeating prefix is kept
 * (`unrecognised`, `deserialise`, `reinitialise`).
 */
function american(word: string): string {
  const direct = AMERICAN.get(word);
  if (direct !== undefined) return direct;
  const prefix = /^(?:un|de|re|pre)/.exec(word)?.[0];
  if (prefix) {
    const rest = AMERICAN.get(word.slice(prefix.length));
    if (rest !== undefined) return prefix + rest;
  }
  return word;
}

/** Spellings of code words the table lacks: -ise verbs of programming. */
const CODE_SPELLINGS: Readonly<Record<string, string>> = {
  tokenise: 'tokenize',
  tokenised: 'tokenized',
  tokeniser: 'tokenizer',
  tokenises: 'tokenizes',
  tokenising: 'tokenizing',
  memoise: 'memoize',
  memoised: 'memoized',
  memoises: 'memoizes',
  memoising: 'memoizing',
  serialiser: 'serializer',
  normaliser: 'normalizer',
  initialiser: 'initializer',
  optimiser: 'optimizer',
  randomise: 'randomize',
  randomised: 'randomized',
  parameterise: 'parameterize',
  parameterised: 'parameterized',
  virtualise: 'virtualize',
  virtualised: 'virtualized',
};

// A Map: workspace words such as `constructor` must not reach Object.prototype.
const AMERICAN: ReadonlyMap<string, string> = new Map([...Object.entries(BRITISH_SPELLINGS as Record<string, string>), ...Object.entries(CODE_SPELLINGS)]);

/**
 * Latin and Greek plurals common in code that the Porter stemmer leaves
 * apart from their singular (`indices` -> `indic`, `index` -> `index`).
 * A Map rather than an object literal, where `constructor` would look up
 * Object.prototype's and stem a function's source text.
 */
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ['indices', 'index'],
  ['matrices', 'matrix'],
  ['vertices', 'vertex'],
  ['appendices', 'appendix'],
  ['axes', 'axis'],
  ['analyses', 'analysis'],
  ['criteria', 'criterion'],
  ['children', 'child'],
  ['people', 'person'],
  ['mice', 'mouse'],
  ['geese', 'goose'],
  ['leaves', 'leaf'],
  ['halves', 'half'],
]);

/** Memo sizes: far more distinct words than any codebase's vocabulary, still a few MB at most. */
const MAX_MEMO = 200_000;
