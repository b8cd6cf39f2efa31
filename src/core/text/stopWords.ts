// English function words that carry no meaning in a query or a doc comment.
// Hand-written rather than taken from the `stopword` package: its English list
// holds words that name things in code ("first", "last", "new", "each",
// "every", "some", "all", "any", "not", "same", "over"...), and a ranking that
// drops them cannot tell `first` from `last` or `every` from `some`.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or nor but of to in on at by for from with into onto as
   is are was were be been being am do does did doing has have had having
   if then else how when where why it its this that these those there here which who whom whose what
   i me my we our you your he she him her they them their
   can could should would will shall may might must also just very too than
   so such etc eg ie via per thing things something way want need like please`.split(/\s+/).filter(Boolean),
);

/**
 * Words that say how many, which way or "do something" without saying what.
 * They are matched like any word but never widened to their nearest words by
 * meaning: a word vector's neighbours for these are their siblings, not
 * synonyms (`five`→`two`, `up`→`down`, `give`→`take`, `several`→`few`), as
 * the widening table in eval/RESULTS.md showed.
 */
export const VAGUE_WORDS: ReadonlySet<string> = new Set(
  `zero one two three four five six seven eight nine ten hundred thousand million
   many much several few more most less least some any all every each both none enough lot lots
   up down out off back over under away around along across inside outside
   go goes going gone went get gets getting got give gives giving given make makes making made
   take takes taking took put puts keep keeps keeping kept come comes coming sure
   later early now soon often never always sometimes again
   thing things stuff way ways kind kinds sort`.split(/\s+/).filter(Boolean),
);
