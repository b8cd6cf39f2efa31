// What kind of answer a query asks for, read from how it is phrased. A
// yes-or-no question ("is the date today", "does the list contain it",
// "check whether a string is an email") asks for a predicate: code answers
// it with a function that returns a boolean, and every naming convention
// marks those (`isToday`, `has_key`, `contains`, `empty?`). Word matching
// and averaged word vectors both drop `is`, `does` and `whether` as stop
// words, so without this the question's form is lost.
import { splitIdentifier } from '../text';
import type { IndexedSymbol } from '../types';

/** Words a yes-or-no question opens with. */
const QUESTION_OPENERS = new Set(['is', 'are', 'am', 'was', 'were', 'does', 'do', 'did', 'has', 'have', 'had', 'can', 'could', 'should', 'will', 'would', 'whether']);

/** "check whether ...", "test if ...", "find out whether ...": a question put as a request. */
const ASKED_AS_REQUEST = /^(?:check|test|see|tell(?: me)?|know|determine|verify|find out|work out|ask)\s+(?:if|whether)\b/;

/** A question about something else than yes or no: "how do I…?", "which week…?". */
const WH_WORDS = new Set(['how', 'what', 'which', 'where', 'when', 'why', 'who', 'whom', 'whose']);

/**
 * Questions about the code rather than about its data: "can I cancel a
 * request", "do we retry", "is there a function that flattens arrays". They
 * ask for what does the thing, not for a yes or no.
 */
const ABOUT_THE_CODE =
  /^\p{L}+\s+(?:i|we|you)\b|^(?:is|are)\s+there\s+(?:(?:a|an|any|some)\s+)?(?:function|method|way|helper|utility|util|api|option|command|class|module|library|hook|setting)s?\b/u;

/** True for a query phrased as a yes-or-no question. */
export function asksYesOrNo(query: string): boolean {
  const text = query.trim().toLowerCase();
  const first = /^\p{L}+/u.exec(text)?.[0];
  if (!first || WH_WORDS.has(first) || ABOUT_THE_CODE.test(text)) return false;
  // An opener alone (`has`) is a name looked up, and "do not call exit" is an instruction.
  if (QUESTION_OPENERS.has(first) && /^\p{L}+\s+\S/u.test(text) && !/^\p{L}+\s+not\b/u.test(text)) return true;
  return ASKED_AS_REQUEST.test(text) || text.endsWith('?');
}

/**
 * First words of predicate names in the common conventions (`isEmpty`,
 * `has_key`, `canRead`, `shouldRetry`, `containsKey`, `equalsIgnoreCase`),
 * and the boolean collection methods of most standard libraries (`every`,
 * `some`, `any`, `all`).
 */
const PREDICATE_FIRST_WORDS = new Set([
  'is', 'are', 'was', 'were', 'has', 'have', 'had', 'can', 'could', 'should', 'does', 'did', 'will',
  'contains', 'contain', 'includes', 'include', 'equals', 'equal', 'matches', 'exists', 'needs', 'allows', 'supports', 'accepts',
]);
const BOOLEAN_COLLECTION_METHODS = new Set(['every', 'some', 'any', 'all']);

/**
 * How a comment's summary (its first line) opens when its code answers yes
 * or no: "Checks if…", "Tests whether…", "Returns whether…", "Whether…",
 * "Is the given date today?". Only the summary: further down, "Check the
 * input first" is advice, not a description.
 */
const PREDICATE_SUMMARY = /^(?:(?:checks?|tests?|determines?|returns?)\s+(?:if|whether)|whether)\s|^(?:is|are|does|do|has|have|can)\s[^.\n]*\?/i;
/** Anywhere in a comment: "Returns `true` if…", "@returns {boolean}". */
const PREDICATE_RETURNS = /\breturns?\s+`?true`?\s+(?:if|when|iff)\b|@returns?\s*\{\s*bool(?:ean)?\s*\}/i;

/**
 * True for a symbol that answers a yes-or-no question: declared or seen to
 * return a boolean (ExtractedSymbol.returnsBoolean), or named or documented
 * as a predicate.
 */
export function isPredicateSymbol(symbol: Pick<IndexedSymbol, 'name' | 'comment' | 'kind' | 'returnsBoolean'>): boolean {
  if (symbol.kind !== 'function' && symbol.kind !== 'method') return false;
  if (symbol.returnsBoolean || symbol.name.endsWith('?')) return true;
  const parts = splitIdentifier(symbol.name);
  const first = parts[0];
  if (first && parts.length > 1 && PREDICATE_FIRST_WORDS.has(first)) return true;
  if (parts.length === 1 && first && (BOOLEAN_COLLECTION_METHODS.has(first) || PREDICATE_FIRST_WORDS.has(first))) return true;
  return PREDICATE_SUMMARY.test(symbol.comment.trimStart()) || PREDICATE_RETURNS.test(symbol.comment);
}
