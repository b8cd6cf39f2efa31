// Identifier splitting: `parseHTTPResponse2` -> ['parse', 'http', 'response', '2'].
// Hand-written rather than taken from a library: the npm splitters (change-case,
// decamelize, camelcase...) convert between cases but drop digits, mishandle
// plural acronyms (`URLs`) or are ASCII-only; this is one regular expression.

/** Identifiers longer than this are cut before splitting (minified or generated names). */
const MAX_IDENTIFIER_CHARS = 200;
/** More words than this in one name is noise, not meaning (e.g. long generated names). */
const MAX_IDENTIFIER_WORDS = 16;

// One word of an identifier, tried in order:
//  0. an acronym with one lower-case letter before a digit, a capital or the
//     end (`IPv` in `IPv4Address`, `HTTPv2`), so that it splits as "ipv4"
//     does, not into `i pv`;
//  1. an acronym with a plural `s` (`URLs`, `IDs`) not followed by lower case;
//  2. an acronym right before a capitalised word (`HTTP` in `HTTPServer`);
//  3. a capitalised or lower-case word, with caseless letters (CJK) and marks;
//  4. a run of capitals (`HTTP` at the end, `MAX` in SCREAMING_CASE);
//  5. a run of digits.
// Anything else (`_`, `-`, `$`, `.`, spaces) separates words.
const WORD =
  /[\p{Lu}\p{Lt}]{2,}\p{Ll}(?=[\p{N}\p{Lu}\p{Lt}]|$)|[\p{Lu}\p{Lt}]{2,}s(?!\p{Ll})|[\p{Lu}\p{Lt}]+(?=[\p{Lu}\p{Lt}]\p{Ll})|[\p{Lu}\p{Lt}]?[\p{Ll}\p{Lo}\p{Lm}\p{M}]+|[\p{Lu}\p{Lt}][\p{Lu}\p{Lt}\p{M}]*|\p{N}+/gu;

/** The lower-case words of an identifier (any naming convention), in order. */
export function splitIdentifier(name: string): string[] {
  const words: string[] = [];
  for (const match of name.slice(0, MAX_IDENTIFIER_CHARS).matchAll(WORD)) {
    words.push(match[0].toLowerCase());
    if (words.length === MAX_IDENTIFIER_WORDS) break;
  }
  return words;
}
