// Why two symbols sit together: the words they share and the words only one
// of them has, from their names, containers and the first paragraph of their
// comments ("both: clone deep · only this one: symbols"), so that a user sees
// what the map put them together for.
import { splitIdentifier } from '../src/core/text/identifiers';
import { STOP_WORDS } from '../src/core/text/stopWords';
import type { MapSymbol } from '../src/shared/types';
import { docSummary } from './text';

/** Words listed per part: enough to say why, short enough for one line. */
const WORDS_SHOWN = 4;

/** A symbol's words, name words first, one per key (see wordKey), as first written. */
export function symbolWords(s: Pick<MapSymbol, 'name' | 'container' | 'comment'>): Map<string, string> {
  const out = new Map<string, string>();
  const add = (word: string, always: boolean) => {
    if (!always && (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word))) return;
    const key = wordKey(word);
    if (!out.has(key)) out.set(key, word);
  };
  for (const w of splitIdentifier(s.name)) add(w, true);
  for (const w of splitIdentifier(s.container)) add(w, false);
  // Names written in the comment (`cloneDeep`) count as their words.
  for (const token of docSummary(s.comment).split(/[^\p{L}\p{N}_$]+/u)) for (const w of splitIdentifier(token)) add(w, false);
  return out;
}

/**
 * Words compared without a plural's `s` and case (`symbols` and `Symbol`
 * agree). A full stemmer would cost the page a dictionary; names and short
 * comments rarely need more.
 */
function wordKey(word: string): string {
  const w = word.toLowerCase();
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

export interface Explanation {
  /** Words both have, in `other`'s order. */
  readonly both: readonly string[];
  /** Words only `other` has. */
  readonly onlyOther: readonly string[];
  /** Words only `selected` has. */
  readonly onlySelected: readonly string[];
}

/** What `other` (a neighbour) shares with `selected` and how they differ. */
export function explain(selected: Pick<MapSymbol, 'name' | 'container' | 'comment'>, other: Pick<MapSymbol, 'name' | 'container' | 'comment'>): Explanation {
  const a = symbolWords(selected);
  const b = symbolWords(other);
  const both: string[] = [];
  const onlyOther: string[] = [];
  for (const [key, word] of b) (a.has(key) ? both : onlyOther).push(word);
  const onlySelected = [...a].filter(([key]) => !b.has(key)).map(([, word]) => word);
  return { both: both.slice(0, WORDS_SHOWN), onlyOther: onlyOther.slice(0, WORDS_SHOWN), onlySelected: onlySelected.slice(0, WORDS_SHOWN) };
}

/** One line for the panel: "both: clone deep · only this one: symbols · only cloneDeep: customizer". */
export function explanationLine(e: Explanation, selectedName: string): string {
  const parts: string[] = [];
  parts.push(e.both.length ? `both: ${e.both.join(' ')}` : 'no words in common');
  if (e.onlyOther.length) parts.push(`only this one: ${e.onlyOther.join(' ')}`);
  if (e.onlySelected.length) parts.push(`only ${selectedName}: ${e.onlySelected.join(' ')}`);
  return parts.join(' · ');
}
