// Symbol extraction with tree-sitter: every language @vscode/tree-sitter-wasm
// ships that has symbols, through one engine (engine.ts) driven by a query and
// a few tables per language (languages/*.ts).
//
// Grammars load once per process, lazily per language. Parsing is synchronous
// once a grammar is loaded, so one parser per language is shared safely by
// concurrent calls on the same thread; each tree is freed after use.
// ExtractorPool (pool.ts) runs the same extraction on worker threads.
//
// What a symbol holds, beyond src/core/types.ts:
// - container: the enclosing classes, namespaces, modules, impl blocks,
//   object literals bound to a name, and functions, dotted (`Shape.area`,
//   `outer.helper`); an assignment's target adds its object (`Foo` for
//   `Foo.prototype.m = …`, the receiver type for a Go method).
// - name: an anonymous default export (`export default function () {}`,
//   `module.exports = …`) is named after its file's stem, or its folder for an
//   `index` file, since that is how importers name it.
// - comment: markers removed, one line of text per comment line (tags such as
//   `@param name …` start their own line, as src/core/text/comment.ts expects).
// - returnsBoolean: by a declared return type where the language has one
//   (see the `booleanReturns` of languages/*.ts), else, in JavaScript,
//   TypeScript and Python, by every `return` of the function's own body
//   (returns.ts).
// - names are cut at MAX_NAME_LENGTH, containers at MAX_CONTAINER_LENGTH,
//   comments at MAX_COMMENT_LENGTH, parameter lists at MAX_PARAMS.
import { throwIfAborted, type ExtractedSymbol } from '../types';
import { definitionsFrom, symbolsFrom } from './engine';
import { languageForFile } from './languages';
import { SPECS } from './languages/index';
import { loadLanguage, type LoadedLanguage } from './loader';
import type { LanguageSpec } from './spec';

export { languageForFile, SUPPORTED_EXTENSIONS, type LanguageId } from './languages';
export { MAX_COMMENT_LENGTH } from './comments';
export { MAX_NAME_LENGTH, MAX_PARAMS } from './names';
export { MAX_CONTAINER_LENGTH } from './engine';
export { ExtractorPool, type ExtractorPoolOptions, type ExtractResult } from './pool';

/**
 * The symbols of one file, in source order; [] for an unsupported extension or
 * a file with none. Never throws for bad input (syntax errors, CRLF, a BOM,
 * any Unicode, a huge single line): it keeps every definition that parses.
 * Rejects only when the language's grammar cannot be loaded, with an error
 * naming the language, or with CancelledError when `signal` fires (checked
 * while parsing too, which takes seconds for a multi-megabyte file).
 */
export async function extractSymbols(file: string, source: string, signal?: AbortSignal): Promise<ExtractedSymbol[]> {
  throwIfAborted(signal);
  const language = languageForFile(file);
  if (!language) return [];
  const spec = SPECS[language];
  const loaded = await loadLanguage(language, queryOf(spec));
  throwIfAborted(signal);
  // A BOM is not code (TextDecoder usually drops it already); removing it
  // changes no line number.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  // Parsing error regions again costs at most one more parse of the whole file.
  const recovery = { regionsLeft: MAX_RECOVERED_REGIONS, charsLeft: text.length };
  const symbols = extractText(file, text, spec, loaded, 0, recovery, signal);
  throwIfAborted(signal);
  return symbols;
}

const queries = new Map<LanguageSpec, string>();

/** The language's query plus one capturing its comments. */
function queryOf(spec: LanguageSpec): string {
  let query = queries.get(spec);
  if (query === undefined) {
    query = `${spec.query}\n[${spec.commentNodes.map((type) => `(${type})`).join(' ')}] @comment\n`;
    queries.set(spec, query);
  }
  return query;
}

/**
 * How many times a top-level syntax error's region is parsed again on its own.
 * Once recovers the usual case (an error that swallows the rest of the file);
 * a second time covers a second error further down.
 */
const MAX_RECOVERY_DEPTH = 2;
/** Syntax-error regions parsed again per file at most (all levels together), the largest first. */
const MAX_RECOVERED_REGIONS = 8;

/**
 * Time allowed to parse or to query one file, in milliseconds: a base plus a
 * share per character. tree-sitter reads ordinary code at 2-5 MB/s here (1 MB
 * in well under a second), but crafted input (100,000 unclosed brackets under
 * one error node) makes its query cursor quadratic; past the budget the file
 * yields what was found so far instead of stalling indexing for minutes.
 */
const BUDGET_BASE_MS = 5_000;
const BUDGET_MS_PER_CHAR = 0.005;

function extractText(
  file: string,
  text: string,
  spec: LanguageSpec,
  loaded: LoadedLanguage,
  depth: number,
  /** Shared by the nested parses of one file. */
  recovery: { regionsLeft: number; charsLeft: number },
  signal: AbortSignal | undefined,
): ExtractedSymbol[] {
  if (text.length === 0) return [];
  const budget = BUDGET_BASE_MS + text.length * BUDGET_MS_PER_CHAR;
  const deadline = performance.now() + budget;
  // The callback is typed as returning void, but tree-sitter stops parsing when
  // it returns true. It is called very often, so the clock and the signal are
  // read on every 256th call only.
  let calls = 0;
  const progressCallback = (() => (++calls & 255) === 0 && (performance.now() > deadline || signal?.aborted === true)) as () => void;
  const tree = loaded.parser.parse(text, null, { progressCallback });
  if (!tree) {
    loaded.parser.reset();
    return [];
  }
  let symbols: ExtractedSymbol[];
  const recovered: ExtractedSymbol[][] = [];
  try {
    const remaining = Math.max(1, deadline - performance.now());
    const found = definitionsFrom(loaded.query.matches(tree.rootNode, { timeoutMicros: Math.round(remaining * 1000) }));
    // tree-sitter keeps going after a syntax error, but a top-level ERROR node
    // can swallow the rest of the file, hiding good definitions as loose
    // tokens. Parsing the error's region again from its second line gets them.
    if (depth < MAX_RECOVERY_DEPTH && recovery.regionsLeft > 0 && tree.rootNode.hasError) {
      const regions: { from: number; to: number; rowOffset: number }[] = [];
      for (const node of tree.rootNode.children) {
        if (!node?.isError) continue;
        const newline = text.indexOf('\n', node.startIndex);
        if (newline >= 0 && newline + 1 < node.endIndex) regions.push({ from: newline + 1, to: node.endIndex, rowOffset: node.startPosition.row + 1 });
      }
      // The largest errors hide the most; a file of garbage has thousands of small ones not worth a parse each.
      const chosen: typeof regions = [];
      for (const region of regions.sort((a, b) => b.to - b.from - (a.to - a.from))) {
        if (chosen.length >= recovery.regionsLeft) break;
        if (region.to - region.from > recovery.charsLeft) continue;
        recovery.charsLeft -= region.to - region.from;
        chosen.push(region);
      }
      recovery.regionsLeft -= chosen.length;
      for (const { from, to, rowOffset } of chosen) {
        const again = extractText(file, text.slice(from, to), spec, loaded, depth + 1, recovery, signal);
        recovered.push(again.map((s) => ({ ...s, line: s.line + rowOffset, endLine: s.endLine + rowOffset })));
      }
      const defs = found.defs.filter((d) => !chosen.some((r) => d.start >= r.from && d.start < r.to));
      symbols = symbolsFrom({ ...found, defs }, file, text, spec);
    } else {
      symbols = symbolsFrom(found, file, text, spec);
    }
  } finally {
    tree.delete();
  }
  if (recovered.length === 0) return symbols;
  return symbols.concat(...recovered).sort((a, b) => a.line - b.line || b.endLine - a.endLine);
}
